package org.charte.commerce;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.Plausible;
import org.charte.common.SingleLine;
import org.jspecify.annotations.Nullable;

/**
 * Orders and their deliveries (policy §4.1: orders; deliveries and order tracking). An order is an
 * inbound contact: it moves the person's last contact, from which retention counts.
 */
public interface Orders {

    record NewLine(
            @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Z0-9][A-Z0-9._-]{0,39}", message = "must be a product code: capitals, digits, '.', '-' or '_'")
            String productCode,
            @Min(1) @Max(100000) int quantity,
            @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal unitPrice) {}

    /** A new order; without {@code orderedOn} it is dated today (an order received by post may be earlier). */
    record NewOrder(@Nullable @Plausible LocalDate orderedOn,
            @NotBlank @Size(max = 3) @Pattern(regexp = "EUR", message = "must be EUR") String currency,
            @NotEmpty @Size(max = 200) List<@Valid @NotNull NewLine> lines) {}

    record NewDelivery(@NotNull @Valid DeliveryAddress address,
            @NotBlank @Size(max = 40) @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}", message = "must be a carrier code such as colissimo") String carrier,
            @Nullable @Size(max = 60) @SingleLine String trackingNumber) {}

    record TrackingUpdate(@NotNull Delivery.Status status, @Nullable @Size(max = 60) @SingleLine String trackingNumber) {}

    /** Records an order (purpose {@code orders}, a new record) and the contact it is. */
    Order place(Actor actor, UUID subjectId, NewOrder order);

    List<Order> ofSubject(Actor actor, String purpose, UUID subjectId);

    Order find(Actor actor, String purpose, UUID orderId);

    /** Records a delivery of an order to an address (purpose {@code deliveries}, a new record). */
    Delivery deliver(Actor actor, UUID orderId, NewDelivery delivery);

    /** Updates a delivery's tracking (purpose {@code deliveries}; needs a grant on the person). */
    Delivery track(Actor actor, UUID deliveryId, TrackingUpdate update);

    /** The deliveries of an order, addresses opened: categories {@code orders} and {@code contact}. */
    List<Delivery> deliveries(Actor actor, String purpose, UUID orderId);

    /**
     * Every delivery of a person's orders, addresses opened, in one decision (categories {@code orders}
     * and {@code contact}) and one query: what a person's whole file (an access request) reads.
     */
    List<Delivery> deliveriesOfSubject(Actor actor, String purpose, UUID subjectId);
}
