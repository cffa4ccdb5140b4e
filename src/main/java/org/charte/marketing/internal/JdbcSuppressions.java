package org.charte.marketing.internal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.charte.policy.MarketingChannel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The suppression list's rows: keyed hashes, channel, purpose, dates. SQL and row mapping only. */
@Repository
class JdbcSuppressions {

    /** One entry: a hash suppressed on a channel for a purpose since an objection. */
    record Entry(String hash, MarketingChannel channel, String purpose, LocalDate objectedOn, LocalDate expiresOn) {}

    private final JdbcClient jdbc;

    JdbcSuppressions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the entry, or moves an existing one's dates to this later objection. */
    void put(Entry entry) {
        int updated = jdbc.sql("UPDATE marketing_suppression SET objected_on = ?, expires_on = ? "
                        + "WHERE address_hash = ? AND channel = ? AND purpose = ? AND objected_on <= ?")
                .params(entry.objectedOn(), entry.expiresOn(), entry.hash(), entry.channel().name(), entry.purpose(), entry.objectedOn()).update();
        if (updated == 0 && !exists(entry.hash(), entry.channel(), entry.purpose())) {
            jdbc.sql("INSERT INTO marketing_suppression (address_hash, channel, purpose, objected_on, expires_on) VALUES (?, ?, ?, ?, ?)")
                    .params(entry.hash(), entry.channel().name(), entry.purpose(), entry.objectedOn(), entry.expiresOn()).update();
        }
    }

    private boolean exists(String hash, MarketingChannel channel, String purpose) {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_suppression WHERE address_hash = ? AND channel = ? AND purpose = ?")
                .params(hash, channel.name(), purpose).query(Long.class).single() > 0;
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
