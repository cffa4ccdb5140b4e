package org.charte.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of {@code audit_entry} and {@code audit_head}; the writes are {@link ChainWriter}'s alone. */
@Repository
class AuditEntries implements ChainStore {

    static final String COLUMNS = "seq, id, at, actor, action, purpose, resource_type, resource_id, subject_id, "
            + "categories, outcome, reason, previous_hash, hash";

    private final JdbcClient jdbc;

    AuditEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Head> head() {
        return jdbc.sql("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
                .optional();
    }

    @Override
    public List<StoredEntry> page(long afterSeq, long upToSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?")
                .params(afterSeq, upToSeq, limit).query(AuditEntries::map).list();
    }

    /** One person's rows with {@code afterSeq < seq <= upToSeq}, in seq order. */
    List<StoredEntry> pageForSubject(UUID subjectId, long afterSeq, long upToSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry WHERE subject_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?")
                .params(subjectId, afterSeq, upToSeq, limit).query(AuditEntries::map).list();
    }

    /** The distinct subjects of the allowed entries of one actor, of these actions, with {@code from <= at < to}, first reached first. */
    List<UUID> subjectsReachedBy(String actor, List<String> actions, Instant from, Instant to, int limit) {
        String marks = String.join(", ", actions.stream().map(a -> "?").toList());
        List<Object> params = new ArrayList<>();
        params.add(actor);
        params.addAll(actions);
        params.add(from.atOffset(ZoneOffset.UTC));
        params.add(to.atOffset(ZoneOffset.UTC));
        params.add(limit);
        return jdbc.sql("SELECT subject_id FROM audit_entry WHERE actor = ? AND action IN (" + marks + ") AND outcome = 'ALLOWED' "
                        + "AND at >= ? AND at < ? AND subject_id IS NOT NULL GROUP BY subject_id ORDER BY MIN(seq) LIMIT ?")
                .params(params).query(UUID.class).list();
    }

    List<StoredEntry> latest(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry ORDER BY seq DESC LIMIT ?")
                .param(limit).query(AuditEntries::map).list();
    }

    List<StoredEntry> latestForSubject(UUID subjectId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry WHERE subject_id = ? ORDER BY seq DESC LIMIT ?")
                .params(subjectId, limit).query(AuditEntries::map).list();
    }

    @Override
    public List<StoredEntry> linkingTo(String hash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry WHERE previous_hash = ? ORDER BY seq")
                .param(hash).query(AuditEntries::map).list();
    }

    @Override
    public boolean hashExists(String hash) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE hash = ?").param(hash).query(Long.class).single() > 0;
    }

    Optional<String> hashAt(long seq) {
        return jdbc.sql("SELECT hash FROM audit_entry WHERE seq = ?").param(seq).query(String.class).optional();
    }

    OptionalLong seqOf(String hash) {
        return jdbc.sql("SELECT MIN(seq) FROM audit_entry WHERE hash = ?").param(hash).query(Long.class).optional()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public OptionalLong firstBeyondHead() {
        // One statement, so the head and the rows are read in one snapshot: an append committed
        // meanwhile moves both together and is never taken for an insertion.
        return jdbc.sql("SELECT MIN(e.seq) FROM audit_entry e JOIN audit_head h ON h.id = 1 WHERE e.seq > h.last_seq")
                .query(Long.class).optional()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    static StoredEntry map(ResultSet rs, int row) throws SQLException {
        return new StoredEntry(rs.getLong("seq"), rs.getObject("id", UUID.class),
                rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"), rs.getString("action"),
                rs.getString("purpose"), rs.getString("resource_type"), rs.getString("resource_id"),
                rs.getObject("subject_id", UUID.class), StoredEntry.splitCategories(rs.getString("categories")),
                rs.getString("outcome"), rs.getString("reason"), rs.getString("previous_hash"), rs.getString("hash"));
    }
}
