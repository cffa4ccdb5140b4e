package org.charte.cookies.internal;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.charte.common.InputChecks;
import org.charte.common.Zones;
import org.charte.cookies.NavigationDataRetention;
import org.charte.cookies.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Navigation data from consent.js's beacon (R3.4, L8, R1.4): turns a beacon into a {@link PageView}
 * (the day's visitor hash, the country of the truncated address, the User-Agent parsed by Yauaa, the
 * address itself only when a consent id comes with it), hands it to the writer, erases a consent id's
 * events when its audience consent is withdrawn, and gives the retention run its months. Nothing here
 * sends anything anywhere.
 */
@Service
class NavigationData implements NavigationDataRetention {

    /** Rows deleted per statement when a month goes by deletes (H2, and the visitors' table). */
    static final int DELETE_BATCH = 10_000;

    /** A beacon as checked by the API. */
    record Beacon(String site, String page, @Nullable String referrer, @Nullable UUID consentId) {}

    private final JdbcNavigation rows;
    private final NavigationIngest ingest;
    private final VisitorHashes visitors;
    private final UserAgents agents;
    private final CountryRanges countries;
    private final InputChecks checks;
    private final ObjectProvider<LockingTaskExecutor> locks;

    NavigationData(JdbcNavigation rows, NavigationIngest ingest, VisitorHashes visitors, UserAgents agents, InputChecks checks,
            @Value("${charte.navigation.country-ranges:}") String countryRanges, ObjectProvider<LockingTaskExecutor> locks) {
        this.locks = locks;
        this.rows = rows;
        this.ingest = ingest;
        this.visitors = visitors;
        this.agents = agents;
        this.checks = checks;
        this.countries = countryRanges.isBlank() ? CountryRanges.bundled() : CountryRanges.of(Path.of(countryRanges));
    }

    /** Queues a page view; completes once committed; null when the writer is saturated. */
    @Nullable CompletableFuture<Void> receive(Beacon beacon, InetAddress address, @Nullable String userAgent) {
        Instant at = checks.now().toInstant();
        String agent = userAgent == null ? "" : userAgent.length() > 512 ? userAgent.substring(0, 512) : userAgent;
        String visitor = visitors.visitor(beacon.site(), address.getHostAddress(), agent);
        String country = countries.country(address);
        PageView.Agent parsed = agents.parse(agent);
        PageView view = new PageView(at, LocalDate.ofInstant(at, Zones.PARIS), beacon.site(), PageView.path(beacon.page()),
                PageView.referrer(beacon.referrer()), visitor, country, parsed,
                beacon.consentId() == null ? null : address.getHostAddress(), beacon.consentId());
        return ingest.submit(view);
    }

    /**
     * Choices refusing audience measurement: these consent ids' consented events go, in the caller's transaction, the ids
     * locked first, so that a batch of views checked before this withdrawal and not yet committed is waited for and
     * erased too ({@link JdbcNavigation#lockConsents}).
     */
    int withdrawn(Collection<UUID> consentIds) {
        if (consentIds.isEmpty()) {
            return 0;
        }
        rows.lockConsents(consentIds, true);
        return rows.eraseConsented(consentIds);
    }

    String audiencePurpose() {
        return ingest.audiencePurpose();
    }

    /** PostgreSQL: this month's and the next two months' partitions, made ahead at start and every day. */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(cron = "0 5 0 * * *", zone = Zones.PARIS_ID)
    void partitionsAheadDaily() {
        locks.getObject().executeWithLock((Runnable) this::partitionsAhead,
                new LockConfiguration(ClockProvider.now(), "cookies-navigation-partitions", Duration.ofMinutes(10), Duration.ofMinutes(1)));
    }

    void partitionsAhead() {
        YearMonth month = YearMonth.from(checks.today());
        for (int i = 0; i < 3; i++) {
            ingest.ensure(month.plusMonths(i));
        }
    }

    @Override
    public List<Unit> before(LocalDate firstKept) {
        List<Unit> units = new ArrayList<>();
        YearMonth limit = YearMonth.from(firstKept);
        for (String table : List.of(JdbcNavigation.EXEMPT, JdbcNavigation.CONSENTED, JdbcNavigation.VISITOR)) {
            String kind = kind(table);
            if (rows.postgres() && !table.equals(JdbcNavigation.VISITOR)) {
                rows.partitions(table).stream().filter(m -> m.isBefore(limit)).forEach(m -> units.add(Unit.of(kind, m)));
                continue;
            }
            LocalDate first = rows.firstDay(table, limit.atDay(1));
            if (first == null) {
                continue;
            }
            for (YearMonth m = YearMonth.from(first); m.isBefore(limit); m = m.plusMonths(1)) {
                if (rows.holdsMonth(table, m)) {
                    units.add(Unit.of(kind, m));
                }
            }
        }
        units.sort(Comparator.comparing(Unit::id));
        return units;
    }

    @Override
    public long erase(Collection<Unit> units, LocalDate firstKept) {
        long erased = 0;
        YearMonth limit = YearMonth.from(firstKept);
        boolean dropped = false;
        for (Unit unit : units) {
            if (!unit.month().isBefore(limit)) {
                continue;
            }
            String table = table(unit.kind());
            if (rows.postgres() && !table.equals(JdbcNavigation.VISITOR)) {
                erased += rows.dropPartition(table, unit.month());
                dropped = true;
            } else {
                erased += rows.deleteMonth(table, unit.month(), DELETE_BATCH);
            }
        }
        if (dropped) {
            ingest.forgetPartitions();
        }
        return erased;
    }

    private static String kind(String table) {
        return switch (table) {
            case JdbcNavigation.EXEMPT -> "exempt";
            case JdbcNavigation.CONSENTED -> "consented";
            default -> "visitor";
        };
    }

    private static String table(String kind) {
        return switch (kind) {
            case "exempt" -> JdbcNavigation.EXEMPT;
            case "consented" -> JdbcNavigation.CONSENTED;
            case "visitor" -> JdbcNavigation.VISITOR;
            default -> throw new IllegalArgumentException("not a kind of navigation data");
        };
    }
}
