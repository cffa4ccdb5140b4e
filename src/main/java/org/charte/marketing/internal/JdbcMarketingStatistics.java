package org.charte.marketing.internal;

import java.util.List;
import org.charte.marketing.BasisKind;
import org.charte.policy.MarketingChannel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts of current bases per channel, marketing purpose and kind: SQL only, no person id ever leaves (R4.2). */
@Repository
class JdbcMarketingStatistics {

    /** How many people have this kind of basis in force on this channel for this purpose. */
    record Count(MarketingChannel channel, String purpose, BasisKind kind, long people) {}

    private final JdbcClient jdbc;

    JdbcMarketingStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Count> counts() {
        return jdbc.sql("SELECT channel, purpose, kind, COUNT(*) AS people FROM marketing_basis_current GROUP BY channel, purpose, kind")
                .query((rs, n) -> new Count(MarketingChannel.valueOf(rs.getString("channel")), rs.getString("purpose"),
                        BasisKind.valueOf(rs.getString("kind")), rs.getLong("people")))
                .list();
    }
}
