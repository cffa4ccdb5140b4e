package org.charte.marketing.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.charte.common.Databases;
import org.charte.policy.MarketingChannel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The suppression list's rows: keyed hashes, channel, purpose, dates. SQL and row mapping only. */
@Repository
class JdbcSuppressions {

    /** One entry: a hash suppressed on a channel for a purpose since an objection. */
    record Entry(String hash, MarketingChannel channel, String purpose, LocalDate objectedOn, LocalDate expiresOn) {}

    /**
     * Adds an entry, or moves an existing one's dates to this later objection (PostgreSQL 15+ and H2 both have MERGE). An
     * entry already as the objection would make it (the same day's click again) is left alone: no row rewritten.
     */
    private static final String PUT = "MERGE INTO marketing_suppression s USING (SELECT CAST(? AS VARCHAR(64)) AS address_hash, "
            + "CAST(? AS VARCHAR(8)) AS channel, CAST(? AS VARCHAR(64)) AS purpose, CAST(? AS DATE) AS objected_on, CAST(? AS DATE) AS expires_on) e "
            + "ON s.address_hash = e.address_hash AND s.channel = e.channel AND s.purpose = e.purpose "
            + "WHEN MATCHED AND (s.objected_on < e.objected_on OR (s.objected_on = e.objected_on AND s.expires_on < e.expires_on)) THEN UPDATE SET objected_on = e.objected_on, expires_on = e.expires_on "
            + "WHEN NOT MATCHED THEN INSERT (address_hash, channel, purpose, objected_on, expires_on) "
            + "VALUES (e.address_hash, e.channel, e.purpose, e.objected_on, e.expires_on)";

    /**
     * PostgreSQL: {@link #PUT} for a whole batch in one statement of fixed text (planned once, whatever the batch's size),
     * the entries as one text array per column, in the order of their keys. The same rule: a new entry is added; an
     * existing one moves only to a later objection (or, the same day, a later end).
     */
    static final String PUT_ALL_PG = "INSERT INTO marketing_suppression AS s (address_hash, channel, purpose, objected_on, expires_on) "
            + "SELECT h, c, p, CAST(o AS DATE), CAST(e AS DATE) FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), "
            + "CAST(? AS TEXT[]), CAST(? AS TEXT[])) AS u (h, c, p, o, e) "
            + "ON CONFLICT (address_hash, channel, purpose) DO UPDATE SET objected_on = EXCLUDED.objected_on, expires_on = EXCLUDED.expires_on "
            + "WHERE s.objected_on < EXCLUDED.objected_on OR (s.objected_on = EXCLUDED.objected_on AND s.expires_on < EXCLUDED.expires_on)";

    private static final Comparator<Entry> BY_KEY = Comparator.comparing(Entry::hash).thenComparing(Entry::channel)
            .thenComparing(Entry::purpose);
    private static final Comparator<Entry> BY_DATES = Comparator.comparing(Entry::objectedOn).thenComparing(Entry::expiresOn);

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final boolean postgres;

    JdbcSuppressions(JdbcClient jdbc, JdbcTemplate batch, DataSource dataSource) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.postgres = Databases.postgres(dataSource, "the suppression list");
    }

    /**
     * Adds each entry, or moves an existing one's dates to this later objection (the objections of many one-click
     * unsubscribes are written together). PostgreSQL: one statement ({@link #PUT_ALL_PG}), the entries of the same
     * address, channel and purpose first reduced to the latest, as one MERGE after the other would leave it. H2: one MERGE
     * each, sent as one batch.
     */
    void putAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (postgres) {
            // one row per key (a statement may not update a row twice), in key order (two writers lock them alike)
            Map<String, Entry> latest = new LinkedHashMap<>();
            for (Entry e : entries) {
                latest.merge(e.hash() + '/' + e.channel().name() + '/' + e.purpose(), e, (a, b) -> BY_DATES.compare(a, b) >= 0 ? a : b);
            }
            List<Entry> rows = new ArrayList<>(latest.values());
            rows.sort(BY_KEY);
            int n = rows.size();
            String[][] columns = new String[5][n];
            for (int i = 0; i < n; i++) {
                Entry e = rows.get(i);
                columns[0][i] = e.hash();
                columns[1][i] = e.channel().name();
                columns[2][i] = e.purpose();
                columns[3][i] = e.objectedOn().toString();
                columns[4][i] = e.expiresOn().toString();
            }
            batch.execute((Connection connection) -> {
                try (PreparedStatement ps = connection.prepareStatement(PUT_ALL_PG)) {
                    for (int k = 0; k < columns.length; k++) {
                        ps.setArray(k + 1, connection.createArrayOf("text", columns[k]));
                    }
                    return ps.executeUpdate();
                }
            });
            return;
        }
        batch.batchUpdate(PUT, entries.stream().map(e -> new Object[] {e.hash(), e.channel().name(), e.purpose(), e.objectedOn(), e.expiresOn()})
                .toList());
    }

    /** The entries of these hashes on these channels still in force on that day. */
    List<Entry> find(Collection<String> hashes, Collection<MarketingChannel> channels, LocalDate day) {
        if (hashes.isEmpty() || channels.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT address_hash, channel, purpose, objected_on, expires_on FROM marketing_suppression "
                        + "WHERE address_hash IN (:hashes) AND channel IN (:channels) AND expires_on >= :day ORDER BY objected_on")
                .param("hashes", List.copyOf(hashes)).param("channels", channels.stream().map(Enum::name).toList()).param("day", day)
                .query((rs, n) -> new Entry(rs.getString(1), MarketingChannel.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)))
                .list();
    }

    /** Lifts these hashes on a channel for a purpose: the person consented again. */
    int remove(Collection<String> hashes, MarketingChannel channel, String purpose) {
        if (hashes.isEmpty()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM marketing_suppression WHERE address_hash IN (:hashes) AND channel = :channel AND purpose = :purpose")
                .param("hashes", List.copyOf(hashes)).param("channel", channel.name()).param("purpose", purpose).update();
    }

    /** Removes the entries whose end is before that day. */
    int purgeBefore(LocalDate day) {
        return jdbc.sql("DELETE FROM marketing_suppression WHERE expires_on < ?").param(day).update();
    }
}
