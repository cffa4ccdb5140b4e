package org.charte.retention.internal;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.Optional;
import org.charte.policy.Policy;

/**
 * R5.4, L8: navigation data (the beacon's raw events, exempt or consented, and the daily visitor
 * hashes) is kept as the policy's rule for the navigation category says, and never more than 25
 * months: the shipped policy keeps it "for the whole life of the site", which the lint flags (L8),
 * so Charte applies 25 months. It goes by whole months (a PostgreSQL partition is one month): a
 * month goes once its first day is {@code limit} old, so nothing is kept beyond the limit (the end of
 * a month goes up to a month early, never late).
 */
record NavigationRetention(String ruleId, Period limit) {

    /** L8: audience data, exempt or consented, at most 25 months. */
    static final Period MAXIMUM = Period.ofMonths(25);

    static Optional<NavigationRetention> of(Policy policy) {
        return policy.retentionRules().stream().filter(r -> r.categories().contains("navigation")).findFirst()
                .map(r -> new NavigationRetention(r.id(),
                        r.duration() != null && months(r.duration()) <= months(MAXIMUM) ? r.duration() : MAXIMUM));
    }

    /** The first day still kept on {@code asOf}: months starting before it are due. */
    LocalDate firstKept(LocalDate asOf) {
        return YearMonth.from(asOf.minus(limit)).plusMonths(1).atDay(1);
    }

    private static long months(Period period) {
        return period.toTotalMonths() + (period.getDays() > 0 ? 1 : 0);
    }
}
