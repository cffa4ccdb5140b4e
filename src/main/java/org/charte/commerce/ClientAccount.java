package org.charte.commerce;

import java.time.Instant;
import java.util.UUID;

/** A client's account on Gestan Cloud (policy §3.2): the access code; the password is never shown, nor kept but as a hash. */
public record ClientAccount(UUID subjectId, String accessCode, Instant createdAt, Instant passwordChangedAt) {}
