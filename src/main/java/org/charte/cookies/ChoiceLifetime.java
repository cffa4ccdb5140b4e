package org.charte.cookies;

import java.time.Instant;
import java.time.Period;
import java.time.ZonedDateTime;
import org.charte.common.Zones;
import org.charte.policy.Policy;
import org.charte.policy.Policy.Cookie;

/**
 * How long a cookie choice lasts (R5.4, L3): the one first-party cookie that holds it expires its
 * listed lifetime after it was set, never more than 13 months, and is never extended silently
 * (only a new choice writes it again); the choice, refusals as acceptances, is asked again
 * {@code reaskAfter} after it was made (the policy's delay, 6 months when the policy gives none,
 * never later than the cookie's expiry). Months are counted on the Paris calendar.
 */
public record ChoiceLifetime(String cookieName, Period lifetime, Period reaskAfter) {

    /** The name of the cookie that holds the choice (listed among the policy's functional cookies). */
    public static final String COOKIE = "charte_consent";
    /** R5.4: a consent cookie lives 13 months at most. */
    public static final Period MAXIMUM = Period.ofMonths(13);
    /** L3: the CNIL recommends asking again after 6 months. */
    public static final Period RECOMMENDED_REASK = Period.ofMonths(6);

    public ChoiceLifetime {
        if (months(lifetime) > months(MAXIMUM)) {
            throw new IllegalArgumentException("a choice cookie lives 13 months at most");
        }
        if (months(reaskAfter) > months(lifetime)) {
            reaskAfter = lifetime;
        }
    }

    public static ChoiceLifetime of(Policy policy) {
        Period lifetime = policy.cookies().purposes().stream().flatMap(p -> p.cookies().stream())
                .filter(c -> c.name().equals(COOKIE)).map(Cookie::lifetime).filter(l -> l != null).findFirst().orElse(MAXIMUM);
        if (months(lifetime) > months(MAXIMUM)) {
            lifetime = MAXIMUM;
        }
        Period reask = policy.cookies().reaskAfter() == null ? RECOMMENDED_REASK : policy.cookies().reaskAfter();
        return new ChoiceLifetime(COOKIE, lifetime, reask);
    }

    /** When a choice cookie set at this instant expires. */
    public Instant expiresAt(Instant setAt) {
        return ZonedDateTime.ofInstant(setAt, Zones.PARIS).plus(lifetime).toInstant();
    }

    /** When a choice made at this instant is asked again. */
    public Instant reaskAt(Instant setAt) {
        return ZonedDateTime.ofInstant(setAt, Zones.PARIS).plus(reaskAfter).toInstant();
    }

    /** Whether a choice made at {@code setAt} must be asked again at {@code now}. */
    public boolean isDue(Instant setAt, Instant now) {
        return !now.isBefore(reaskAt(setAt));
    }

    private static long months(Period period) {
        return period.toTotalMonths() * 31 + period.getDays();
    }
}
