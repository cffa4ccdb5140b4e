package org.charte.access.internal;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When a "last used" time kept in the database is written again: only once it moved by at least
 * {@code every}, not on every request (a durable commit per request, on a row every request of the
 * same session or token contends for). Used for a staff session's last access time
 * ({@code charte.access.session-touch}, 30 s: the idle expiry counts from the time written, so an idle
 * session ends between {@code timeout - every} and {@code timeout} after its last request, never
 * later) and an API token's last use ({@code charte.access.token-touch}, 30 s: the time shown is at
 * most that old).
 */
record LastUseTouch(Duration every) {

    LastUseTouch {
        if (every.isNegative()) {
            throw new IllegalArgumentException("the interval between writes of a last use cannot be negative");
        }
    }

    /** Whether a use at {@code now} moves a last use written at {@code written} (none yet: always). */
    boolean due(@Nullable Instant written, Instant now) {
        return written == null || !now.isBefore(written.plus(every));
    }

    /** A last use written before this instant is due at {@code now} (for a conditional update). */
    Instant dueIfBefore(Instant now) {
        return now.minus(every).plusNanos(1);
    }
}
