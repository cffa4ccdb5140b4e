package org.charte.marketing;

import java.util.UUID;

/** A person's capacity (consumer or professional) was recorded. */
public record CapacityChanged(UUID changeId, UUID subjectId, Capacity capacity) {}
