package org.charte.marketing.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.charte.marketing.Means;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of consents to be called at other times than D223-9's (L2). SQL and row mapping only. */
@Repository
class JdbcCallHours {

    /** An entry as stored: the wording shown still sealed. */
    record Row(UUID id, UUID subjectId, boolean consented, Means means, byte @Nullable [] proof, Instant recordedAt, String recordedBy) {}

    private static final String COLUMNS = "id, subject_id, consented, means, proof, recorded_at, recorded_by";

    private final JdbcClient jdbc;

    JdbcCallHours(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Row row) {
        jdbc.sql("INSERT INTO marketing_call_hours (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(row.id(), row.subjectId(), row.consented(), row.means().name(), row.proof(), row.recordedAt().atOffset(ZoneOffset.UTC),
                        row.recordedBy())
                .update();
    }

    /** The person's entries, oldest first (the last is their current choice). */
    List<Row> history(UUID subjectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_call_hours WHERE subject_id = ? ORDER BY recorded_at, id").param(subjectId)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBoolean(3), Means.valueOf(rs.getString(4)),
                        rs.getBytes(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7)))
                .list();
    }

    /** Whether the person's latest entry is a consent. */
    boolean consented(UUID subjectId) {
        return jdbc.sql("SELECT consented FROM marketing_call_hours WHERE subject_id = ? ORDER BY recorded_at DESC, id DESC LIMIT 1")
                .param(subjectId).query(Boolean.class).optional().orElse(false);
    }

    int deleteSubjects(Collection<UUID> subjectIds) {
        return jdbc.sql("DELETE FROM marketing_call_hours WHERE subject_id IN (:ids)").param("ids", List.copyOf(subjectIds)).update();
    }
}
