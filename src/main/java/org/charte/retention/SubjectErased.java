package org.charte.retention;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A person was erased for good by a retention run (their data, their key): for modules that keep
 * something about them (a cookie consent, a rights request) to forget it too.
 */
public record SubjectErased(UUID subjectId, String ruleId, UUID runId, LocalDate asOf) {}
