package org.charte.marketing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.marketing.CallOutcome;
import org.charte.marketing.PhoneCall;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of prospecting calls (L2). SQL and row mapping only. */
@Repository
class JdbcCalls {

    private static final String COLUMNS = "id, subject_id, purpose, called_at, outcome, recorded_at, recorded_by";

    private final JdbcClient jdbc;

    JdbcCalls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PhoneCall call) {
        jdbc.sql("INSERT INTO marketing_call (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(call.id(), call.subjectId(), call.purpose(), call.calledAt().atOffset(ZoneOffset.UTC), call.outcome().name(),
                        call.recordedAt().atOffset(ZoneOffset.UTC), call.recordedBy())
                .update();
    }

    /** The instants of the person's calls (any purpose) from {@code from} to {@code to}, both included. */
    List<Instant> attempts(UUID subjectId, Instant from, Instant to) {
        return jdbc.sql("SELECT called_at FROM marketing_call WHERE subject_id = ? AND called_at >= ? AND called_at <= ? ORDER BY called_at")
                .params(subjectId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
    }

    /** When the person last refused during a call, at or before an instant. */
    Optional<Instant> lastRefusal(UUID subjectId, Instant upTo) {
        return jdbc.sql("SELECT called_at FROM marketing_call WHERE subject_id = ? AND outcome = ? AND called_at <= ? "
                        + "ORDER BY called_at DESC LIMIT 1")
                .params(subjectId, CallOutcome.REFUSED.name(), upTo.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list().stream().findFirst();
    }

    /** The person's calls, newest first. */
    List<PhoneCall> calls(UUID subjectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM marketing_call WHERE subject_id = ? ORDER BY called_at DESC, id DESC").param(subjectId)
                .query(JdbcCalls::row).list();
    }

    int deleteSubjects(Collection<UUID> subjectIds) {
        return jdbc.sql("DELETE FROM marketing_call WHERE subject_id IN (:ids)").param("ids", List.copyOf(subjectIds)).update();
    }

    private static PhoneCall row(ResultSet rs, int n) throws SQLException {
        return new PhoneCall(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant(), CallOutcome.valueOf(rs.getString(5)),
                rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7));
    }
}
