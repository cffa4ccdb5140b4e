package org.charte.marketing.internal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
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

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    JdbcSuppressions(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Adds each entry, or moves an existing one's dates to this later objection: one MERGE each, sent as one batch (the
     * objections of many one-click unsubscribes are written together).
     */
    void putAll(List<Entry> entries) {
        if (entries.isEmpty()) {
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
