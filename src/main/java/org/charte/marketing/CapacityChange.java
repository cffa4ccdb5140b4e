package org.charte.marketing;

import java.time.Instant;
import java.util.UUID;

/** One entry of a person's capacity history. */
public record CapacityChange(UUID id, UUID subjectId, Capacity capacity, Instant recordedAt, String recordedBy) {}
