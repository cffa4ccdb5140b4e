package org.charte.retention.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.charte.retention.LegalHolds;
import org.charte.retention.SubjectErased;
import org.charte.retention.RetentionRuns;

/**
 * One rule of the retention run, pluggable: a Spring bean implementing it joins every run (the
 * built-in ones cover card references, prospects, inactive clients, the archive's expiry and
 * hosted databases, the proofs of cookie choices and navigation data; a rule with no step is in
 * no run). The run pages through {@link #dueIds} and
 * calls {@link #apply} with each page inside one transaction, then writes a proof for each
 * {@link Erasure} and counts. A step whose {@link #ruleId} another bean also declares is replaced
 * by the one with the lowest {@link #order} that is not built in.
 */
interface RetentionStep {

    /** The policy's retention rule this step applies (or {@code archive} for the archive's expiry). */
    String ruleId();

    /** Where in the run (lower first). Built-in steps use 10 to 50. */
    default int order() {
        return 100;
    }

    /** How many people or records are due on that day, before re-checks and holds. */
    long countDue(LocalDate asOf);

    /** A page of due ids, in id order after {@code after} (keyset paging); reads only. */
    List<UUID> dueIds(LocalDate asOf, @Nullable UUID after, int limit);

    /**
     * Inside the batch's transaction: locks and re-checks each id, leaves what {@link Batch#holds}
     * keep, and, unless the run is dry, erases (and archives) the rest. Must be all-or-nothing with
     * the transaction: never commit on its own.
     */
    Outcome apply(Batch batch, List<UUID> ids);

    /** The batch's context: its run, the day it counts as, whether dry, and the holds in force. */
    record Batch(UUID runId, String ruleId, LocalDate asOf, boolean dryRun, LegalHolds holds) {}

    /**
     * Something erased: the kind of record ({@code subject} for a person and all their data,
     * {@code subject-records} for a held person's other records), its id, its person, and whether
     * the person is gone (then {@link SubjectErased} is published).
     */
    record Erasure(String recordType, UUID id, @Nullable UUID subjectId, boolean subjectErased) {}

    /** What a batch did: erasures (a proof each), rows erased in all, archive entries written, what holds kept, ids no longer due. */
    record Outcome(List<Erasure> erased, long records, long archived, List<RetentionRuns.HeldItem> held, long skipped) {
        public static Outcome nothing(long skipped) {
            return new Outcome(List.of(), 0, 0, List.of(), skipped);
        }
    }
}
