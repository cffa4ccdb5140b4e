package org.charte.marketing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.charte.common.Zones;
import org.jspecify.annotations.Nullable;

/**
 * Whether a person may be called at an instant (L2; C. conso. D223-9 from décret n° 2022-1313):
 * a consumer only Monday to Friday, except the public holidays of C. trav. L3133-1, from 10:00 to
 * 13:00 and from 14:00 to 20:00 in their own time zone, unless they consented expressly to other
 * times; at most 4 attempts within any 30 calendar days; none for 60 calendar days after they
 * refused during a call. A professional (B2B) is not bound by these rules (whether they objected is
 * decided by their basis, like every channel's).
 *
 * <p>Calendar days are counted in Europe/Paris: an attempt counts on its day and the 29 following;
 * a refusal on day R forbids calls until the end of R + 60. The windows are read in each of the
 * person's zones ({@link CallerTimeZones}); a call at 20:00 sharp is outside.
 */
public final class PhoneCallRules {

    public static final int MAX_ATTEMPTS = 4;
    public static final int ATTEMPT_PERIOD_DAYS = 30;
    public static final int QUIET_DAYS_AFTER_REFUSAL = 60;

    static final LocalTime MORNING_START = LocalTime.of(10, 0);
    static final LocalTime MORNING_END = LocalTime.of(13, 0);
    static final LocalTime AFTERNOON_START = LocalTime.of(14, 0);
    static final LocalTime AFTERNOON_END = LocalTime.of(20, 0);
    private static final int SEARCH_STEPS = 2_000;

    private PhoneCallRules() {}

    public static CallDecision decide(CallContext context, Instant at) {
        if (context.professional()) {
            return CallDecision.allowed(at);
        }
        Instant refusalEnds = refusalEnds(context.lastRefusal());
        Instant attemptsEnd = attemptsAllowFrom(context.attempts(), at);
        Instant earliest = latest(at, refusalEnds, attemptsEnd);
        CallRefusalReason reason = null;
        if (refusalEnds != null && at.isBefore(refusalEnds)) {
            reason = CallRefusalReason.REFUSED_RECENTLY;
        } else if (attemptsEnd != null && at.isBefore(attemptsEnd)) {
            reason = CallRefusalReason.TOO_MANY_ATTEMPTS;
        } else if (!context.otherTimesConsented()) {
            reason = outsideWindows(context.zones(), at);
        }
        if (reason == null) {
            return CallDecision.allowed(at);
        }
        return CallDecision.refused(reason, context.otherTimesConsented() ? earliest : nextWindow(context.zones(), earliest));
    }

    private static @Nullable Instant refusalEnds(@Nullable Instant lastRefusal) {
        if (lastRefusal == null) {
            return null;
        }
        LocalDate refused = LocalDate.ofInstant(lastRefusal, Zones.PARIS);
        return refused.plusDays(QUIET_DAYS_AFTER_REFUSAL + 1L).atStartOfDay(Zones.PARIS).toInstant();
    }

    /**
     * The first instant from which a refusal during a call still forbids a call at {@code at}: the
     * start (Paris) of the 60th calendar day before {@code at}'s. For SQL that counts refusals.
     */
    public static Instant refusalsCountFrom(Instant at) {
        return LocalDate.ofInstant(at, Zones.PARIS).minusDays(QUIET_DAYS_AFTER_REFUSAL).atStartOfDay(Zones.PARIS).toInstant();
    }

    /**
     * The first instant from which an attempt counts against a call at {@code at}: the start (Paris)
     * of the first of the 30 calendar days ending on {@code at}'s. For SQL that counts attempts.
     */
    public static Instant attemptsCountFrom(Instant at) {
        return LocalDate.ofInstant(at, Zones.PARIS).minusDays(ATTEMPT_PERIOD_DAYS - 1L).atStartOfDay(Zones.PARIS).toInstant();
    }

    /** When the oldest attempts of the current 30 days leave room for one more; null when there is room now. */
    private static @Nullable Instant attemptsAllowFrom(List<Instant> attempts, Instant at) {
        LocalDate today = LocalDate.ofInstant(at, Zones.PARIS);
        LocalDate first = today.minusDays(ATTEMPT_PERIOD_DAYS - 1L);
        List<LocalDate> counted = attempts.stream()
                .filter(a -> !a.isAfter(at))
                .map(a -> LocalDate.ofInstant(a, Zones.PARIS))
                .filter(d -> !d.isBefore(first))
                .sorted().toList();
        if (counted.size() < MAX_ATTEMPTS) {
            return null;
        }
        LocalDate leaves = counted.get(counted.size() - MAX_ATTEMPTS);
        return leaves.plusDays(ATTEMPT_PERIOD_DAYS).atStartOfDay(Zones.PARIS).toInstant();
    }

    private static @Nullable CallRefusalReason outsideWindows(List<ZoneId> zones, Instant at) {
        for (ZoneId zone : zones) {
            ZonedDateTime local = at.atZone(zone);
            DayOfWeek day = local.getDayOfWeek();
            if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
                return CallRefusalReason.WEEKEND;
            }
            if (FrenchPublicHolidays.isHoliday(local.toLocalDate())) {
                return CallRefusalReason.PUBLIC_HOLIDAY;
            }
            if (!withinHours(local.toLocalTime())) {
                return CallRefusalReason.OUTSIDE_HOURS;
            }
        }
        return null;
    }

    private static boolean withinHours(LocalTime time) {
        return (!time.isBefore(MORNING_START) && time.isBefore(MORNING_END))
                || (!time.isBefore(AFTERNOON_START) && time.isBefore(AFTERNOON_END));
    }

    /** The first instant from {@code from} that is within the windows in every zone; null if none within the search. */
    static @Nullable Instant nextWindow(List<ZoneId> zones, Instant from) {
        Instant candidate = from;
        for (int step = 0; step < SEARCH_STEPS; step++) {
            ZoneId failing = null;
            for (ZoneId zone : zones) {
                if (outsideWindows(List.of(zone), candidate) != null) {
                    failing = zone;
                    break;
                }
            }
            if (failing == null) {
                return candidate;
            }
            candidate = nextOpening(failing, candidate);
        }
        return null;
    }

    /** The next opening of a window in one zone strictly after an instant outside its windows. */
    private static Instant nextOpening(ZoneId zone, Instant after) {
        ZonedDateTime local = after.atZone(zone);
        LocalDate day = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (workingDay(day)) {
            if (time.isBefore(MORNING_START)) {
                return day.atTime(MORNING_START).atZone(zone).toInstant();
            }
            if (time.isBefore(AFTERNOON_START)) {
                return day.atTime(AFTERNOON_START).atZone(zone).toInstant();
            }
        }
        LocalDate next = day.plusDays(1);
        while (!workingDay(next)) {
            next = next.plusDays(1);
        }
        return next.atTime(MORNING_START).atZone(zone).toInstant();
    }

    private static boolean workingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !FrenchPublicHolidays.isHoliday(day);
    }

    private static Instant latest(Instant at, @Nullable Instant a, @Nullable Instant b) {
        Instant latest = at;
        if (a != null && a.isAfter(latest)) {
            latest = a;
        }
        if (b != null && b.isAfter(latest)) {
            latest = b;
        }
        return latest;
    }
}
