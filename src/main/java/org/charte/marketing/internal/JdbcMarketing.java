package org.charte.marketing.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.charte.common.Databases;
import org.charte.marketing.BasisKind;
import org.charte.marketing.Capacity;
import org.charte.marketing.CapacityChange;
import org.charte.marketing.Means;
import org.charte.policy.MarketingChannel;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The marketing rows: history entries, the current basis beside them, capacities. SQL and row mapping only. */
@Repository
class JdbcMarketing {

    /** A history entry as stored: its details still sealed. */
    record Row(UUID id, UUID subjectId, MarketingChannel channel, String purpose, BasisKind kind, Means means, @Nullable String wording,
            @Nullable String reference, byte @Nullable [] details, Instant recordedAt, LocalDate recordedOn, String recordedBy) {}

    private static final String COLUMNS = "id, subject_id, channel, purpose, kind, collected_by, wording, reference, details, recorded_at, "
            + "recorded_on, recorded_by";

    /** Rows per multi-row INSERT (12 parameters a row: well under the drivers' limits). */
    static final int ROWS_PER_STATEMENT = 200;

    /**
     * PostgreSQL, the group commit of objections: statements of fixed text (planned once, whatever the batch's size), the
     * rows as one text array per column. The people's current rows locked in the order of their ids; the history rows
     * inserted; the current rows made or moved to the new entries (one row per key: the caller locked them all).
     */
    static final String LOCK_CURRENT_PG = "SELECT subject_id, channel, purpose, kind FROM marketing_basis_current "
            + "WHERE subject_id = ANY (CAST(CAST(? AS TEXT[]) AS UUID[])) ORDER BY subject_id, channel, purpose FOR UPDATE";
    static final String APPEND_HISTORY_PG = "INSERT INTO marketing_basis (" + COLUMNS + ") "
            + "SELECT CAST(i AS UUID), CAST(s AS UUID), c, p, k, m, w, r, decode(d, 'hex'), CAST(a AS TIMESTAMP WITH TIME ZONE), "
            + "CAST(o AS DATE), b FROM unnest(" + arrays(12) + ") AS u (i, s, c, p, k, m, w, r, d, a, o, b)";
    static final String MOVE_CURRENT_PG = "INSERT INTO marketing_basis_current AS m (subject_id, channel, purpose, basis_id, kind, recorded_on) "
            + "SELECT CAST(s AS UUID), c, p, CAST(i AS UUID), k, CAST(o AS DATE) FROM unnest(" + arrays(6) + ") AS u (s, c, p, i, k, o) "
            + "ON CONFLICT (subject_id, channel, purpose) DO UPDATE SET basis_id = EXCLUDED.basis_id, kind = EXCLUDED.kind, "
            + "recorded_on = EXCLUDED.recorded_on";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final boolean postgres;

    JdbcMarketing(JdbcClient jdbc, JdbcTemplate batch, DataSource dataSource) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.postgres = Databases.postgres(dataSource, "the marketing history");
    }

    private static String arrays(int n) {
        return String.join(", ", Collections.nCopies(n, "CAST(? AS TEXT[])"));
    }

    /** One statement with these text arrays as its parameters, on the transaction's connection; the rows it changed. */
    private int columns(String sql, String[][] columns) {
        Integer changed = batch.execute((Connection connection) -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int k = 0; k < columns.length; k++) {
                    ps.setArray(k + 1, connection.createArrayOf("text", columns[k]));
                }
                return ps.executeUpdate();
            }
        });
        return changed == null ? 0 : changed;
    }

    /** Appends an entry and makes it the current basis of its channel and purpose. */
    void append(Row row) {
        jdbc.sql("INSERT INTO marketing_basis (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.id(), row.subjectId(), row.channel().name(), row.purpose(), row.kind().name(), row.means().name(), row.wording(),
                        row.reference(), row.details(), row.recordedAt().atOffset(ZoneOffset.UTC), row.recordedOn(), row.recordedBy())
                .update();
        int updated = jdbc.sql("UPDATE marketing_basis_current SET basis_id = ?, kind = ?, recorded_on = ? "
                        + "WHERE subject_id = ? AND channel = ? AND purpose = ?")
                .params(row.id(), row.kind().name(), row.recordedOn(), row.subjectId(), row.channel().name(), row.purpose()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO marketing_basis_current (subject_id, channel, purpose, basis_id, kind, recorded_on) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(row.subjectId(), row.channel().name(), row.purpose(), row.id(), row.kind().name(), row.recordedOn()).update();
        }
    }

    /** The person's current basis per channel and purpose, locked until the caller's transaction ends. */
    Map<String, BasisKind> currentKinds(UUID subjectId) {
        return jdbc.sql("SELECT channel, purpose, kind FROM marketing_basis_current WHERE subject_id = ? FOR UPDATE").param(subjectId)
                .query((rs, n) -> Map.entry(key(MarketingChannel.valueOf(rs.getString(1)), rs.getString(2)), BasisKind.valueOf(rs.getString(3))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The current basis per channel and purpose of each of these people, locked until the caller's transaction ends (in the
     * order of their ids, so that two such transactions never wait for each other in a cycle); nobody's map is missing.
     */
    Map<UUID, Map<String, BasisKind>> currentKinds(Collection<UUID> subjectIds) {
        Map<UUID, Map<String, BasisKind>> found = new HashMap<>();
        for (UUID id : subjectIds) {
            found.put(id, new HashMap<>());
        }
        if (postgres) {
            String[] ids = found.keySet().stream().map(UUID::toString).toArray(String[]::new);
            batch.query((Connection connection) -> {
                PreparedStatement ps = connection.prepareStatement(LOCK_CURRENT_PG);
                ps.setArray(1, connection.createArrayOf("text", ids));
                return ps;
            }, (RowCallbackHandler) rs -> {
                found.get(rs.getObject(1, UUID.class)).put(key(MarketingChannel.valueOf(rs.getString(2)), rs.getString(3)),
                        BasisKind.valueOf(rs.getString(4)));
            });
            return found;
        }
        jdbc.sql("SELECT subject_id, channel, purpose, kind FROM marketing_basis_current WHERE subject_id IN (:ids) "
                        + "ORDER BY subject_id, channel, purpose FOR UPDATE").param("ids", List.copyOf(found.keySet()))
                .query((rs, n) -> {
                    found.get(rs.getObject(1, UUID.class)).put(key(MarketingChannel.valueOf(rs.getString(2)), rs.getString(3)),
                            BasisKind.valueOf(rs.getString(4)));
                    return null;
                }).list();
        return found;
    }

    /** A history entry to append, and whether its channel and purpose already have a current row (locked by the caller). */
    record Append(Row row, boolean currentExists) {}

    /**
     * Appends these entries and makes each the current basis of its channel and purpose, in a few statements: the history
     * rows in multi-row INSERTs, the current rows that exist in one batch of UPDATEs, the others in multi-row INSERTs.
     */
    void appendAll(List<Append> appends) {
        if (postgres) {
            appendAllPostgres(appends);
            return;
        }
        List<Object> history = new ArrayList<>();
        List<Object> inserted = new ArrayList<>();
        List<Object[]> updated = new ArrayList<>();
        int historyRows = 0;
        int insertedRows = 0;
        for (Append append : appends) {
            Row row = append.row();
            history.addAll(Arrays.asList(row.id(), row.subjectId(), row.channel().name(), row.purpose(), row.kind().name(),
                    row.means().name(), row.wording(), row.reference(), row.details(), row.recordedAt().atOffset(ZoneOffset.UTC),
                    row.recordedOn(), row.recordedBy()));
            if (++historyRows == ROWS_PER_STATEMENT) {
                insertRows("marketing_basis (" + COLUMNS + ")", 12, historyRows, history);
                historyRows = 0;
            }
            if (append.currentExists()) {
                updated.add(new Object[] {row.id(), row.kind().name(), row.recordedOn(), row.subjectId(), row.channel().name(), row.purpose()});
            } else {
                inserted.addAll(List.of(row.subjectId(), row.channel().name(), row.purpose(), row.id(), row.kind().name(), row.recordedOn()));
                if (++insertedRows == ROWS_PER_STATEMENT) {
                    insertRows("marketing_basis_current (subject_id, channel, purpose, basis_id, kind, recorded_on)", 6, insertedRows, inserted);
                    insertedRows = 0;
                }
            }
        }
        if (historyRows > 0) {
            insertRows("marketing_basis (" + COLUMNS + ")", 12, historyRows, history);
        }
        if (insertedRows > 0) {
            insertRows("marketing_basis_current (subject_id, channel, purpose, basis_id, kind, recorded_on)", 6, insertedRows, inserted);
        }
        if (!updated.isEmpty()) {
            batch.batchUpdate("UPDATE marketing_basis_current SET basis_id = ?, kind = ?, recorded_on = ? "
                    + "WHERE subject_id = ? AND channel = ? AND purpose = ?", updated);
        }
    }

    /** {@link #appendAll} on PostgreSQL: two statements, whatever the number of entries. */
    private void appendAllPostgres(List<Append> appends) {
        if (appends.isEmpty()) {
            return;
        }
        int n = appends.size();
        String[][] history = new String[12][n];
        // the current row of each key moves to its last entry, as one UPDATE after the other would leave it
        Map<String, Row> current = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Row row = appends.get(i).row();
            history[0][i] = row.id().toString();
            history[1][i] = row.subjectId().toString();
            history[2][i] = row.channel().name();
            history[3][i] = row.purpose();
            history[4][i] = row.kind().name();
            history[5][i] = row.means().name();
            history[6][i] = row.wording();
            history[7][i] = row.reference();
            history[8][i] = row.details() == null ? null : HexFormat.of().formatHex(row.details());
            history[9][i] = row.recordedAt().truncatedTo(ChronoUnit.MICROS).toString(); // what PostgreSQL keeps
            history[10][i] = row.recordedOn().toString();
            history[11][i] = row.recordedBy();
            current.put(row.subjectId() + "/" + key(row.channel(), row.purpose()), row);
        }
        columns(APPEND_HISTORY_PG, history);
        List<Row> moved = new ArrayList<>(current.values());
        String[][] rows = new String[6][moved.size()];
        for (int i = 0; i < moved.size(); i++) {
            Row row = moved.get(i);
            rows[0][i] = row.subjectId().toString();
            rows[1][i] = row.channel().name();
            rows[2][i] = row.purpose();
            rows[3][i] = row.id().toString();
            rows[4][i] = row.kind().name();
            rows[5][i] = row.recordedOn().toString();
        }
        columns(MOVE_CURRENT_PG, rows);
    }

    /** One INSERT of {@code count} rows of {@code columns} values each; empties {@code params}. */
    private void insertRows(String table, int columns, int count, List<Object> params) {
        String one = "(" + "?, ".repeat(columns - 1) + "?)";
        StringBuilder sql = new StringBuilder(30 + table.length() + count * (one.length() + 2)).append("INSERT INTO ").append(table)
                .append(" VALUES ");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ", ").append(one);
        }
        jdbc.sql(sql.toString()).params(params).update();
        params.clear();
    }

    Optional<BasisKind> currentKind(UUID subjectId, MarketingChannel channel, String purpose) {
        return jdbc.sql("SELECT kind FROM marketing_basis_current WHERE subject_id = ? AND channel = ? AND purpose = ?")
                .params(subjectId, channel.name(), purpose).query((rs, n) -> BasisKind.valueOf(rs.getString(1))).optional();
    }

    static String key(MarketingChannel channel, String purpose) {
        return channel.name() + "/" + purpose;
    }

    /** The person's whole history, oldest first. */
    List<Row> history(UUID subjectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_basis WHERE subject_id = ? ORDER BY recorded_at, id").param(subjectId)
                .query(JdbcMarketing::row).list();
    }

    /** The ids of the current entries of the person. */
    List<UUID> currentIds(UUID subjectId) {
        return jdbc.sql("SELECT basis_id FROM marketing_basis_current WHERE subject_id = ?").param(subjectId).query(UUID.class).list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), MarketingChannel.valueOf(rs.getString(3)), rs.getString(4),
                BasisKind.valueOf(rs.getString(5)), Means.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getBytes(9),
                rs.getObject(10, OffsetDateTime.class).toInstant(), rs.getObject(11, LocalDate.class), rs.getString(12));
    }

    void appendCapacity(CapacityChange change) {
        jdbc.sql("INSERT INTO marketing_capacity (id, subject_id, capacity, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?)")
                .params(change.id(), change.subjectId(), change.capacity().name(), change.recordedAt().atOffset(ZoneOffset.UTC),
                        change.recordedBy())
                .update();
    }

    /** The person's capacity history, oldest first. */
    List<CapacityChange> capacities(UUID subjectId) {
        return jdbc.sql("SELECT id, subject_id, capacity, recorded_at, recorded_by FROM marketing_capacity WHERE subject_id = ? "
                        + "ORDER BY recorded_at, id").param(subjectId)
                .query((rs, n) -> new CapacityChange(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), Capacity.valueOf(rs.getString(3)),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)))
                .list();
    }

    /** These people's rows, all of them: once they are erased (the suppression list, which names nobody, stays). */
    int deleteSubjects(Collection<UUID> subjectIds) {
        List<UUID> ids = List.copyOf(subjectIds);
        jdbc.sql("DELETE FROM marketing_basis_current WHERE subject_id IN (:ids)").param("ids", ids).update();
        int n = jdbc.sql("DELETE FROM marketing_basis WHERE subject_id IN (:ids)").param("ids", ids).update();
        return n + jdbc.sql("DELETE FROM marketing_capacity WHERE subject_id IN (:ids)").param("ids", ids).update();
    }
}
