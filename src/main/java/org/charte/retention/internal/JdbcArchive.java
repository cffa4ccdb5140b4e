package org.charte.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.charte.commerce.CommerceRetention;
import org.charte.common.Ids;
import org.charte.retention.internal.IntermediateArchive.Listed;
import org.charte.subjects.SubjectRetention;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intermediate archive in {@code archive_entry}: each entry sealed under a key of its own (a
 * {@code subject_key} row named by the entry's id), so erasing a person destroys their key while
 * the archive still opens; the entry's key goes when the entry expires. Writes copy the records
 * from commerce and the identity from subjects, in the run's transaction; who may read is decided by
 * {@link ArchiveAccess}.
 */
@Repository
class JdbcArchive {

    static final String FIELD = "archive-entry";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Vault vault;
    private final CommerceRetention commerce;
    private final SubjectRetention subjects;
    private final Ids ids;
    private final Clock clock;

    JdbcArchive(JdbcClient jdbc, JdbcTemplate batch, Vault vault, CommerceRetention commerce, SubjectRetention subjects, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.vault = vault;
        this.commerce = commerce;
        this.subjects = subjects;
        this.ids = ids;
        this.clock = clock;
    }

    /** A record to archive: what it is, whose, why and until when, with which categories of data. */
    record Planned(String recordType, UUID recordId, UUID subjectId, List<String> obligations, List<String> categories, LocalDate recordStart,
            LocalDate keepUntil) {}

    /**
     * Copies these records into the archive, in the caller's transaction: the record from commerce,
     * the identity the obligations need from subjects, sealed under a new key per entry.
     */
    int write(UUID runId, LocalDate asOf, List<Planned> planned) {
        if (planned.isEmpty()) {
            return 0;
        }
        Map<String, List<UUID>> byType = new TreeMap<>();
        Set<UUID> people = new LinkedHashSet<>();
        for (Planned p : planned) {
            byType.computeIfAbsent(p.recordType(), t -> new ArrayList<>()).add(p.recordId());
            if (p.categories().contains("identity") || p.categories().contains("contact")) {
                people.add(p.subjectId());
            }
        }
        Map<UUID, Map<String, Object>> records = new LinkedHashMap<>();
        byType.forEach((type, recordIds) -> records.putAll(commerce.snapshots(type, recordIds)));
        Map<UUID, SubjectRetention.ArchiveIdentity> identities = subjects.archiveIdentities(people);
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        List<Vault.SubjectKey> keys = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (Planned p : planned) {
            Map<String, Object> record = records.get(p.recordId());
            if (record == null) {
                continue;
            }
            UUID id = ids.next();
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("record", record);
            SubjectRetention.ArchiveIdentity identity = identities.get(p.subjectId());
            if (identity != null && p.categories().contains("identity") && identity.identity() != null) {
                Map<String, Object> name = new LinkedHashMap<>();
                name.put("civility", identity.identity().civility());
                name.put("lastName", identity.identity().lastName());
                name.put("firstNames", identity.identity().firstNames());
                content.put("identity", name);
            }
            if (identity != null && p.categories().contains("contact") && identity.address() != null) {
                Map<String, Object> address = new LinkedHashMap<>();
                address.put("lines", identity.address().lines());
                address.put("postalCode", identity.address().postalCode());
                address.put("commune", identity.address().commune());
                address.put("country", identity.address().country());
                content.put("address", address);
            }
            Vault.SubjectKey key = vault.newKey(id);
            keys.add(key);
            rows.add(new Object[] {id, String.join(",", p.obligations()), p.recordType(), p.recordId(), p.subjectId(),
                    String.join(",", p.categories()), p.recordStart(), p.keepUntil(), asOf, now, runId,
                    key.seal(FIELD, JSON.writeValueAsBytes(content))});
        }
        vault.storeKeys(keys);
        batch.batchUpdate("""
                INSERT INTO archive_entry (id, obligations, record_type, record_id, subject_id, categories, record_start, keep_until, archived_on,
                    archived_at, run_id, content)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        return rows.size();
    }

    /** An entry as the run sees it: no content. */
    record Stored(UUID id, UUID recordId, UUID subjectId, LocalDate keepUntil) {}

    long countExpired(LocalDate asOf) {
        return jdbc.sql("SELECT COUNT(*) FROM archive_entry WHERE keep_until < ?").param(asOf).query(Long.class).single();
    }

    List<UUID> expiredIds(LocalDate asOf, @Nullable UUID after, int limit) {
        return jdbc.sql("SELECT id FROM archive_entry WHERE keep_until < :asOf" + (after == null ? "" : " AND id > :after")
                        + " ORDER BY id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
                .param("asOf", asOf).param("after", after).query(UUID.class).list();
    }

    List<Stored> lock(Collection<UUID> entryIds) {
        if (entryIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, record_id, subject_id, keep_until FROM archive_entry WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                .param("ids", List.copyOf(entryIds))
                .query((rs, n) -> new Stored(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getObject(4, LocalDate.class)))
                .list();
    }

    /** What a run archived of one person, an entry per record (in entry order): no content. */
    record Archived(String recordType, UUID recordId, List<String> obligations, LocalDate recordStart, LocalDate keepUntil) {}

    List<Archived> archivedBy(UUID runId, UUID subjectId) {
        return jdbc.sql("SELECT record_type, record_id, obligations, record_start, keep_until FROM archive_entry WHERE run_id = ? AND subject_id = ? ORDER BY id")
                .params(runId, subjectId)
                .query((rs, n) -> new Archived(rs.getString("record_type"), rs.getObject("record_id", UUID.class),
                        List.of(rs.getString("obligations").split(",")), rs.getObject("record_start", LocalDate.class),
                        rs.getObject("keep_until", LocalDate.class)))
                .list();
    }

    /** Erases these entries and destroys their keys, in the caller's transaction. */
    int erase(Collection<UUID> entryIds) {
        if (entryIds.isEmpty()) {
            return 0;
        }
        int erased = jdbc.sql("DELETE FROM archive_entry WHERE id IN (:ids)").param("ids", List.copyOf(entryIds)).update();
        vault.shredAll(entryIds);
        return erased;
    }

    // --- reading ---------------------------------------------------------------------------------

    private static final String SELECT = """
            SELECT id, obligations, record_type, record_id, subject_id, categories, record_start, keep_until, archived_on, content
            FROM archive_entry""";

    record Row(UUID id, List<String> obligations, String recordType, UUID recordId, UUID subjectId, List<String> categories,
            LocalDate recordStart, LocalDate keepUntil, LocalDate archivedOn, byte[] content) {}

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), Arrays.asList(rs.getString("obligations").split(",")), rs.getString("record_type"),
                rs.getObject("record_id", UUID.class), rs.getObject("subject_id", UUID.class), Arrays.asList(rs.getString("categories").split(",")),
                rs.getObject("record_start", LocalDate.class), rs.getObject("keep_until", LocalDate.class),
                rs.getObject("archived_on", LocalDate.class), rs.getBytes("content"));
    }

    /** An entry, sealed content included, unless its keep-until has passed before {@code today} (as good as erased). */
    Optional<Row> find(UUID entryId, LocalDate today) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(entryId).query(JdbcArchive::row).optional()
                .filter(r -> !ArchiveObligations.isExpired(r.keepUntil(), today));
    }

    /** An entry's content, opened with the entry's own key: {@code record}, and {@code identity}, {@code address} when kept. */
    Map<String, Object> open(Row row) {
        return JSON.readValue(vault.open(row.id(), FIELD, row.content()), new TypeReference<Map<String, Object>>() {});
    }

    /** What a search selects: entries not expired on {@code today} kept for one of these obligations, of that former person, of that record. */
    record Selection(LocalDate today, List<String> obligationIds, @Nullable UUID formerSubjectId, @Nullable UUID recordId) {}

    long count(Selection selection) {
        Map<String, Object> params = new LinkedHashMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM archive_entry" + where(selection, params)).params(params).query(Long.class).single();
    }

    /** A page of the selection, newest first: no content. */
    List<Listed> list(Selection selection, long offset, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(selection, params);
        params.put("offset", offset);
        params.put("size", size);
        return jdbc.sql("""
                SELECT id, obligations, record_type, record_id, subject_id, categories, record_start, keep_until, archived_on
                FROM archive_entry""" + where + " ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY")
                .params(params)
                .query((rs, n) -> new Listed(rs.getObject("id", UUID.class), Arrays.asList(rs.getString("obligations").split(",")),
                        rs.getString("record_type"), rs.getObject("record_id", UUID.class), rs.getObject("subject_id", UUID.class),
                        Arrays.asList(rs.getString("categories").split(",")), rs.getObject("record_start", LocalDate.class),
                        rs.getObject("keep_until", LocalDate.class), rs.getObject("archived_on", LocalDate.class)))
                .list();
    }

    private static String where(Selection selection, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" WHERE keep_until >= :today AND (");
        params.put("today", selection.today());
        for (int i = 0; i < selection.obligationIds().size(); i++) {
            where.append(i == 0 ? "" : " OR ").append("(',' || obligations || ',') LIKE :o").append(i);
            params.put("o" + i, "%," + selection.obligationIds().get(i) + ",%");
        }
        where.append(")");
        if (selection.formerSubjectId() != null) {
            where.append(" AND subject_id = :subject");
            params.put("subject", selection.formerSubjectId());
        }
        if (selection.recordId() != null) {
            where.append(" AND record_id = :record");
            params.put("record", selection.recordId());
        }
        return where.toString();
    }

    /** Entries per set of obligations and record type: how many, the oldest and newest keep-until. */
    record Group(String obligations, String type, long count, LocalDate oldest, LocalDate newest) {}

    List<Group> groups() {
        return jdbc.sql("""
                SELECT obligations, record_type, COUNT(*) AS n, MIN(keep_until) AS oldest, MAX(keep_until) AS newest
                FROM archive_entry GROUP BY obligations, record_type""")
                .query((rs, n) -> new Group(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class)))
                .list();
    }
}
