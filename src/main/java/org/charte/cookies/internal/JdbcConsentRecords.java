package org.charte.cookies.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.charte.common.MonthPartitions;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The proofs of cookie choices and the banners they were made on: SQL only. */
@Repository
class JdbcConsentRecords {

    /** One proof as stored. */
    record Row(UUID id, UUID consentId, String bannerVersion, String method, String site, String language, String browser,
            OffsetDateTime recordedAt, Map<String, Boolean> choices) {}

    /** How many choices accepted or refused a purpose on a banner version. */
    record Count(String bannerVersion, String purpose, boolean accepted, long choices) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    JdbcConsentRecords(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Rows per INSERT statement: one statement of many rows costs the database far less than as many statements. */
    static final int ROWS_PER_STATEMENT = 200;

    /**
     * The INSERTs of 1 to {@link #ROWS_PER_STATEMENT} rows, by their number of rows, made once: a batch's statements are
     * the same texts each time, which the driver finds parsed and prepared (bench/RESULTS.md, consent). Made when first
     * needed; two threads making the same one at once make equal strings.
     */
    private final String[] recordInserts = new String[ROWS_PER_STATEMENT + 1];

    private static String sql(String[] made, String table, int columns, int rows) {
        String sql = made[rows];
        if (sql == null) {
            sql = values(table, columns, rows);
            made[rows] = sql;
        }
        return sql;
    }

    private static String values(String table, int columns, int rows) {
        String row = "(" + "?, ".repeat(columns - 1) + "?)";
        StringBuilder sql = new StringBuilder(30 + table.length() + rows * (row.length() + 2)).append("INSERT INTO ").append(table).append(" VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.toString();
    }

    /**
     * Inserts the proofs, each with its choices in its own row ({@link StoredChoices}, V53), with multi-row INSERTs of
     * at most {@link #ROWS_PER_STATEMENT} rows, in the caller's transaction. The values are bound straight to the
     * driver's statement (no per-value type inspection on the way): this runs for every proof posted.
     */
    void insertAll(List<Row> rows) {
        template.execute((ConnectionCallback<Void>) connection -> {
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                insertRecords(connection, rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
            }
            return null;
        });
    }

    private void insertRecords(Connection connection, List<Row> proofs) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql(recordInserts,
                "consent_record (id, consent_id, banner_version, method, site, language, browser, recorded_at, choices)", 9, proofs.size()))) {
            int i = 0;
            for (Row row : proofs) {
                insert.setObject(++i, row.id());
                insert.setObject(++i, row.consentId());
                insert.setString(++i, row.bannerVersion());
                insert.setString(++i, row.method());
                insert.setString(++i, row.site());
                insert.setString(++i, row.language());
                insert.setString(++i, row.browser());
                insert.setObject(++i, row.recordedAt());
                insert.setString(++i, StoredChoices.text(row.choices()));
            }
            insert.executeUpdate();
        }
    }

    /** A consent id's proofs, oldest first, at most {@code limit}. */
    List<Row> byConsentId(UUID consentId, int limit) {
        return jdbc.sql("SELECT id, consent_id, banner_version, method, site, language, browser, recorded_at, choices "
                        + "FROM consent_record WHERE consent_id = ? ORDER BY recorded_at, id LIMIT ?")
                .param(consentId).param(limit)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("consent_id", UUID.class), rs.getString("banner_version"),
                        rs.getString("method"), rs.getString("site"), rs.getString("language"), rs.getString("browser"),
                        rs.getObject("recorded_at", OffsetDateTime.class), StoredChoices.of(rs.getString("choices"))))
                .list();
    }

    /**
     * How many choices accepted or refused each purpose on each banner version: the proofs counted by their banner
     * version and choices (a few combinations each), then each combination's purposes counted in Java.
     */
    List<Count> counts() {
        Map<String, Map<String, long[]>> byVersion = new TreeMap<>();
        jdbc.sql("SELECT banner_version, choices, COUNT(*) AS n FROM consent_record GROUP BY banner_version, choices")
                .query(rs -> {
                    Map<String, long[]> purposes = byVersion.computeIfAbsent(rs.getString("banner_version"), v -> new TreeMap<>());
                    long n = rs.getLong("n");
                    StoredChoices.of(rs.getString("choices")).forEach((purpose, accepted) -> {
                        purposes.computeIfAbsent(purpose, p -> new long[2])[accepted ? 1 : 0] += n;
                    });
                });
        List<Count> counts = new ArrayList<>();
        byVersion.forEach((version, purposes) -> purposes.forEach((purpose, n) -> {
            for (int accepted = 0; accepted < 2; accepted++) {
                if (n[accepted] > 0) {
                    counts.add(new Count(version, purpose, accepted == 1, n[accepted]));
                }
            }
        }));
        return counts;
    }

    /** The banner versions proofs name, with when each was first served. */
    Map<String, OffsetDateTime> banners() {
        Map<String, OffsetDateTime> banners = new LinkedHashMap<>();
        jdbc.sql("SELECT version, first_served FROM consent_banner ORDER BY first_served")
                .query(rs -> {
                    banners.put(rs.getString("version"), rs.getObject("first_served", OffsetDateTime.class));
                });
        return banners;
    }

    long countRecordedBefore(Instant cutoff, Collection<YearMonth> except) {
        List<Object> params = new ArrayList<>(List.of(cutoff.atOffset(ZoneOffset.UTC)));
        return jdbc.sql("SELECT COUNT(*) FROM consent_record WHERE recorded_at < ?" + outside(except, params)).params(params)
                .query(Long.class).single();
    }

    List<UUID> recordedBefore(Instant cutoff, Collection<YearMonth> except, @Nullable UUID after, int limit) {
        List<Object> params = new ArrayList<>(List.of(cutoff.atOffset(ZoneOffset.UTC)));
        String outside = outside(except, params);
        if (after != null) {
            params.add(after);
        }
        params.add(limit);
        return jdbc.sql("SELECT id FROM consent_record WHERE recorded_at < ?" + outside + (after == null ? "" : " AND id > ?") + " ORDER BY id LIMIT ?")
                .params(params).query(UUID.class).list();
    }

    /** The condition leaving out the proofs of these months of Paris (their partitions go whole), its bounds added to {@code params}. */
    private static String outside(Collection<YearMonth> months, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        for (YearMonth month : months) {
            sql.append(" AND NOT (recorded_at >= ? AND recorded_at < ?)");
            params.add(MonthPartitions.start(month).atOffset(ZoneOffset.UTC));
            params.add(MonthPartitions.start(month.plusMonths(1)).atOffset(ZoneOffset.UTC));
        }
        return sql.toString();
    }

    Map<UUID, Instant> lock(Collection<UUID> ids) {
        Map<UUID, Instant> locked = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return locked;
        }
        jdbc.sql("SELECT id, recorded_at FROM consent_record WHERE id IN (:ids) ORDER BY id FOR UPDATE").param("ids", ids)
                .query(rs -> {
                    locked.put(rs.getObject("id", UUID.class), rs.getObject("recorded_at", OffsetDateTime.class).toInstant());
                });
        return locked;
    }

    int erase(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM consent_record WHERE id IN (:ids)").param("ids", ids).update();
    }

    /** What a banner version showed (its canonical JSON) and when it was first served, if it was kept. */
    Optional<KeptBanner> banner(String version) {
        return jdbc.sql("SELECT content, first_served FROM consent_banner WHERE version = ?").param(version)
                .query((rs, n) -> new KeptBanner(rs.getString("content"), rs.getObject("first_served", OffsetDateTime.class))).optional();
    }

    /** A banner version's content as kept the first time it was served. */
    record KeptBanner(String content, OffsetDateTime firstServed) {}

    /** Keeps what a banner version showed, once (another node may have kept it first). */
    void keepBanner(String version, String content, OffsetDateTime at) {
        try {
            jdbc.sql("INSERT INTO consent_banner (version, content, first_served) SELECT ?, ?, ? WHERE NOT EXISTS "
                            + "(SELECT 1 FROM consent_banner WHERE version = ?)")
                    .params(version, content, at, version).update();
        } catch (DuplicateKeyException raced) {
            // kept by another node at the same moment: the same content, since the version is its hash
        }
    }
}
