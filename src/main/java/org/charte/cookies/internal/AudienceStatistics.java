package org.charte.cookies.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessDecisions.AccessDeniedException;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ResourceRef;
import org.charte.common.InputChecks;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.SmallCells;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Audience statistics (R4.4, R3.4): page views, visits (a view coming from another site or from
 * nowhere starts one), unique visitors per day (the day's hashes), pages, entry pages, referring
 * sites, browsers, systems and countries, from the counts only, never a raw event; a figure under the
 * threshold is suppressed ({@link SmallCells}) and an item whose figures are all suppressed is left
 * out (how many are, is said). Read by the DPO, like the cookie choices' aggregate: an aggregate for
 * {@code compliance-checks}, audited without a subject.
 */
@Service
class AudienceStatistics {

    static final String PURPOSE = ConsentStatistics.PURPOSE;
    /** The dimensions listed, in the order shown. */
    static final List<String> LISTS = List.of("page", "entry", "referrer", "browser", "system", "country");
    /** The longest period read: 25 months, as long as the data is kept (L8). */
    static final int MAX_DAYS = 762;
    static final int DEFAULT_DAYS = 30;
    static final int TOP = 20;

    /** A day's figures, null when suppressed. */
    record Day(LocalDate day, @Nullable Long views, @Nullable Long visits, @Nullable Long visitors) {}

    /** An item of a list (a page, a referring site, a browser...): its figures, null when suppressed. */
    record Item(String item, @Nullable Long views, @Nullable Long visits) {}

    /** A list: its shown items, largest first, and how many items were left out as too small. */
    record Ranking(String dimension, List<Item> items, int suppressed) {}

    record Statistics(LocalDate from, LocalDate to, @Nullable String site, int minCell, @Nullable Long views, @Nullable Long visits,
            List<Day> days, Map<String, Ranking> lists, List<String> sites) {}

    /** The period and site asked for, checked. */
    record Period(LocalDate from, LocalDate to, @Nullable String site) {}

    private final JdbcNavigation rows;
    private final AccessDecisions decisions;
    private final InputChecks checks;
    private final SmallCells small;

    AudienceStatistics(JdbcNavigation rows, AccessDecisions decisions, InputChecks checks,
            @Value("${charte.cookies.statistics.min-cell:" + SmallCells.DEFAULT_MIN_CELL + "}") int minCell) {
        this.rows = rows;
        this.decisions = decisions;
        this.checks = checks;
        this.small = new SmallCells(minCell);
    }

    /**
     * The period from the request's parameters: the last 30 days by default, at most 25 months, not after today.
     *
     * @throws InvalidInputException naming each bad parameter
     */
    Period period(@Nullable String from, @Nullable String to, @Nullable String site) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate today = checks.today();
        LocalDate end = day(to, "to", today, errors);
        LocalDate start = day(from, "from", end.minusDays(DEFAULT_DAYS - 1), errors);
        if (errors.isEmpty()) {
            InputChecks.notInFuture(errors, "to", end, today);
            if (start.isAfter(end)) {
                errors.add(new FieldError("from", "must not be after to"));
            } else if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
                errors.add(new FieldError("from", "must be at most " + MAX_DAYS + " days before to (25 months)"));
            }
        }
        String chosen = site == null || site.isBlank() ? null : site;
        if (chosen != null && (chosen.length() > 255 || !chosen.matches("https?://[A-Za-z0-9.-]{1,200}(:[0-9]{1,5})?"))) {
            errors.add(new FieldError("site", "must be a site's origin: http(s)://host[:port]"));
        }
        InvalidInputException.throwIfAny(errors);
        return new Period(start, end, chosen);
    }

    private static LocalDate day(@Nullable String text, String field, LocalDate otherwise, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        if (text.length() > 10 || !text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            errors.add(new FieldError(field, "must be a date: YYYY-MM-DD"));
            return otherwise;
        }
        try {
            return LocalDate.parse(text);
        } catch (RuntimeException e) {
            errors.add(new FieldError(field, "must be a date: YYYY-MM-DD"));
            return otherwise;
        }
    }

    /**
     * @throws AccessDeniedException when refused (recorded in the audit log)
     */
    @Transactional(readOnly = true)
    Statistics read(Actor actor, Period period) {
        decisions.require(new AccessRequest(actor, PURPOSE, AccessRequest.Action.READ, Set.of(), ResourceRef.aggregate()));
        Map<LocalDate, JdbcNavigation.Day> byDay = new HashMap<>();
        long views = 0;
        long visits = 0;
        for (JdbcNavigation.Day d : rows.days(period.from(), period.to(), period.site())) {
            byDay.put(d.day(), d);
            views += d.views();
            visits += d.visits();
        }
        List<Day> days = new ArrayList<>();
        for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
            JdbcNavigation.Day counted = byDay.get(d);
            days.add(counted == null ? new Day(d, null, null, null)
                    : new Day(d, small.shown(counted.views()), small.shown(counted.visits()), small.shown(counted.visitors())));
        }
        Map<String, Ranking> lists = new LinkedHashMap<>();
        for (String dimension : LISTS) {
            boolean byVisits = dimension.equals("entry") || dimension.equals("referrer");
            List<Item> items = new ArrayList<>();
            int suppressed = 0;
            for (JdbcNavigation.Count c : rows.items(dimension, period.from(), period.to(), period.site(), byVisits, TOP)) {
                Long v = small.shown(c.views());
                Long s = small.shown(c.visits());
                if ((byVisits ? s : v) == null) {
                    suppressed++;
                } else {
                    items.add(new Item(c.item(), v, s));
                }
            }
            lists.put(dimension, new Ranking(dimension, items, suppressed));
        }
        return new Statistics(period.from(), period.to(), period.site(), small.minCell(), small.shown(views), small.shown(visits), days, lists,
                rows.sites());
    }
}
