package org.charte.support;

import java.time.LocalDate;
import java.util.UUID;

/** A client (or prospect) asked for support: a ticket exists, on which a support subcontractor may be authorised. */
public record TicketOpened(UUID ticketId, String reference, UUID subjectId, LocalDate openedOn) {}
