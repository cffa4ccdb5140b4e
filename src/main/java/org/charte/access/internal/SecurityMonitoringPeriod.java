package org.charte.access.internal;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How long a security-monitoring grant lasts (R6.3), the one place that says it: the end the Cloud
 * support staff member asks for on the ticket, or 24 hours from the request when they name none;
 * never more than 7 days ({@link JdbcGrants} refuses longer, naming {@code validUntil}).
 */
final class SecurityMonitoringPeriod {

    /** When the request names no end: a day, long enough to look, short enough to be asked again. */
    static final Duration DEFAULT = Duration.ofHours(24);
    /** The longest a request may ask for. */
    static final Duration MAXIMUM = Duration.ofDays(7);

    private SecurityMonitoringPeriod() {}

    /** The grant's end for a request made at {@code requestedAt}: the one asked, or the default. */
    static Instant until(Instant requestedAt, @Nullable Instant asked) {
        return asked == null ? requestedAt.plus(DEFAULT) : asked;
    }
}
