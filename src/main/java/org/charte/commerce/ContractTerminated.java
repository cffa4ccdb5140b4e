package org.charte.commerce;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A subscription was terminated (résiliation): hosting and retention count from this day (policy §5,
 * {@code termination} and {@code contract-end} start events).
 */
public record ContractTerminated(UUID subscriptionId, UUID subjectId, LocalDate terminatedOn) {}
