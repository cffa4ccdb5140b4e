package org.charte.commerce;

import java.time.LocalDate;
import java.util.UUID;

/** A litigation was closed: the legal hold it raised may end (limitation periods run from here). */
public record LitigationClosed(UUID litigationId, UUID subjectId, LocalDate closedOn, String outcome) {}
