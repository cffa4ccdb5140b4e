package org.charte.marketing;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the phone rules need to know about one person before a call (L2).
 *
 * @param professional the person is called in their professional capacity (B2B): D223-9's days,
 *        hours and frequency protect consumers only; whether they objected is their basis's concern
 * @param otherTimesConsented the consumer consented expressly to be called at other times than
 *        D223-9's windows (the days and hours then do not apply; the frequency and the refusal do)
 * @param attempts the instants of the previous call attempts, answered or not
 * @param lastRefusal when the person last refused during a call, if ever
 * @param zones the person's time zones ({@link CallerTimeZones}); a call must be within the windows in each
 */
public record CallContext(boolean professional, boolean otherTimesConsented, List<Instant> attempts,
        @Nullable Instant lastRefusal, List<ZoneId> zones) {

    public CallContext {
        attempts = List.copyOf(attempts);
        zones = List.copyOf(zones);
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("a call context needs at least one time zone");
        }
    }
}
