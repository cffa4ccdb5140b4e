package org.charte.commerce;

import java.time.LocalDate;
import java.util.UUID;

/** A litigation (contentieux) was opened with a person: retention will hold their data until it closes. */
public record LitigationOpened(UUID litigationId, UUID subjectId, LocalDate openedOn) {}
