package org.charte.commerce;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A litigation with a client (contentieux), about some invoices; the reason is personal and sealed at rest. */
public record Litigation(UUID id, UUID subjectId, LocalDate openedOn, String reason, List<UUID> invoiceIds,
        @Nullable LocalDate closedOn, @Nullable String outcome) {}
