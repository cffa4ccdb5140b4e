package org.charte.subjects.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.subjects.internal.AcceptedPhrases.AcceptedPhrase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The accepted phrases' rows. */
@Repository
class JdbcAcceptedPhrases {

    private static final String SELECT = """
            SELECT id, phrase, reason, added_by, added_at, removed_by, removed_at, removal_reason FROM screening_accepted_phrase""";

    private final JdbcClient jdbc;

    JdbcAcceptedPhrases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String phrase, String folded, String reason, String addedBy, Instant at) {
        jdbc.sql("""
                INSERT INTO screening_accepted_phrase (id, phrase, folded, reason, added_by, added_at)
                VALUES (?, ?, ?, ?, ?, ?)""").params(id, phrase, folded, reason, addedBy, at(at)).update();
    }

    /** Marks a phrase removed, if it is in force; how many rows changed. */
    int remove(UUID id, String removedBy, String reason, Instant at) {
        return jdbc.sql("UPDATE screening_accepted_phrase SET removed_by = ?, removed_at = ?, removal_reason = ? WHERE id = ? AND removed_at IS NULL")
                .params(removedBy, at(at), reason, id).update();
    }

    boolean inForce(String folded) {
        return jdbc.sql("SELECT COUNT(*) FROM screening_accepted_phrase WHERE folded = ? AND removed_at IS NULL").param(folded)
                .query(Long.class).single() > 0;
    }

    /** The folded words of every phrase in force, one space between words. */
    List<String> foldedInForce() {
        return jdbc.sql("SELECT folded FROM screening_accepted_phrase WHERE removed_at IS NULL").query(String.class).list();
    }

    Optional<AcceptedPhrase> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(JdbcAcceptedPhrases::row).optional();
    }

    List<AcceptedPhrase> all() {
        return jdbc.sql(SELECT + " ORDER BY CASE WHEN removed_at IS NULL THEN 0 ELSE 1 END, added_at DESC, id")
                .query(JdbcAcceptedPhrases::row).list();
    }

    private static AcceptedPhrase row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime removedAt = rs.getObject("removed_at", OffsetDateTime.class);
        return new AcceptedPhrase(rs.getObject("id", UUID.class), rs.getString("phrase"), rs.getString("reason"), rs.getString("added_by"),
                rs.getObject("added_at", OffsetDateTime.class).toInstant(), rs.getString("removed_by"),
                removedAt == null ? null : removedAt.toInstant(), rs.getString("removal_reason"));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
