package org.charte.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A policy file Charte has run with; records made under it point to its id (R1.1). */
public record PolicyVersion(UUID id, String label, LocalDate effectiveDate, String sha256,
        Instant firstLoaded, Instant lastLoaded) {}
