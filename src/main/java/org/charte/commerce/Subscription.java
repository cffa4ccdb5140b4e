package org.charte.commerce;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A subscription to a Gestan Cloud plan: taken on {@code subscribedOn}, in force from {@code startsOn},
 * until {@code endsOn} (a fixed term) or its termination (résiliation).
 */
public record Subscription(UUID id, UUID subjectId, String planCode, LocalDate subscribedOn, LocalDate startsOn,
        @Nullable LocalDate endsOn, @Nullable LocalDate terminatedOn, Status status) {

    public enum Status { RUNNING, ENDED, TERMINATED }

    /** Where a subscription stands on a day. */
    public static Status statusOn(@Nullable LocalDate endsOn, @Nullable LocalDate terminatedOn, LocalDate day) {
        if (terminatedOn != null) {
            return Status.TERMINATED;
        }
        return endsOn != null && endsOn.isBefore(day) ? Status.ENDED : Status.RUNNING;
    }
}
