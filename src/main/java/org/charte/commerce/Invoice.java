package org.charte.commerce;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An invoice (policy §3.2, billing) with what has been paid on it. */
public record Invoice(UUID id, UUID subjectId, String number, LocalDate issuedOn, LocalDate dueOn, String currency,
        BigDecimal amount, BigDecimal paid, Status status, @Nullable LocalDate unpaidSince, @Nullable LocalDate paidOn,
        @Nullable UUID orderId, @Nullable UUID subscriptionId, List<Payment> payments) {

    /** ISSUED until paid in full; UNPAID once marked so after its due date (impayé). */
    public enum Status { ISSUED, PAID, UNPAID }
}
