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
import org.charte.access.Commitments;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.commerce.CommerceRetention;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.policy.Policy;
import org.charte.retention.ArchiveObligations;
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
    private final Commitments commitments;

    JdbcArchive(JdbcClient jdbc, JdbcTemplate batch, Vault vault, CommerceRetention commerce, SubjectRetention subjects, Policy policy,
            AccessDecisions decisions, StaffDirectory staff, AuditLog audit, Ids ids, Clock clock, Commitments commitments) {
        this.commitments = commitments;
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
        Row row = jdbc.sql(SELECT + " WHERE id = ?").param(entryId).query(JdbcArchive::row).optional()
                .filter(r -> !ArchiveObligations.isExpired(r.keepUntil(), today())) // its obligation has ended: as good as erased
                .orElseThrow(UnknownEntryException::new);
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

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), JdbcLegalHolds.PARIS);
    }

    @Override
    public Page list(Actor actor, @Nullable String purpose, Search search) {
        String role = actor.kind() == Actor.Kind.STAFF ? staff.find(actor.id()).map(m -> m.role()).orElse("") : "";
        List<Policy.Obligation> namingRole = policy.archive().stream().filter(o -> o.roles().contains(role)).toList();
        String safePurpose = purpose != null && CODE.matcher(purpose).matches() && purpose.length() <= 100 ? purpose : null;
        if (namingRole.isEmpty()) {
            throw refuse(actor, safePurpose, "the archive is listed by the roles its obligations name only");
        }
        List<FieldError> errors = new ArrayList<>();
        if (purpose == null || purpose.isBlank()) {
            errors.add(new FieldError("purpose", "name the purpose of this access: the archive obligation's purpose"));
        } else if (safePurpose == null) {
            errors.add(new FieldError("purpose", "must be a purpose code of the policy, such as legal-obligations"));
        }
        String obligation = blankToNull(search.obligation());
        if (obligation != null && (obligation.length() > 40 || policy.obligation(obligation).isEmpty())) {
            errors.add(new FieldError("obligation", "must be one of the archive's obligations: "
                    + String.join(", ", policy.archive().stream().map(Policy.Obligation::id).toList())));
        }
        UUID formerSubjectId = uuid("formerSubjectId", search.formerSubjectId(), errors);
        UUID recordId = uuid("recordId", search.recordId(), errors);
        if (obligation == null && blankToNull(search.formerSubjectId()) == null && blankToNull(search.recordId()) == null) {
            String message = "name an obligation, a former person id or a record reference";
            errors.add(new FieldError("obligation", message));
            errors.add(new FieldError("formerSubjectId", message));
            errors.add(new FieldError("recordId", message));
        }
        int page = search.page() == null ? 0 : search.page();
        int size = search.size() == null ? DEFAULT_PAGE_SIZE : search.size();
        if (page < 0 || page > 100_000) {
            errors.add(new FieldError("page", "must be 0 to 100000"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldError("size", "must be 1 to " + MAX_PAGE_SIZE));
        }
        InvalidInputException.throwIfAny(errors);
        List<Policy.Obligation> allowed = namingRole.stream().filter(o -> o.purpose().equals(purpose))
                .filter(o -> obligation == null || o.id().equals(obligation)).toList();
        if (allowed.isEmpty()) {
            throw refuse(actor, safePurpose, obligation != null && namingRole.stream().noneMatch(o -> o.id().equals(obligation))
                    ? "role " + role + " is not named by obligation " + obligation
                    : "the archive is reachable only for its obligations' purpose");
        }
        if (!commitments.signedCurrent(actor.id())) {
            throw refuse(actor, safePurpose, "the current confidentiality commitment is not signed");
        }
        StringBuilder where = new StringBuilder(" WHERE keep_until >= :today AND (");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("today", today());
        for (int i = 0; i < allowed.size(); i++) {
            where.append(i == 0 ? "" : " OR ").append("(',' || obligations || ',') LIKE :o").append(i);
            params.put("o" + i, "%," + allowed.get(i).id() + ",%");
        }
        where.append(")");
        if (formerSubjectId != null) {
            where.append(" AND subject_id = :subject");
            params.put("subject", formerSubjectId);
        }
        if (recordId != null) {
            where.append(" AND record_id = :record");
            params.put("record", recordId);
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM archive_entry" + where).params(params).query(Long.class).single();
        params.put("offset", (long) page * size);
        params.put("size", size);
        List<Listed> entries = jdbc.sql("""
                SELECT id, obligations, record_type, record_id, subject_id, categories, record_start, keep_until, archived_on
                FROM archive_entry""" + where + " ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY")
                .params(params)
                .query((rs, n) -> new Listed(rs.getObject("id", UUID.class), Arrays.asList(rs.getString("obligations").split(",")),
                        rs.getString("record_type"), rs.getObject("record_id", UUID.class), rs.getObject("subject_id", UUID.class),
                        Arrays.asList(rs.getString("categories").split(",")), rs.getObject("record_start", LocalDate.class),
                        rs.getObject("keep_until", LocalDate.class), rs.getObject("archived_on", LocalDate.class)))
                .list();
        Set<String> categories = new java.util.TreeSet<>();
        allowed.forEach(o -> categories.addAll(o.categories()));
        audit.append(AuditEvent.allowed(actor.typedId(), "list", purpose, "archive",
                recordId != null ? recordId.toString() : obligation, formerSubjectId, List.copyOf(categories)));
        return new Page(entries, page, size, total);
    }

    private AccessDeniedException refuse(Actor actor, @Nullable String purpose, String reason) {
        audit.append(AuditEvent.denied(actor.typedId(), "list", purpose, "archive", null, null, List.of(), reason));
        return new AccessDeniedException(reason);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable UUID uuid(String field, @Nullable String value, List<FieldError> errors) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        if (text.length() != 36 || !ID.matcher(text).matches()) {
            errors.add(new FieldError(field, "must be an id (a UUID)"));
            return null;
        }
        return UUID.fromString(text);
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
