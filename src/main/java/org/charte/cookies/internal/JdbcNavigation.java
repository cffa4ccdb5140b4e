package org.charte.cookies.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.charte.common.Databases;
import org.charte.cookies.PageView.Consented;
import org.charte.cookies.PageView.Exempt;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Navigation data: raw events, daily visitor hashes, counts, the day's salt and the monthly partitions. SQL only. */
@Repository
class JdbcNavigation {

    static final String EXEMPT = "navigation_exempt_event";
    static final String CONSENTED = "navigation_consented_event";
    static final String VISITOR = "navigation_visitor";

    /** A visitor seen on a day on a site; ordered by day, site, then hash (the order writers lock them in). */
    record VisitorKey(LocalDate day, String site, String visitor) implements Comparable<VisitorKey> {
        @Override
        public int compareTo(VisitorKey o) {
            int c = day.compareTo(o.day);
            if (c == 0) {
                c = site.compareTo(o.site);
            }
            return c != 0 ? c : visitor.compareTo(o.visitor);
        }
    }

    /** One counter: a day, a site, a dimension and its item; ordered by them in turn (the order writers lock them in). */
    record CountKey(LocalDate day, String site, String dimension, String item) implements Comparable<CountKey> {
        @Override
        public int compareTo(CountKey o) {
            int c = day.compareTo(o.day);
            if (c == 0) {
                c = site.compareTo(o.site);
            }
            if (c == 0) {
                c = dimension.compareTo(o.dimension);
            }
            return c != 0 ? c : item.compareTo(o.item);
        }
    }

    /** One count as read: its item and sums. */
    record Count(String item, long views, long visits, long visitors) {}

    /** A day's totals. */
    record Day(LocalDate day, long views, long visits, long visitors) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final boolean postgres;

    JdbcNavigation(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) {
        this.jdbc = jdbc;
        this.template = template;
        this.postgres = Databases.postgres(dataSource, "navigation data");
    }

    boolean postgres() {
        return postgres;
    }

    /** The day's salt: the one already there, else {@code fresh}, kept. */
    byte[] salt(LocalDate day, byte[] fresh) {
        if (postgres) {
            jdbc.sql("INSERT INTO navigation_salt (salt_day, salt) VALUES (?, ?) ON CONFLICT (salt_day) DO NOTHING").params(day, fresh).update();
        } else {
            try {
                jdbc.sql("MERGE INTO navigation_salt t USING (VALUES (CAST(? AS DATE), CAST(? AS VARBINARY(32)))) s (salt_day, salt) ON t.salt_day = s.salt_day "
                        + "WHEN NOT MATCHED THEN INSERT (salt_day, salt) VALUES (s.salt_day, s.salt)").params(day, fresh).update();
            } catch (DuplicateKeyException madeMeanwhile) {
                // H2 refuses the key another transaction inserted meanwhile rather than waiting for it: that day's salt is there
            }
        }
        return jdbc.sql("SELECT salt FROM navigation_salt WHERE salt_day = ?").param(day).query(byte[].class).single();
    }

    /** Forgets every salt but the day's. */
    void forgetSaltsBut(LocalDate day) {
        jdbc.sql("DELETE FROM navigation_salt WHERE salt_day <> ?").param(day).update();
    }

    /** PostgreSQL: the month's partition of {@code parent}, created when missing (by the owner's function). */
    void ensurePartition(String parent, YearMonth month) {
        jdbc.sql("SELECT charte_navigation_partition(?, ?, FALSE)").params(parent, month.atDay(1)).query(Long.class).single();
    }

    /** PostgreSQL: drops the month's partition of {@code parent}; the rows it held. */
    long dropPartition(String parent, YearMonth month) {
        return jdbc.sql("SELECT charte_navigation_partition(?, ?, TRUE)").params(parent, month.atDay(1)).query(Long.class).single();
    }

    /** PostgreSQL: the months {@code parent} has a partition for. */
    List<YearMonth> partitions(String parent) {
        return jdbc.sql("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = CAST(? AS regclass)")
                .param(parent).query(String.class).list().stream()
                .map(name -> name.substring(parent.length() + 1))
                .filter(m -> m.matches("\\d{4}m\\d{2}"))
                .map(m -> YearMonth.of(Integer.parseInt(m.substring(0, 4)), Integer.parseInt(m.substring(5))))
                .sorted().toList();
    }

    void insertExempt(List<Exempt> events) {
        if (postgres) {
            int n = events.size();
            String[][] c = new String[10][n];
            for (int i = 0; i < n; i++) {
                Exempt e = events.get(i);
                c[0][i] = e.day().toString();
                c[1][i] = instant(e.at());
                c[2][i] = e.site();
                c[3][i] = e.page();
                c[4][i] = e.referrerHost();
                c[5][i] = Boolean.toString(e.entry());
                c[6][i] = e.visitor();
                c[7][i] = e.country();
                c[8][i] = e.browser();
                c[9][i] = e.system();
            }
            columns("INSERT INTO navigation_exempt_event (view_day, occurred_at, site, page, referrer_host, entry, visitor, country, browser, os) "
                    + "SELECT CAST(d AS DATE), CAST(t AS TIMESTAMP WITH TIME ZONE), s, p, r, CAST(e AS BOOLEAN), v, c, b, o "
                    + "FROM unnest(" + arrays(10) + ") AS u (d, t, s, p, r, e, v, c, b, o)", c);
            return;
        }
        template.batchUpdate("INSERT INTO navigation_exempt_event (view_day, occurred_at, site, page, referrer_host, entry, visitor, country, browser, os) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events, 1000, (ps, e) -> {
                    ps.setObject(1, e.day());
                    ps.setObject(2, e.at().atOffset(ZoneOffset.UTC));
                    ps.setString(3, e.site());
                    ps.setString(4, e.page());
                    ps.setString(5, e.referrerHost());
                    ps.setBoolean(6, e.entry());
                    ps.setString(7, e.visitor());
                    ps.setString(8, e.country());
                    ps.setString(9, e.browser());
                    ps.setString(10, e.system());
                });
    }

    void insertConsented(List<Consented> events) {
        if (postgres) {
            int n = events.size();
            String[][] c = new String[12][n];
            for (int i = 0; i < n; i++) {
                Consented e = events.get(i);
                c[0][i] = e.day().toString();
                c[1][i] = instant(e.at());
                c[2][i] = e.consentId().toString();
                c[3][i] = e.site();
                c[4][i] = e.page();
                c[5][i] = e.referrer();
                c[6][i] = Boolean.toString(e.entry());
                c[7][i] = e.ipAddress();
                c[8][i] = e.browser();
                c[9][i] = e.browserVersion();
                c[10][i] = e.system();
                c[11][i] = e.systemVersion();
            }
            columns("INSERT INTO navigation_consented_event (view_day, occurred_at, consent_id, site, page, referrer, entry, ip_address, "
                    + "browser, browser_version, os, os_version) SELECT CAST(d AS DATE), CAST(t AS TIMESTAMP WITH TIME ZONE), CAST(i AS UUID), s, p, r, "
                    + "CAST(e AS BOOLEAN), a, b, bv, o, ov FROM unnest(" + arrays(12) + ") AS u (d, t, i, s, p, r, e, a, b, bv, o, ov)", c);
            return;
        }
        template.batchUpdate("INSERT INTO navigation_consented_event (view_day, occurred_at, consent_id, site, page, referrer, entry, ip_address, "
                + "browser, browser_version, os, os_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events, 1000, (ps, e) -> {
                    ps.setObject(1, e.day());
                    ps.setObject(2, e.at().atOffset(ZoneOffset.UTC));
                    ps.setObject(3, e.consentId());
                    ps.setString(4, e.site());
                    ps.setString(5, e.page());
                    ps.setString(6, e.referrer());
                    ps.setBoolean(7, e.entry());
                    ps.setString(8, e.ipAddress());
                    ps.setString(9, e.browser());
                    ps.setString(10, e.browserVersion());
                    ps.setString(11, e.system());
                    ps.setString(12, e.systemVersion());
                });
    }

    /**
     * Of these consent ids, those whose latest choice recorded since {@code since} accepts
     * {@code purpose}.
     */
    Set<UUID> accepting(Collection<UUID> consentIds, String purpose, Instant since) {
        Set<UUID> accepting = new HashSet<>();
        if (consentIds.isEmpty()) {
            return accepting;
        }
        // the latest choice of each id, its choices in its row (StoredChoices, V53), read for the purpose here
        jdbc.sql("SELECT r.consent_id, r.choices FROM consent_record r "
                        + "WHERE r.consent_id IN (:ids) AND r.recorded_at >= :since AND NOT EXISTS ("
                        + "SELECT 1 FROM consent_record later WHERE later.consent_id = r.consent_id AND (later.recorded_at > r.recorded_at "
                        + "OR (later.recorded_at = r.recorded_at AND later.id > r.id)))")
                .param("ids", consentIds).param("since", Timestamp.from(since))
                .query(rs -> {
                    if (StoredChoices.accepts(rs.getString(2), purpose)) {
                        accepting.add(rs.getObject(1, UUID.class));
                    }
                });
        return accepting;
    }

    /** Adds the visitors not yet seen; which were new. */
    List<VisitorKey> addVisitors(List<VisitorKey> visitors) {
        if (postgres) {
            int n = visitors.size();
            String[][] c = new String[3][n];
            for (int i = 0; i < n; i++) {
                c[0][i] = visitors.get(i).day().toString();
                c[1][i] = visitors.get(i).site();
                c[2][i] = visitors.get(i).visitor();
            }
            // in the list's order (unnest keeps it), so that two writers lock the visitors both insert in the same order
            return template.execute((Connection connection) -> {
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO navigation_visitor (view_day, site, visitor) "
                        + "SELECT CAST(d AS DATE), s, v FROM unnest(" + arrays(3) + ") WITH ORDINALITY AS u (d, s, v, n) ORDER BY n "
                        + "ON CONFLICT DO NOTHING RETURNING view_day, site, visitor")) {
                    bind(connection, ps, c);
                    List<VisitorKey> added = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            added.add(new VisitorKey(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3)));
                        }
                    }
                    return added;
                }
            });
        }
        int[][] counts = template.batchUpdate("INSERT INTO navigation_visitor (view_day, site, visitor) SELECT ?, ?, ? WHERE NOT EXISTS "
                + "(SELECT 1 FROM navigation_visitor WHERE view_day = ? AND site = ? AND visitor = ?)", visitors, 1000, (ps, v) -> {
                    ps.setObject(1, v.day());
                    ps.setString(2, v.site());
                    ps.setString(3, v.visitor());
                    ps.setObject(4, v.day());
                    ps.setString(5, v.site());
                    ps.setString(6, v.visitor());
                });
        List<VisitorKey> added = new ArrayList<>();
        int i = 0;
        for (int[] batch : counts) {
            for (int n : batch) {
                if (n > 0) {
                    added.add(visitors.get(i));
                }
                i++;
            }
        }
        return added;
    }

    /** Adds to the counters (in key order, so that two writers never wait on each other in a circle). */
    void addCounts(List<CountKey> keys, List<long[]> sums) {
        if (postgres) {
            int n = keys.size();
            String[][] c = new String[7][n];
            for (int i = 0; i < n; i++) {
                CountKey k = keys.get(i);
                long[] sum = sums.get(i);
                c[0][i] = k.day().toString();
                c[1][i] = k.site();
                c[2][i] = k.dimension();
                c[3][i] = k.item();
                c[4][i] = Long.toString(sum[0]);
                c[5][i] = Long.toString(sum[1]);
                c[6][i] = Long.toString(sum[2]);
            }
            // one statement, the keys in the list's order (each once), so that two writers lock the counters in the same order
            columns("INSERT INTO navigation_count (view_day, site, dimension, item, views, visits, visitors) "
                    + "SELECT CAST(d AS DATE), s, m, i, CAST(v AS BIGINT), CAST(w AS BIGINT), CAST(u AS BIGINT) "
                    + "FROM unnest(" + arrays(7) + ") WITH ORDINALITY AS x (d, s, m, i, v, w, u, n) ORDER BY n "
                    + "ON CONFLICT (view_day, site, dimension, item) DO UPDATE SET views = navigation_count.views + EXCLUDED.views, "
                    + "visits = navigation_count.visits + EXCLUDED.visits, visitors = navigation_count.visitors + EXCLUDED.visitors", c);
            return;
        }
        template.batchUpdate("MERGE INTO navigation_count t USING (VALUES (CAST(? AS DATE), CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(16)), "
                + "CAST(? AS VARCHAR(512)), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT))) s (view_day, site, dimension, item, views, visits, visitors) "
                + "ON t.view_day = s.view_day AND t.site = s.site AND t.dimension = s.dimension AND t.item = s.item "
                + "WHEN MATCHED THEN UPDATE SET views = t.views + s.views, visits = t.visits + s.visits, visitors = t.visitors + s.visitors "
                + "WHEN NOT MATCHED THEN INSERT (view_day, site, dimension, item, views, visits, visitors) "
                + "VALUES (s.view_day, s.site, s.dimension, s.item, s.views, s.visits, s.visitors)",
                new Indexed(keys.size()), 1000, (ps, i) -> {
                    CountKey k = keys.get(i);
                    long[] s = sums.get(i);
                    ps.setObject(1, k.day());
                    ps.setString(2, k.site());
                    ps.setString(3, k.dimension());
                    ps.setString(4, k.item());
                    ps.setLong(5, s[0]);
                    ps.setLong(6, s[1]);
                    ps.setLong(7, s[2]);
                });
    }

    /**
     * PostgreSQL: one statement for a whole batch, its columns as text arrays unnested (one parse, one plan, one
     * execution instead of one per row); the SQL casts each column to its type.
     */
    private void columns(String sql, String[][] columns) {
        template.execute((Connection connection) -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(connection, ps, columns);
                return ps.executeUpdate();
            }
        });
    }

    private static void bind(Connection connection, PreparedStatement ps, String[][] columns) throws SQLException {
        for (int i = 0; i < columns.length; i++) {
            ps.setArray(i + 1, connection.createArrayOf("text", columns[i]));
        }
    }

    /** {@code n} text array parameters. */
    private static String arrays(int n) {
        return String.join(", ", Collections.nCopies(n, "CAST(? AS TEXT[])"));
    }

    /** An instant as PostgreSQL reads a timestamp with time zone, to the microsecond it keeps (as the driver sends one). */
    private static String instant(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS).toString();
    }

    /** The indexes 0 to size - 1, for batches that read two lists side by side. */
    private static final class Indexed extends AbstractList<Integer> {
        private final int size;

        Indexed(int size) {
            this.size = size;
        }

        @Override
        public Integer get(int index) {
            return index;
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** The first of the two keys of the consent ids' advisory locks (PostgreSQL): their own space, apart from any other lock's. */
    static final int CONSENT_LOCKS = 0x4e415643; // "NAVC"

    /**
     * Holds, until the caller's transaction ends, a lock on each of these consent ids (R3.4): shared to keep page views under
     * them ({@code erase} false: taken before their consent is checked), exclusive to erase them when that consent is
     * withdrawn ({@code erase} true: taken before the deletion). So a batch of views whose consent was checked before a
     * withdrawal commits before the withdrawal's deletion reads, and the deletion sees and erases its views; a batch
     * checking after a withdrawal took its lock waits for it to commit and then sees the refusal. PostgreSQL: advisory
     * locks (two keys: {@link #CONSENT_LOCKS} and the id's hash), taken in key order by every transaction, so that they
     * never wait on each other in a circle. H2: the consent ids' choices on record, locked for update (no shared lock;
     * the one writer of H2 and the choices' writers take turns on them).
     */
    void lockConsents(Collection<UUID> consentIds, boolean erase) {
        if (consentIds.isEmpty()) {
            return;
        }
        if (postgres) {
            String[] keys = consentIds.stream().mapToInt(JdbcNavigation::lockKey).distinct().sorted().mapToObj(Integer::toString)
                    .toArray(String[]::new);
            template.execute((Connection connection) -> {
                try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(" + (erase ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared")
                        + "(" + CONSENT_LOCKS + ", k)) FROM (SELECT CAST(k AS INTEGER) AS k FROM unnest(CAST(? AS TEXT[])) AS u (k) ORDER BY 1) AS s")) {
                    bind(connection, ps, new String[][] {keys});
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                    return null;
                }
            });
            return;
        }
        List<UUID> ids = List.copyOf(consentIds);
        for (int from = 0; from < ids.size(); from += 1_000) {
            jdbc.sql("SELECT id FROM consent_record WHERE consent_id IN (:ids) FOR UPDATE")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 1_000))).query((rs, n) -> rs.getObject(1)).list();
        }
    }

    /** A consent id's lock key (two ids may share one: they then only wait on each other a little more often). */
    static int lockKey(UUID consentId) {
        long bits = consentId.getMostSignificantBits() ^ consentId.getLeastSignificantBits();
        return (int) (bits ^ (bits >>> 32));
    }

    /** Erases these consent ids' consented events, one statement per 1,000 ids; how many went. */
    int eraseConsented(Collection<UUID> consentIds) {
        List<UUID> ids = List.copyOf(consentIds);
        int erased = 0;
        for (int from = 0; from < ids.size(); from += 1_000) {
            erased += jdbc.sql("DELETE FROM navigation_consented_event WHERE consent_id IN (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 1_000))).update();
        }
        return erased;
    }

    /** The first day {@code table} holds an event of, before {@code before}; null when none. */
    @Nullable LocalDate firstDay(String table, LocalDate before) {
        List<@Nullable LocalDate> first = jdbc.sql("SELECT MIN(view_day) AS first FROM " + table(table) + " WHERE view_day < ?").param(before)
                .query((rs, n) -> rs.getObject("first", LocalDate.class)).list();
        return first.isEmpty() ? null : first.getFirst();
    }

    boolean holdsMonth(String table, YearMonth month) {
        return !jdbc.sql("SELECT 1 FROM " + table(table) + " WHERE view_day >= ? AND view_day < ? FETCH FIRST 1 ROWS ONLY")
                .params(month.atDay(1), month.plusMonths(1).atDay(1)).query(Integer.class).list().isEmpty();
    }

    /** Deletes a month of {@code table}, {@code batch} rows at a time; how many went. */
    long deleteMonth(String table, YearMonth month, int batch) {
        long erased = 0;
        int n;
        do {
            n = postgres
                    ? jdbc.sql("DELETE FROM " + table(table) + " WHERE ctid IN (SELECT ctid FROM " + table(table) + " WHERE view_day >= ? AND view_day < ? LIMIT ?)")
                            .params(month.atDay(1), month.plusMonths(1).atDay(1), batch).update()
                    : jdbc.sql("DELETE FROM " + table(table) + " WHERE view_day >= ? AND view_day < ? FETCH FIRST ? ROWS ONLY")
                            .params(month.atDay(1), month.plusMonths(1).atDay(1), batch).update();
            erased += n;
        } while (n == batch);
        return erased;
    }

    private static String table(String table) {
        if (!table.equals(EXEMPT) && !table.equals(CONSENTED) && !table.equals(VISITOR)) {
            throw new IllegalArgumentException("not a navigation table");
        }
        return table;
    }

    /** The day totals between two days (inclusive), all sites or one. */
    List<Day> days(LocalDate from, LocalDate to, @Nullable String site) {
        return jdbc.sql("SELECT view_day, SUM(views) AS views, SUM(visits) AS visits, SUM(visitors) AS visitors FROM navigation_count "
                        + "WHERE dimension = 'day' AND view_day >= :from AND view_day <= :to" + (site == null ? "" : " AND site = :site")
                        + " GROUP BY view_day ORDER BY view_day")
                .param("from", from).param("to", to).params(site == null ? Map.of() : Map.of("site", site))
                .query((rs, n) -> new Day(rs.getObject("view_day", LocalDate.class), rs.getLong("views"), rs.getLong("visits"), rs.getLong("visitors")))
                .list();
    }

    /** A dimension's items between two days, largest first, at most {@code limit}. */
    List<Count> items(String dimension, LocalDate from, LocalDate to, @Nullable String site, boolean byVisits, int limit) {
        return jdbc.sql("SELECT item, SUM(views) AS views, SUM(visits) AS visits, SUM(visitors) AS visitors FROM navigation_count "
                        + "WHERE dimension = :dimension AND view_day >= :from AND view_day <= :to" + (site == null ? "" : " AND site = :site")
                        + " GROUP BY item ORDER BY " + (byVisits ? "SUM(visits)" : "SUM(views)") + " DESC, item FETCH FIRST :limit ROWS ONLY")
                .param("dimension", dimension).param("from", from).param("to", to).param("limit", limit)
                .params(site == null ? Map.of() : Map.of("site", site))
                .query((rs, n) -> new Count(rs.getString("item"), rs.getLong("views"), rs.getLong("visits"), rs.getLong("visitors"))).list();
    }

    /** The sites counted, in name order. */
    List<String> sites() {
        return jdbc.sql("SELECT DISTINCT site FROM navigation_count WHERE dimension = 'day' ORDER BY site").query(String.class).list();
    }
}
