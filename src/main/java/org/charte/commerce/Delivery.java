package org.charte.commerce;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A delivery of an order and its tracking (policy §4.1, deliveries and order tracking). */
public record Delivery(UUID id, UUID orderId, UUID subjectId, DeliveryAddress address, String carrier,
        @Nullable String trackingNumber, Status status, Instant updatedAt) {

    public enum Status { PREPARING, SHIPPED, DELIVERED, RETURNED, LOST }
}
