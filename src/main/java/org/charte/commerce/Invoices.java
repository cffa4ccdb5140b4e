package org.charte.commerce;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.Plausible;
import org.jspecify.annotations.Nullable;

/**
 * Invoices and payments (policy §4.1, billing and payment), unpaid invoices (§4.1, unpaid invoices
 * and litigation). Card payments keep only a provider token and the last four digits (L7).
 */
public interface Invoices {

    /** A new invoice; without {@code issuedOn} it is dated today. It may name the order or subscription it bills. */
    record NewInvoice(@Nullable @Plausible LocalDate issuedOn, @NotNull @Plausible LocalDate dueOn,
            @NotNull @DecimalMin(value = "0.01", message = "must be at least 0.01") @Digits(integer = 10, fraction = 2) BigDecimal amount,
            @NotBlank @Size(max = 3) @Pattern(regexp = "EUR", message = "must be EUR") String currency,
            @Nullable UUID orderId, @Nullable UUID subscriptionId) {}

    /**
     * A payment; without {@code paidOn} it is dated today. A card payment carries the payment
     * provider's token and the card's last four digits, nothing else.
     */
    record NewPayment(
            @NotNull @DecimalMin(value = "0.01", message = "must be at least 0.01") @Digits(integer = 10, fraction = 2) BigDecimal amount,
            @NotBlank @Size(max = 3) @Pattern(regexp = "EUR", message = "must be EUR") String currency,
            @Nullable @Plausible LocalDate paidOn,
            @NotNull Payment.Method method,
            @Nullable @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9_-]{8,128}", message = "must be the payment provider's token: 8 to 128 letters, digits, '-' or '_'")
            String cardToken,
            @Nullable @Size(max = 4) @Pattern(regexp = "[0-9]{4}", message = "must be the last four digits of the card") String cardLastFour) {}

    /** Issues an invoice, numbered without gaps (purpose {@code billing}, a new record). */
    Invoice issue(Actor actor, UUID subjectId, NewInvoice invoice);

    /** Records a payment (purpose {@code billing}, a new record); paid in full, the invoice is PAID and {@link InvoicePaid} raised. */
    Payment pay(Actor actor, UUID invoiceId, NewPayment payment);

    /**
     * Marks an invoice past its due date and not paid in full as unpaid (purpose
     * {@code unpaid-litigation}; needs a grant) and raises {@link InvoiceUnpaid}.
     */
    Invoice markUnpaid(Actor actor, UUID invoiceId);

    Invoice find(Actor actor, String purpose, UUID invoiceId);

    List<Invoice> ofSubject(Actor actor, String purpose, UUID subjectId);
}
