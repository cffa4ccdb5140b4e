package org.charte.hosting.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The rule of failed client sign-ins per hosted database id (known or not, so a lock says nothing
 * about existence): {@link #MAX_FAILURES} failures within {@link #WINDOW} lock that id's client
 * sign-in and exports for {@link #LOCK}. The counts are shared by every node ({@link JdbcClientAttempts}):
 * a lock made on one holds on all.
 */
final class ClientAttempts {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCK = Duration.ofMinutes(15);

    private ClientAttempts() {}

    /** Failures that began before this no longer count (unless their lock still runs). */
    static Instant windowStart(Instant now) {
        return now.minus(WINDOW);
    }

    /** The end of a lock made at {@code now}. */
    static Instant lockedUntil(Instant now) {
        return now.plus(LOCK);
    }
}
