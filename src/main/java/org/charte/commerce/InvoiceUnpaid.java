package org.charte.commerce;

import java.time.LocalDate;
import java.util.UUID;

/** An invoice was marked unpaid after its due date (impayé): retention will hold the person's billing data. */
public record InvoiceUnpaid(UUID invoiceId, UUID subjectId, LocalDate dueOn) {}
