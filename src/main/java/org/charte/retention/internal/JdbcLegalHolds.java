package org.charte.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.common.Ids;
import org.charte.retention.LegalHolds.Hold;
import org.charte.retention.LegalHolds.Kind;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Legal holds in {@code legal_hold}: codes and ids only. SQL and row mapping; {@link LegalHoldService} checks and audits. */
@Repository
class JdbcLegalHolds {

    private final JdbcClient jdbc;
    private final Ids ids;

    JdbcLegalHolds(JdbcClient jdbc, Ids ids) {
        this.jdbc = jdbc;
        this.ids = ids;
    }

    Hold insert(Kind kind, UUID subjectId, @Nullable String recordType, @Nullable UUID recordId, String reason, @Nullable LocalDate endsOn,
            LocalDate placedOn, OffsetDateTime placedAt, String placedBy, @Nullable String sourceType, @Nullable UUID sourceId) {
        UUID id = ids.next();
        jdbc.sql("""
                INSERT INTO legal_hold (id, kind, subject_id, record_type, record_id, reason_code, placed_on, ends_on, placed_at, placed_by,
                    source_type, source_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, kind.name(), subjectId, recordType, recordId, reason, placedOn, endsOn, placedAt, placedBy, sourceType, sourceId)
                .update();
        return find(id).orElseThrow();
    }

    /** Releases a hold still open. */
    void release(UUID holdId, OffsetDateTime at, String by) {
        jdbc.sql("UPDATE legal_hold SET released_at = ?, released_by = ? WHERE id = ? AND released_at IS NULL")
                .params(at, by, holdId).update();
    }

    /** The open holds an event placed (an invoice, a litigation). */
    List<UUID> openFromSource(String sourceType, UUID sourceId) {
        return jdbc.sql("SELECT id FROM legal_hold WHERE source_type = ? AND source_id = ? AND released_at IS NULL")
                .params(sourceType, sourceId).query(UUID.class).list();
    }

    private static final String SELECT = """
            SELECT id, kind, subject_id, record_type, record_id, reason_code, placed_on, ends_on, placed_by, released_at, released_by
            FROM legal_hold""";
    private static final String ACTIVE = " released_at IS NULL AND (ends_on IS NULL OR ends_on >= :day)";

    Optional<Hold> find(UUID holdId) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(holdId).query(JdbcLegalHolds::hold).optional();
    }

    List<Hold> active(LocalDate day) {
        return jdbc.sql(SELECT + " WHERE" + ACTIVE + " ORDER BY placed_at DESC, id DESC").param("day", day).query(JdbcLegalHolds::hold).list();
    }

    List<Hold> activeFor(Collection<UUID> subjectIds, LocalDate day) {
        if (subjectIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE subject_id IN (:ids) AND" + ACTIVE + " ORDER BY id").param("ids", List.copyOf(subjectIds)).param("day", day)
                .query(JdbcLegalHolds::hold).list();
    }

    /** Holds on these records (an archive entry's record), on that day. */
    List<Hold> activeOnRecords(Collection<UUID> recordIds, LocalDate day) {
        if (recordIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE record_id IN (:ids) AND" + ACTIVE + " ORDER BY id").param("ids", List.copyOf(recordIds)).param("day", day)
                .query(JdbcLegalHolds::hold).list();
    }

    private static Hold hold(ResultSet rs, int n) throws SQLException {
        OffsetDateTime released = rs.getObject("released_at", OffsetDateTime.class);
        return new Hold(rs.getObject("id", UUID.class), Kind.valueOf(rs.getString("kind")), rs.getObject("subject_id", UUID.class),
                rs.getString("record_type"), rs.getObject("record_id", UUID.class), rs.getString("reason_code"),
                rs.getObject("placed_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class), rs.getString("placed_by"),
                released == null ? null : released.toInstant(), rs.getString("released_by"));
    }
}
