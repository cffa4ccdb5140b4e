package org.charte.audit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of walking the audit chain: intact, or the first problem found.
 *
 * @param entriesChecked the entries found sound before the first problem (all of them when intact)
 */
public record AuditVerification(boolean intact, long entriesChecked, @Nullable Problem firstProblem) {

    public AuditVerification {
        if (intact != (firstProblem == null)) {
            throw new IllegalArgumentException("a verification is intact exactly when it names no problem");
        }
    }

    public static AuditVerification intact(long entriesChecked) {
        return new AuditVerification(true, entriesChecked, null);
    }

    public static AuditVerification broken(long entriesChecked, Problem problem) {
        return new AuditVerification(false, entriesChecked, Objects.requireNonNull(problem, "problem"));
    }

    /** What is wrong, at which entry, in a sentence. */
    public record Problem(Kind kind, long seq, String detail) {
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public enum Kind {
        /** An entry's content no longer matches the hash the chain holds for it. */
        ALTERED,
        /** Entries are missing from the middle (or the start) of the chain. */
        REMOVED,
        /** An entry that was never part of the chain has been added. */
        INSERTED,
        /** Genuine entries sit in a different order than the chain links them. */
        REORDERED,
        /** The last entries are missing: the chain's head records more than the log holds. */
        TRUNCATED
    }
}
