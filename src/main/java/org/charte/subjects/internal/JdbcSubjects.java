package org.charte.subjects.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.charte.subjects.Lifecycle;
import org.charte.subjects.SubjectRetention.Cutoffs;
import org.charte.subjects.SubjectStatus;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code data_subject} and {@code subject_lookup}: SQL and row mapping only. The parts
 * come in and go out sealed ({@link SubjectStore} seals and opens them), the blind indexes as
 * digests; which rows are due comes from the retention rule's {@link Cutoffs}.
 */
@Repository
class JdbcSubjects {

    /** A stored person: dates in clear, the three sealed parts (contacts and other information null on a row from before V6). */
    record Row(UUID id, SubjectStatus status, LocalDate lastContactOn, @Nullable LocalDate contractEndedOn, byte[] identity,
            byte @Nullable [] contacts, byte @Nullable [] otherInformation) {

        /** Written before the three parts: everything in the identity part. */
        boolean legacy() {
            return contacts == null;
        }
    }

    private final JdbcClient jdbc;

    JdbcSubjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> row(UUID id) {
        return jdbc.sql("""
                SELECT id, status, last_contact_on, contract_ended_on, identity, contacts, other_information
                FROM data_subject WHERE id = ?""").param(id).query(JdbcSubjects::row).optional();
    }

    /** The row and the key's columns ({@link Vault#KEY_COLUMNS}, from the ninth on), up to the condition on {@code s.id}. */
    private static final String KEYED = "SELECT s.id, s.status, s.last_contact_on, s.contract_ended_on, s.identity, s.contacts, s.other_information, "
            + Vault.KEY_COLUMNS + " FROM data_subject s" + Vault.keyJoin("s.id") + "WHERE ";

    /** A person's row and their key, read in one statement (the key unwrapped on first use only). */
    record Keyed(Row row, Vault.SubjectKey key) {}

    /** {@link #row} with the person's key ({@link Vault#KEY_COLUMNS}): the read path's one statement for both. */
    Optional<Keyed> rowWithKey(UUID id, Vault vault) {
        return jdbc.sql(KEYED + "s.id = ?").param(id)
                .query((rs, n) -> new Keyed(row(rs, n), vault.keyOnDemand(id, rs, 8))).optional();
    }

    /** {@link #rowWithKey} for several people in one statement: those found, by id. */
    Map<UUID, Keyed> rowsWithKey(Collection<UUID> ids, Vault vault) {
        Map<UUID, Keyed> found = new HashMap<>();
        jdbc.sql(KEYED + "s.id = ANY(?)").param(ids.toArray(new UUID[0]))
                .query(rs -> {
                    Row row = row(rs, 0);
                    found.put(row.id(), new Keyed(row, vault.keyOnDemand(row.id(), rs, 8)));
                });
        return found;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject(1, UUID.class), SubjectStatus.valueOf(rs.getString(2)), rs.getObject(3, LocalDate.class),
                rs.getObject(4, LocalDate.class), rs.getBytes(5), rs.getBytes(6), rs.getBytes(7));
    }

    void insert(UUID id, SubjectStatus status, OffsetDateTime createdAt, LocalDate lastContact, UUID policyVersion, byte[] identity,
            byte[] contacts, byte @Nullable [] otherInformation) {
        jdbc.sql("""
                INSERT INTO data_subject (id, status, created_at, last_contact_on, policy_version_id, identity, contacts, other_information)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, status.name(), createdAt, lastContact, policyVersion, identity, contacts, otherInformation)
                .update();
    }

    void updateIdentity(UUID id, byte[] identity) {
        jdbc.sql("UPDATE data_subject SET identity = ? WHERE id = ?").params(identity, id).update();
    }

    void updateContacts(UUID id, byte[] contacts) {
        jdbc.sql("UPDATE data_subject SET contacts = ? WHERE id = ?").params(contacts, id).update();
    }

    void updateOtherInformation(UUID id, byte @Nullable [] otherInformation) {
        jdbc.sql("UPDATE data_subject SET other_information = ? WHERE id = ?").params(otherInformation, id).update();
    }

    void updatedAt(UUID id, OffsetDateTime at) {
        jdbc.sql("UPDATE data_subject SET updated_at = ? WHERE id = ?").params(at, id).update();
    }

    /** Rewrites all three parts at once (a row from before V6 upgraded). */
    void updateParts(UUID id, byte[] identity, byte[] contacts, byte @Nullable [] otherInformation) {
        jdbc.sql("UPDATE data_subject SET identity = ?, contacts = ?, other_information = ? WHERE id = ?")
                .params(identity, contacts, otherInformation, id).update();
    }

    // --- blind indexes ---------------------------------------------------------------------------

    /** The people with this digest of this kind ({@code email}, {@code phone}, {@code name}), in id order. */
    List<UUID> lookup(String kind, String digest) {
        return jdbc.sql("SELECT subject_id FROM subject_lookup WHERE kind = ? AND digest = ? ORDER BY subject_id")
                .params(kind, digest).query(UUID.class).list();
    }

    void deleteLookups(UUID id, Collection<String> kinds) {
        jdbc.sql("DELETE FROM subject_lookup WHERE subject_id = :id AND kind IN (:kinds)").param("id", id).param("kinds", List.copyOf(kinds))
                .update();
    }

    void insertLookup(UUID id, String kind, String digest) {
        jdbc.sql("INSERT INTO subject_lookup (subject_id, kind, digest) VALUES (?, ?, ?)").params(id, kind, digest).update();
    }

    // --- lifecycle -------------------------------------------------------------------------------

    Optional<Lifecycle> lifecycle(UUID id) {
        return jdbc.sql("SELECT status, last_contact_on, contract_ended_on FROM data_subject WHERE id = ?").param(id)
                .query((rs, n) -> new Lifecycle(SubjectStatus.valueOf(rs.getString(1)), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class)))
                .optional();
    }

    /** Moves the last contact to {@code on} when it is later (never back). */
    void recordContact(UUID id, LocalDate on) {
        jdbc.sql("UPDATE data_subject SET last_contact_on = ? WHERE id = ? AND last_contact_on < ?").params(on, id, on).update();
    }

    /** Active client from {@code on}: no contract ended, the last contact moved to {@code on} when later, in one statement. */
    void becameClient(UUID id, LocalDate on) {
        jdbc.sql("""
                UPDATE data_subject SET status = ?, contract_ended_on = NULL,
                    last_contact_on = CASE WHEN last_contact_on < ? THEN ? ELSE last_contact_on END
                WHERE id = ?""").params(SubjectStatus.CLIENT_ACTIVE.name(), on, on, id).update();
    }

    void contractsEnded(UUID id, LocalDate ended) {
        jdbc.sql("UPDATE data_subject SET status = ?, contract_ended_on = ? WHERE id = ?")
                .params(SubjectStatus.CLIENT_INACTIVE.name(), ended, id).update();
    }

    Map<SubjectStatus, Long> countByStatus() {
        Map<SubjectStatus, Long> counts = new EnumMap<>(SubjectStatus.class);
        for (SubjectStatus status : SubjectStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, COUNT(*) AS n FROM data_subject GROUP BY status")
                .query((rs, n) -> Map.entry(SubjectStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    List<UUID> withStatus(SubjectStatus status, @Nullable UUID after, int limit) {
        if (after == null) {
            return jdbc.sql("SELECT id FROM data_subject WHERE status = ? ORDER BY id FETCH FIRST " + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY")
                    .param(status.name()).query(UUID.class).list();
        }
        return jdbc.sql("SELECT id FROM data_subject WHERE status = ? AND id > ? ORDER BY id FETCH FIRST " + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY")
                .params(status.name(), after).query(UUID.class).list();
    }

    // --- retention -------------------------------------------------------------------------------

    /** The rule's condition: each date it counts before the rule's day for it (no date, no limit of its own). */
    private static String due(Cutoffs cutoffs) {
        return "status = :status AND last_contact_on < :lastContact"
                + (cutoffs.contractEnd() == null ? "" : " AND (contract_ended_on IS NULL OR contract_ended_on < :contractEnd)");
    }

    List<UUID> dueIds(SubjectStatus status, Cutoffs cutoffs, @Nullable UUID after, int limit) {
        return jdbc.sql("SELECT id FROM data_subject WHERE " + due(cutoffs) + (after == null ? "" : " AND id > :after") + " ORDER BY id FETCH FIRST "
                        + Math.max(1, limit) + " ROWS ONLY")
                .param("status", status.name()).param("lastContact", cutoffs.lastContact()).param("contractEnd", cutoffs.contractEnd())
                .param("after", after)
                .query(UUID.class).list();
    }

    long countDue(SubjectStatus status, Cutoffs cutoffs) {
        return jdbc.sql("SELECT COUNT(*) FROM data_subject WHERE " + due(cutoffs)).param("status", status.name())
                .param("lastContact", cutoffs.lastContact()).param("contractEnd", cutoffs.contractEnd())
                .query(Long.class).single();
    }

    Map<UUID, Lifecycle> lock(Collection<UUID> ids) {
        Map<UUID, Lifecycle> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT id, status, last_contact_on, contract_ended_on FROM data_subject WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                .param("ids", List.copyOf(ids))
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), new Lifecycle(SubjectStatus.valueOf(rs.getString(2)),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class))))
                .list().forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    /** Deletes these people's rows and blind indexes; how many rows went. */
    int delete(List<UUID> ids) {
        jdbc.sql("DELETE FROM subject_lookup WHERE subject_id IN (:ids)").param("ids", ids).update();
        return jdbc.sql("DELETE FROM data_subject WHERE id IN (:ids)").param("ids", ids).update();
    }

    int clearOtherInformation(List<UUID> ids) {
        return jdbc.sql("UPDATE data_subject SET other_information = NULL WHERE id IN (:ids) AND other_information IS NOT NULL")
                .param("ids", ids).update();
    }
}
