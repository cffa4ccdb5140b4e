package org.charte.commerce;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A payment on an invoice. For a card (L7) only the payment provider's token and the last four digits
 * are kept, until {@code cardKeptUntil} (13 months after the debit); the token is never shown.
 */
public record Payment(UUID id, UUID invoiceId, LocalDate paidOn, String currency, BigDecimal amount, Method method,
        @Nullable String cardLastFour, @Nullable LocalDate cardKeptUntil) {

    public enum Method { CARD, TRANSFER, DIRECT_DEBIT, CHEQUE, CASH }
}
