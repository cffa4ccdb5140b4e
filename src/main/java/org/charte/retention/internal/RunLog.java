package org.charte.retention.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.common.Ids;
import org.charte.policy.CurrentPolicy;
import org.charte.retention.RetentionRuns.HeldItem;
import org.charte.retention.RetentionRuns.Proof;
import org.charte.retention.RetentionRuns.Report;
import org.charte.retention.RetentionRuns.Status;
import org.charte.retention.RetentionRuns.Trigger;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The one run log (R5.6) of the retention runs ({@link RetentionEngine}) and of one person's erasure
 * ({@link RequestErasures}, a one-person run): a run opens with its day, trigger and policy version,
 * each batch adds its proofs (a keyed hash per erased id, nothing personal), counts, what holds kept
 * and a heartbeat, in the caller's transaction; the run finishes with a status and goes in the audit
 * log, codes and counts only. Rows through {@link JdbcRunLog}.
 */
@Component
class RunLog {

    /** What holds kept, as shown with a run loaded alone. */
    static final int HELD_SHOWN = 1000;

    private final JdbcRunLog rows;
    private final Vault vault;
    private final Ids ids;
    private final Clock clock;
    private final CurrentPolicy policy;
    private final AuditLog audit;

    RunLog(JdbcRunLog rows, Vault vault, Ids ids, Clock clock, CurrentPolicy policy, AuditLog audit) {
        this.rows = rows;
        this.vault = vault;
        this.ids = ids;
        this.clock = clock;
        this.policy = policy;
        this.audit = audit;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** Opens a run (RUNNING) under the policy in force, with a line per rule in this order and what is due for it; returns its id. */
    UUID open(LocalDate asOf, boolean dryRun, Trigger trigger, int batchSize, Map<String, Long> dueByRule) {
        UUID runId = ids.next();
        rows.insertRun(runId, asOf, dryRun, trigger, batchSize, policy.version().id(), now());
        int position = 0;
        for (var entry : dueByRule.entrySet()) {
            rows.insertCount(runId, entry.getKey(), position++, entry.getValue());
        }
        return runId;
    }

    /**
     * What a batch of a rule did, in the batch's transaction: a proof per erasure (none when dry),
     * the rule's counts, what holds kept, the run's heartbeat.
     */
    void batch(UUID runId, String ruleId, LocalDate asOf, boolean dryRun, RetentionStep.Outcome outcome) {
        OffsetDateTime now = now();
        if (!dryRun && !outcome.erased().isEmpty()) {
            List<JdbcRunLog.ProofRow> proofs = new ArrayList<>(outcome.erased().size());
            for (RetentionStep.Erasure erasure : outcome.erased()) {
                proofs.add(new JdbcRunLog.ProofRow(ids.next(), runId, ruleId, erasure.recordType(), proofHash(erasure.id()), asOf, now));
            }
            rows.insertProofs(proofs);
        }
        rows.addCounts(runId, ruleId, outcome.erased().size(), outcome.records(), outcome.archived(), outcome.held().size(), outcome.skipped());
        rows.insertHeld(runId, outcome.held());
        rows.heartbeat(runId, now);
    }

    void finish(UUID runId, Status status, @Nullable String failure) {
        rows.finish(runId, status, now(), failure);
    }

    /**
     * Runs left RUNNING by a process that died: those whose heartbeat is older than the lock's
     * longest hold, and, for the holder of the lock, every other run that erases.
     */
    void interruptStale(boolean holdingLock, Duration longestHold) {
        OffsetDateTime now = now();
        rows.interruptSilent(now, now.minus(longestHold));
        if (holdingLock) {
            rows.interruptErasing(now);
        }
    }

    /** The run in the audit log, as the system: codes and counts only (never a person). */
    void audit(UUID runId, String action, String reason) {
        audit.append(new AuditEvent("system", action, null, "retention-run", runId.toString(), null, List.of(), AuditOutcome.ALLOWED, reason));
    }

    /** The keyed hash a proof holds for an id. */
    String proofHash(UUID erasedId) {
        return vault.blindIndex("erasure-proof", erasedId.toString());
    }

    /** A run with its counts, and what holds kept (the first {@value #HELD_SHOWN}) when {@code withHeld}. */
    Optional<Report> find(UUID runId, boolean withHeld) {
        return rows.run(runId).map(run -> report(run, withHeld));
    }

    List<Report> recent(int limit) {
        return rows.recent(limit).stream().map(run -> report(run, false)).toList();
    }

    private Report report(JdbcRunLog.RunRow run, boolean withHeld) {
        return new Report(run.id(), run.asOf(), run.dryRun(), run.trigger(), run.status(), run.startedAt(), run.finishedAt(), rows.counts(run.id()),
                withHeld ? rows.held(run.id(), HELD_SHOWN) : List.of());
    }

    List<HeldItem> held(UUID runId, int limit) {
        return rows.held(runId, limit);
    }

    List<Proof> proofs(UUID runId, int limit) {
        return rows.proofs(runId, limit);
    }
}
