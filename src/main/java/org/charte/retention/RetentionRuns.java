package org.charte.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Retention runs (R5.6): erase whatever is past its limit as of a day, in batches of one
 * transaction each, with a proof per erased person or record; or, dry, say what would go and what
 * legal holds keep. A run killed at any moment leaves nothing half-erased, and the next run
 * finishes the work (and marks the killed one INTERRUPTED). Runs that erase take a cluster-wide
 * lock: one at a time.
 */
public interface RetentionRuns {

    /**
     * Who started a run: the nightly job, the command line, the JSON API, the DPO's back-office page;
     * {@code REQUEST}: one person's erasure at their request or by their directives ({@link Erasures}).
     */
    enum Trigger { SCHEDULED, COMMAND, API, BACKOFFICE, REQUEST }

    enum Status { RUNNING, COMPLETED, INTERRUPTED, FAILED }

    /** What to run: as of which day, dry or not, who asked, how many people or records per batch. */
    record Request(LocalDate asOf, boolean dryRun, Trigger trigger, int batchSize) {
        public Request {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("the batch size must be between 1 and 10000");
            }
        }
    }

    /**
     * Told as a run goes: what is due per rule when it starts, then after every batch.
     * Called on the running thread; keep it quick.
     */
    interface ProgressListener {
        default void started(UUID runId, Map<String, Long> dueByRule) {}

        default void progressed(String ruleId, long done, long due) {}

        ProgressListener NONE = new ProgressListener() {};
    }

    /**
     * Per rule: due when the run began; people or records erased (for a person, all of their data);
     * rows erased in all (records); archive entries written; items a legal hold kept; items no
     * longer due when re-checked in their batch (a new contact, a new contract).
     */
    record RuleCounts(String ruleId, long due, long erased, long records, long archived, long held, long skipped) {}

    /** Something a legal hold kept: the rule, the record (a person, an invoice, ...), the hold. */
    record HeldItem(String ruleId, String recordType, UUID recordId, @Nullable UUID subjectId, UUID holdId, LegalHolds.Kind kind,
            String reasonCode, @Nullable LocalDate endsOn) {}

    /**
     * A run, with its counts per rule and, when loaded alone ({@link #run}, {@link #find}), what holds
     * kept (the first 1,000, as stored with the run; {@link #held} pages further). {@link #recent}
     * leaves {@code held} empty.
     */
    record Report(UUID id, LocalDate asOf, boolean dryRun, Trigger trigger, Status status, Instant startedAt, @Nullable Instant finishedAt,
            List<RuleCounts> rules, List<HeldItem> held) {

        public long erased() {
            return rules.stream().mapToLong(RuleCounts::erased).sum();
        }

        public long archived() {
            return rules.stream().mapToLong(RuleCounts::archived).sum();
        }

        public long heldCount() {
            return rules.stream().mapToLong(RuleCounts::held).sum();
        }
    }

    /** A proof of erasure: no personal data, a keyed hash of the erased id. */
    record Proof(UUID id, UUID runId, String ruleId, String recordType, String recordHash, LocalDate asOf, Instant erasedAt) {}

    /**
     * Runs retention now.
     *
     * @throws RunInProgressException when another run that erases holds the lock
     */
    Report run(Request request, ProgressListener listener);

    /** The latest runs, newest first, with their counts. */
    List<Report> recent(int limit);

    Optional<Report> find(UUID runId);

    /** What holds kept in a run, dry or real (as stored in the run's batches), by rule, record and hold: the first {@code limit}. */
    List<HeldItem> held(UUID runId, int limit);

    /** A run's proofs, in order. */
    List<Proof> proofs(UUID runId, int limit);

    /** The keyed hash a proof holds for an id: whoever knows an erased id can find its proof. */
    String proofHash(UUID erasedId);

    /** What will be due per rule, week by week, over the next {@code days} days from today. */
    record Forecast(String ruleId, long dueNow, List<Week> weeks) {}

    /** People or records that become due during the week ending on {@code until}. */
    record Week(LocalDate from, LocalDate until, long becomingDue) {}

    List<Forecast> forecast(int days);

    /**
     * Per rule: what is due today, and in all (today's included) by today plus each of {@code days}:
     * one count per horizon, for an overview that must stay cheap on large data (the DPO's page).
     */
    List<Outlook> outlook(List<Integer> days);

    record Outlook(String ruleId, long dueNow, List<Long> dueWithin) {}

    /** Another run that erases is in progress (on this node or another). */
    class RunInProgressException extends RuntimeException {
        public RunInProgressException(String message) {
            super(message);
        }
    }
}
