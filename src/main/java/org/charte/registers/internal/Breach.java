package org.charte.registers.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One breach as the register holds it (L6). */
public record Breach(UUID id, String title, Instant discoveredAt, String discoveredHow, Set<BreachNature> nature,
        List<String> categories, long approximatePeople, long approximateRecords, String consequences, String measuresTaken,
        String measuresPlanned, @Nullable BreachRisk risk, @Nullable String riskReasons, @Nullable Instant notifiedAt,
        @Nullable String reasonsForDelay, @Nullable String cnilReference, @Nullable Instant peopleToldAt,
        @Nullable String peopleToldHow, @Nullable String compromisedActor, @Nullable Instant windowFrom,
        @Nullable Instant windowTo, String recordedBy, Instant recordedAt) {

    public BreachClock clock() {
        return new BreachClock(discoveredAt);
    }

    /** The clock stops once the CNIL is notified, or once the assessment finds no risk. */
    public boolean clockStopped() {
        return notifiedAt != null || risk == BreachRisk.NONE;
    }

    public BreachClock.State state(Instant now) {
        return clock().state(now, clockStopped());
    }

    /** One step of its history. */
    public record Step(Instant at, String actor, String kind, @Nullable BreachRisk risk, @Nullable String text) {}
}
