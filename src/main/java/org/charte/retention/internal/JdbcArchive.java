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
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessDecisions.AccessDeniedException;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.commerce.CommerceRetention;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.policy.Policy;
import org.charte.retention.IntermediateArchive;
import org.charte.subjects.SubjectRetention;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intermediate archive in {@code archive_entry}: each entry sealed under a key of its own (a
 * {@code subject_key} row named by the entry's id), so erasing a person destroys their key while
 * the archive still opens; the entry's key goes when the entry expires.
 */
@Service
class JdbcArchive implements IntermediateArchive {

    static final String FIELD = "archive-entry";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Vault vault;
    private final CommerceRetention commerce;
    private final SubjectRetention subjects;
    private final Policy policy;
    private final AccessDecisions decisions;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;

    JdbcArchive(JdbcClient jdbc, JdbcTemplate batch, Vault vault, CommerceRetention commerce, SubjectRetention subjects, Policy policy,
            AccessDecisions decisions, StaffDirectory staff, AuditLog audit, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.vault = vault;
        this.commerce = commerce;
        this.subjects = subjects;
        this.policy = policy;
        this.decisions = decisions;
        this.staff = staff;
        this.audit = audit;
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

    private record Row(UUID id, List<String> obligations, String recordType, UUID recordId, UUID subjectId, List<String> categories,
            LocalDate recordStart, LocalDate keepUntil, LocalDate archivedOn, byte[] content) {}

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), Arrays.asList(rs.getString("obligations").split(",")), rs.getString("record_type"),
                rs.getObject("record_id", UUID.class), rs.getObject("subject_id", UUID.class), Arrays.asList(rs.getString("categories").split(",")),
                rs.getObject("record_start", LocalDate.class), rs.getObject("keep_until", LocalDate.class),
                rs.getObject("archived_on", LocalDate.class), rs.getBytes("content"));
    }

    @Override
    public Entry read(Actor actor, @Nullable String purpose, UUID entryId) {
        if (purpose == null || purpose.isBlank()) {
            throw new InvalidInputException("purpose", "name the purpose of this access: the archive obligation's purpose");
        }
        Row row = jdbc.sql(SELECT + " WHERE id = ?").param(entryId).query(JdbcArchive::row).optional().orElseThrow(UnknownEntryException::new);
        List<Policy.Obligation> obligations = row.obligations().stream().map(policy::obligation).flatMap(java.util.Optional::stream).toList();
        String role = actor.kind() == Actor.Kind.STAFF ? staff.find(actor.id()).map(m -> m.role()).orElse("") : "";
        boolean named = obligations.stream().anyMatch(o -> o.purpose().equals(purpose) && o.roles().contains(role));
        if (!named) {
            String reason = actor.kind() != Actor.Kind.STAFF ? "the archive is reached by named staff roles only"
                    : obligations.stream().noneMatch(o -> o.purpose().equals(purpose))
                            ? "the archive entry is reachable only for its obligations' purpose"
                            : "role " + (role.isEmpty() ? "unknown" : role) + " is not named by the archive entry's obligations";
            audit.append(AuditEvent.denied(actor.typedId(), "read", purpose.matches("[a-z0-9][a-z0-9._-]*") ? purpose : null, "archive-entry",
                    entryId.toString(), row.subjectId(), row.categories(), reason));
            throw new AccessDeniedException(reason);
        }
        // The decision point decides (role, purpose, categories, commitment, a grant on the former person) and records it.
        decisions.require(new AccessRequest(actor, purpose, Action.READ, Set.copyOf(row.categories()), ResourceRef.subject(row.subjectId())));
        audit.append(AuditEvent.allowed(actor.typedId(), "read", purpose, "archive-entry", entryId.toString(), row.subjectId(), row.categories()));
        Map<String, Object> content = JSON.readValue(vault.open(row.id(), FIELD, row.content()), new TypeReference<Map<String, Object>>() {});
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) content.getOrDefault("record", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> identity = (Map<String, Object>) content.get("identity");
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) content.get("address");
        return new Entry(row.id(), row.obligations(), row.recordType(), row.recordId(), row.subjectId(), row.categories(), row.recordStart(),
                row.keepUntil(), row.archivedOn(), record, identity, address);
    }

    @Override
    public List<ObligationSummary> summary() {
        record Group(String obligations, String type, long count, LocalDate oldest, LocalDate newest) {}
        List<Group> groups = jdbc.sql("""
                SELECT obligations, record_type, COUNT(*) AS n, MIN(keep_until) AS oldest, MAX(keep_until) AS newest
                FROM archive_entry GROUP BY obligations, record_type""")
                .query((rs, n) -> new Group(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class)))
                .list();
        List<ObligationSummary> summaries = new ArrayList<>();
        for (Policy.Obligation obligation : policy.archive()) {
            long entries = 0;
            Map<String, Long> byType = new TreeMap<>();
            LocalDate oldest = null;
            LocalDate newest = null;
            for (Group group : groups) {
                if (!Arrays.asList(group.obligations().split(",")).contains(obligation.id())) {
                    continue;
                }
                entries += group.count();
                byType.merge(group.type(), group.count(), Long::sum);
                oldest = oldest == null || group.oldest().isBefore(oldest) ? group.oldest() : oldest;
                newest = newest == null || group.newest().isAfter(newest) ? group.newest() : newest;
            }
            summaries.add(new ObligationSummary(obligation.id(), entries, byType, oldest, newest));
        }
        return summaries;
    }
}
