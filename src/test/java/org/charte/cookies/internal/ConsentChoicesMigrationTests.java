package org.charte.cookies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.charte.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * V53 (L3, R9.11, R5.4): the proofs of cookie choices stored before it keep exactly their choices, now in their own row,
 * on the database of the suite (H2, or PostgreSQL in the db suite, where the month partitions still come and go).
 */
@Tag("db")
class ConsentChoicesMigrationTests {

    @Test
    @DisplayName("L3 R9.11 R5.4 V53 moves each stored proof's choices into its own row, exactly (a proof without any keeps none), "
            + "drops the table of choices, and on PostgreSQL a month of proofs is still made and dropped whole")
    void choicesMovedIntoTheirProof() throws SQLException {
        String url = TestDatabase.newDatabaseUrl();
        String vendor = TestDatabase.postgres() ? "postgresql" : "h2";
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .placeholders(Map.of("application-role", "")).target("52").load().migrate();
        UUID twoChoices = UUID.randomUUID();
        UUID oddPurposes = UUID.randomUUID();
        UUID none = UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 20, 10, 0, 0, 0, ZoneOffset.UTC);
        try (Connection c = DriverManager.getConnection(url)) {
            insert(c, twoChoices, at, Map.of("social-sharing", true, "audience", false));
            insert(c, oddPurposes, at.plusSeconds(1), Map.of("l'\"ouïe\\", true, "✓ mesure", false, "a", true));
            insert(c, none, at.plusSeconds(2), Map.of());
        }

        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .placeholders(Map.of("application-role", "")).load().migrate();

        try (Connection c = DriverManager.getConnection(url)) {
            Map<String, Boolean> expected = new LinkedHashMap<>();
            expected.put("audience", false);
            expected.put("social-sharing", true);
            assertThat(StoredChoices.of(choices(c, twoChoices))).as("by purpose, as its reads gave them").containsExactlyEntriesOf(expected);
            assertThat(StoredChoices.of(choices(c, oddPurposes))).isEqualTo(Map.of("l'\"ouïe\\", true, "✓ mesure", false, "a", true));
            assertThat(choices(c, none)).isEqualTo("{}");
            assertThat(StoredChoices.accepts(choices(c, oddPurposes), "a")).isTrue();
            assertThat(StoredChoices.accepts(choices(c, twoChoices), "audience")).isFalse();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) LIKE 'consent_choice%'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("no table of choices left").isZero();
            }
            if (TestDatabase.postgres()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT charte_month_partition('consent_record', DATE '2026-01-01', FALSE)");
                    assertThat(count(s, "SELECT COUNT(*) FROM pg_class WHERE relname = 'consent_record_2026m01'")).isOne();
                    s.execute("INSERT INTO consent_record (id, consent_id, banner_version, method, site, language, browser, recorded_at, choices) "
                            + "VALUES ('" + UUID.randomUUID() + "', '" + UUID.randomUUID() + "', '0123456789abcdef', 'banner', 'https://a.example', 'fr', "
                            + "'chrome', TIMESTAMP WITH TIME ZONE '2026-01-15 12:00:00+00', '{\"audience\":true}')");
                    assertThat(count(s, "SELECT charte_month_partition('consent_record', DATE '2026-01-01', TRUE)")).as("the proofs dropped").isOne();
                    assertThat(count(s, "SELECT COUNT(*) FROM pg_class WHERE relname = 'consent_record_2026m01'")).isZero();
                    assertThat(count(s, "SELECT COUNT(*) FROM consent_record")).as("the other months' proofs stay").isEqualTo(3);
                }
            }
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insert(Connection c, UUID consentId, OffsetDateTime at, Map<String, Boolean> choices) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO consent_record (id, consent_id, banner_version, method, site, language, browser, "
                + "recorded_at) VALUES (?, ?, '0123456789abcdef', 'banner', 'https://a.example', 'fr', 'chrome', ?)")) {
            p.setObject(1, id);
            p.setObject(2, consentId);
            p.setObject(3, at);
            p.executeUpdate();
        }
        for (Map.Entry<String, Boolean> choice : choices.entrySet()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO consent_choice (record_id, purpose, accepted, recorded_at) VALUES (?, ?, ?, ?)")) {
                p.setObject(1, id);
                p.setString(2, choice.getKey());
                p.setBoolean(3, choice.getValue());
                p.setObject(4, at);
                p.executeUpdate();
            }
        }
    }

    private static String choices(Connection c, UUID consentId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT choices FROM consent_record WHERE consent_id = ?")) {
            p.setObject(1, consentId);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
