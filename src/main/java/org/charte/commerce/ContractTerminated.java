package org.charte.commerce;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A subscription was terminated (résiliation), or a fixed-term one ran out (published once, by the daily
 * review, as of its end date): hosting and retention count from this day (policy §5,
 * {@code termination} and {@code contract-end} start events).
 */
public record ContractTerminated(UUID subscriptionId, UUID subjectId, LocalDate terminatedOn) {}
