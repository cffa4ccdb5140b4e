package org.charte.marketing;

import java.time.Instant;
import java.util.UUID;

/** A prospecting call attempt as recorded (L2): codes, instants and the typed id of the agent, no free text. */
public record PhoneCall(UUID id, UUID subjectId, String purpose, Instant calledAt, CallOutcome outcome, Instant recordedAt, String recordedBy) {}
