package org.charte.registers.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.charte.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The 72-hour clock of a personal-data breach (L6, GDPR Art. 33(1)): a breach likely to harm
 * people is notified to the CNIL within 72 hours of its discovery; past that, the notification
 * says why it is late. The DPO is warned when {@link #NEAR_DUE} or less is left, and again when the
 * time is up. The clock stops when the CNIL is notified, or when the assessment finds no risk (the
 * breach is then only recorded, Art. 33(5)).
 *
 * @param discoveredAt when the controller became aware of the breach (the clock's start)
 */
public record BreachClock(Instant discoveredAt) {

    /** Art. 33(1): "without undue delay and, where feasible, not later than 72 hours after having become aware of it". */
    public static final Duration WINDOW = Duration.ofHours(72);
    /** How much time left makes a breach near due: a working day to finish the notification. */
    public static final Duration NEAR_DUE = Duration.ofHours(24);

    /** Where a breach stands against its clock. */
    public enum State {
        /** More than {@link #NEAR_DUE} left. */
        RUNNING,
        /** {@link #NEAR_DUE} or less left. */
        NEAR_DUE,
        /** The 72 hours are over and the CNIL was not notified. */
        OVERDUE,
        /** The clock stopped: notified, or assessed as without risk. */
        STOPPED
    }

    public BreachClock {
        Objects.requireNonNull(discoveredAt, "discoveredAt");
    }

    /** When the notification is due. */
    public Instant dueAt() {
        return discoveredAt.plus(WINDOW);
    }

    /** From when the breach is near due. */
    public Instant nearDueAt() {
        return dueAt().minus(NEAR_DUE);
    }

    /** Where the breach stands at {@code now}; {@code stopped} when notified or assessed as without risk. */
    public State state(Instant now, boolean stopped) {
        if (stopped) {
            return State.STOPPED;
        }
        if (!now.isBefore(dueAt())) {
            return State.OVERDUE;
        }
        return now.isBefore(nearDueAt()) ? State.RUNNING : State.NEAR_DUE;
    }

    /** Time left at {@code now} (negative once overdue). */
    public Duration left(Instant now) {
        return Duration.between(now, dueAt());
    }

    /** Whether a notification made at {@code notifiedAt} is late. */
    public boolean late(Instant notifiedAt) {
        return notifiedAt.isAfter(dueAt());
    }

    /**
     * Checks a notification to the CNIL made at {@code notifiedAt}: not before the discovery, not in
     * the future, and with the reasons for the delay when late (Art. 33(1), last sentence).
     */
    public void checkNotification(Instant notifiedAt, Instant now, @Nullable String reasonsForDelay) {
        if (notifiedAt.isBefore(discoveredAt)) {
            throw new InvalidInputException("notifiedAt", "must not be before the discovery of the breach");
        }
        if (notifiedAt.isAfter(now)) {
            throw new InvalidInputException("notifiedAt", "must not be in the future");
        }
        if (late(notifiedAt) && (reasonsForDelay == null || reasonsForDelay.isBlank())) {
            throw new InvalidInputException("reasonsForDelay",
                    "a notification made more than 72 hours after the discovery must give the reasons for the delay (GDPR Art. 33(1))");
        }
    }

    /** Breaches discovered at or before this instant are near due (or overdue) at {@code now}: for the SQL that finds them. */
    public static Instant nearDueIfDiscoveredBy(Instant now) {
        return now.minus(WINDOW).plus(NEAR_DUE);
    }

    /** Breaches discovered at or before this instant are overdue at {@code now}: for the SQL that finds them. */
    public static Instant overdueIfDiscoveredBy(Instant now) {
        return now.minus(WINDOW);
    }
}
