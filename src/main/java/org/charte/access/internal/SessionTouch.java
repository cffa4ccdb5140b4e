package org.charte.access.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * When a staff session's last access time is written to the database: only once it moved by at
 * least {@code every} (30 seconds by default, {@code charte.access.session-touch}), not on every
 * request (a durable commit per signed-in request). The bound this costs: the idle expiry counts from
 * the last access time written, so an idle session ends between {@code timeout - every} and
 * {@code timeout} after its last request; never later than the timeout.
 */
record SessionTouch(Duration every) {

    SessionTouch {
        if (every.isNegative()) {
            throw new IllegalArgumentException("the session touch interval cannot be negative");
        }
    }

    /** Whether a request at {@code now} moves a last access time written at {@code written}. */
    boolean due(Instant written, Instant now) {
        return !now.isBefore(written.plus(every));
    }
}
