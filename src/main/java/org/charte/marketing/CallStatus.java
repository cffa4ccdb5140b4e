package org.charte.marketing;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether a person may be called for a marketing purpose at an instant, and what an agent needs to
 * know about it (L2): the verdict ({@code reason}: a {@link CallRefusalReason#code()}, a
 * {@link SolicitationBasis.Reason#code()} or {@code suppressed}; {@code next}: the first instant a call
 * would be allowed when it is a matter of time), the person's time zones, their attempts of the
 * last 30 calendar days (newest first), their last refusal during a call, whether they consented to
 * be called at other times than D223-9's, and whether they are called in their professional capacity.
 */
public record CallStatus(Instant at, boolean allowed, @Nullable String reason, @Nullable Instant next, List<ZoneId> zones,
        List<PhoneCall> recent, @Nullable Instant lastRefusal, boolean otherTimesConsented, boolean professional) {

    public CallStatus {
        zones = List.copyOf(zones);
        recent = List.copyOf(recent);
    }
}
