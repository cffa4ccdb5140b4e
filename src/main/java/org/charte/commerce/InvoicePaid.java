package org.charte.commerce;

import java.time.LocalDate;
import java.util.UUID;

/** An invoice is paid in full: a legal hold raised by its being unpaid may end. */
public record InvoicePaid(UUID invoiceId, UUID subjectId, LocalDate paidOn) {}
