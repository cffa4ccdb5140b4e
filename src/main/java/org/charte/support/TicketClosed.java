package org.charte.support;

import java.time.LocalDate;
import java.util.UUID;

/** A ticket was closed: every grant it opened has ended. */
public record TicketClosed(UUID ticketId, String reference, UUID subjectId, LocalDate closedOn) {}
