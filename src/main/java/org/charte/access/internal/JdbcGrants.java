package org.charte.access.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.charte.access.AccessException;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ArchivedSubjects;
import org.charte.access.AccessWords;
import org.charte.access.Grant;
import org.charte.access.Grants;
import org.charte.access.KnownHostedDatabases;
import org.charte.access.KnownSubjects;
import org.charte.access.ResourceRef;
import org.charte.access.StaffMember;
import org.charte.access.Subcontractor;
import org.charte.access.Subcontractors;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.common.Ids;
import org.charte.common.PlausibleDate;
import org.charte.common.TextInput;
import org.charte.common.Zones;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcGrants implements Grants {

    /** This node's copies of members' grants, each used only at the stamp it was loaded at. */
    private final GrantCopies copies = new GrantCopies();

    /** The longest a grant may last, by kind: grants are limited in time as in scope. */
    static final Map<Grant.Kind, Duration> MAXIMUM = Map.of(
            Grant.Kind.INDIVIDUAL, Duration.ofDays(366),
            Grant.Kind.SUPPORT_TICKET, Duration.ofDays(30),
            Grant.Kind.SECURITY_MONITORING, SecurityMonitoringPeriod.MAXIMUM,
            // how long a rights matter keeps it open is the rights module's rule (three months at most); never longer than any individual grant
            Grant.Kind.RIGHTS_REQUEST, Duration.ofDays(366));
    /** The role that handles rights requests (policy §9): the only one a rights matter opens a grant to. */
    static final String DPO = "dpo";
    static final Set<String> GRANTORS = Set.of(DPO, "administrator");
    /** The purpose a rights matter's grant serves: the handling of rights requests, the policy's {@code rights-requests}. */
    static final String RIGHTS_PURPOSE = AccessRules.OWN_DATA_PURPOSE;
    /** The column's size: {@code access_grant.rights_ref}. */
    static final int MAX_RIGHTS_REF = 100;
    private static final Pattern TYPED_ID = Pattern.compile(
            "system|[a-z][a-z-]*:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** The categories that live in a hosted database rather than on the person: a ticket grant opens them on the client's databases. */
    static final Set<String> HOSTED_CATEGORIES = Set.of("hosted-credentials", "hosted-data");
    /** Why a ticket's grants end when it closes: their revoke reason, and the audit entry's. */
    static final String TICKET_CLOSED = "support request closed";
    /** The column's size: {@code access_grant.reason} (and {@code revoke_reason}). */
    static final int MAX_REASON = 500;

    private final JdbcClient jdbc;
    private final StaffAccounts staff;
    private final Subcontractors subcontractors;
    private final Policy policy;
    private final Ids ids;
    private final Clock clock;
    private final KnownSubjects knownSubjects;
    private final KnownHostedDatabases knownDatabases;
    private final List<ArchivedSubjects> archives;
    private final AuditLog audit;

    JdbcGrants(JdbcClient jdbc, StaffAccounts staff, Subcontractors subcontractors, Policy policy, Ids ids, Clock clock,
            KnownSubjects knownSubjects, KnownHostedDatabases knownDatabases, List<ArchivedSubjects> archives, AuditLog audit) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.subcontractors = subcontractors;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
        this.knownSubjects = knownSubjects;
        this.knownDatabases = knownDatabases;
        this.archives = List.copyOf(archives);
        this.audit = audit;
    }

    @Override
    @Transactional
    public Grant grantIndividual(UUID granteeId, String purpose, Set<String> categories, List<ResourceRef> resources,
            Instant validUntil, String reason, UUID grantedBy) {
        StaffMember grantor = person(grantedBy, "grantedBy");
        if (!GRANTORS.contains(grantor.role())) {
            throw new AccessException("grantedBy", "only the DPO or an administrator gives individual grants");
        }
        StaffMember grantee = person(granteeId, "granteeId");
        if (grantee.id().equals(grantor.id())) {
            throw new AccessException("granteeId", "nobody grants access to themselves");
        }
        Policy.Role role = role(grantee);
        if (role.access() != Policy.AccessMode.INDIVIDUAL_GRANT) {
            throw new AccessException("granteeId", "role " + role.id() + " gets access only "
                    + (role.kind() == Policy.RoleKind.SUBCONTRACTOR ? "through a support ticket or a security-monitoring request" : "never"));
        }
        checkWithinRole(role, purpose, categories);
        resourcesExist(resources);
        return insert(grantee.id(), Grant.Kind.INDIVIDUAL, purpose, categories, resources, validUntil, reason, grantor.id(), null, null, null,
                Actor.staff(grantor.id()).typedId());
    }

    @Override
    @Transactional
    public Grant openForSupportTicket(String ticketRef, UUID clientSubjectId, List<UUID> clientHostedDatabaseIds,
            UUID subcontractorUserId, Set<String> categories, Instant validUntil, UUID recordedBy) {
        if (ticketRef == null || ticketRef.isBlank()) {
            throw new AccessException("ticketRef", "the support request (ticket) is required");
        }
        person(recordedBy, "recordedBy");
        StaffMember user = person(subcontractorUserId, "subcontractorUserId");
        Policy.Role role = role(user);
        if (role.access() != Policy.AccessMode.ON_CLIENT_SUPPORT_REQUEST) {
            throw new AccessException("subcontractorUserId", "only a support subcontractor's user is opened a ticket grant");
        }
        contractInForce(user);
        String purpose = purposeFor(role, categories);
        List<ResourceRef> resources = new ArrayList<>(List.of(ResourceRef.subject(clientSubjectId)));
        if (categories.stream().anyMatch(HOSTED_CATEGORIES::contains)) {
            // R6.2, R3.3: the client's own hosted databases, named by the ticket's module; none, and there is nothing to open.
            if (clientHostedDatabaseIds == null || clientHostedDatabaseIds.isEmpty()) {
                throw new AccessException("categories", "the client has no hosted database: hosted-credentials and hosted-data open nothing");
            }
            clientHostedDatabaseIds.forEach(id -> resources.add(ResourceRef.hostedDatabase(id)));
        }
        return insert(user.id(), Grant.Kind.SUPPORT_TICKET, purpose, categories, resources,
                validUntil, "support request " + ticketRef.strip(), recordedBy, ticketRef.strip(), null, null, Actor.staff(recordedBy).typedId());
    }

    @Override
    @Transactional
    public int closeSupportTicket(String ticketRef, Actor closedBy) {
        if (closedBy == null) {
            throw new AccessException("closedBy", "required");
        }
        if (closedBy.kind() == Actor.Kind.STAFF) {
            person(closedBy.id(), "closedBy");
        }
        // Every grant the ticket opened (a support subcontractor's, a security monitoring's), each ended and audited with the reason.
        List<Grant> open = whole(jdbc.sql(SELECT + " WHERE ticket_ref = ? AND revoked_at IS NULL").param(ticketRef).query(this::row).list());
        OffsetDateTime now = now();
        int ended = 0;
        for (Grant grant : open) {
            int changed = jdbc.sql("UPDATE access_grant SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL")
                    .params(now, closedBy.kind() == Actor.Kind.STAFF ? closedBy.id() : null, TICKET_CLOSED, grant.id()).update();
            if (changed == 1) {
                stamp(grant.granteeId());
                audited(closedBy.typedId(), "end-grant", grant, TICKET_CLOSED);
                ended++;
            }
        }
        return ended;
    }

    @Override
    @Transactional
    public Grant openSecurityMonitoring(String ticketRef, UUID requestedBy, UUID subcontractorUserId, UUID hostedDatabaseId,
            @Nullable Instant validUntil) {
        if (ticketRef == null || ticketRef.isBlank()) {
            throw new AccessException("ticketRef", "the support request (ticket) is required");
        }
        StaffMember requester = person(requestedBy, "requestedBy");
        if (!"cloud-support".equals(requester.role())) {
            throw new AccessException("requestedBy", "security monitoring is requested by Cloud support staff only");
        }
        StaffMember user = person(subcontractorUserId, "subcontractorUserId");
        Policy.Role role = role(user);
        if (role.access() != Policy.AccessMode.ON_SUPPORT_STAFF_REQUEST) {
            throw new AccessException("subcontractorUserId", "only a security-monitoring subcontractor's user is opened this grant");
        }
        contractInForce(user);
        if (hostedDatabaseId == null || !knownDatabases.exists(hostedDatabaseId)) {
            throw new AccessException("hostedDatabaseId", "no such hosted database");
        }
        Set<String> categories = Set.of("hosted-data");
        String purpose = purposeFor(role, categories);
        // The grant's reason names the ticket and nothing else: the staff member's own words are sealed on the ticket.
        return insert(user.id(), Grant.Kind.SECURITY_MONITORING, purpose, categories, List.of(ResourceRef.hostedDatabase(hostedDatabaseId)),
                SecurityMonitoringPeriod.until(clock.instant(), validUntil), "requested on support request " + ticketRef.strip(),
                requester.id(), ticketRef.strip(), requester.id(), null, // the ticket stored, so that closing it ends the grant
                Actor.staff(requester.id()).typedId());
    }

    @Override
    @Transactional
    public List<Grant> openForRightsRequest(String rightsRef, UUID subjectId, Set<String> categories, Instant validUntil, String reason,
            String openedBy) {
        String ref = rightsRef(rightsRef);
        UUID grantor = staffOf(openedBy, "openedBy");
        if (subjectId == null || !knownSubjects.exists(subjectId)) {
            throw new AccessException("subjectId", "no such person");
        }
        Policy.Role role = policy.role(DPO).orElseThrow(() -> new AccessException("role", "role " + DPO + " is not in the policy"));
        if (role.access() != Policy.AccessMode.INDIVIDUAL_GRANT) {
            return List.of(); // a DPO the policy gives no access reaches nobody, a rights matter or not
        }
        checkWithinRole(role, RIGHTS_PURPOSE, categories);
        Set<UUID> holding = new HashSet<>(jdbc.sql("SELECT grantee_id FROM access_grant WHERE rights_ref = ? AND revoked_at IS NULL")
                .param(ref).query(UUID.class).list());
        List<Grant> opened = new ArrayList<>();
        for (StaffMember dpo : staff.enabledWithRole(DPO)) {
            if (holding.contains(dpo.id())) {
                continue; // opened already (an event handled again)
            }
            opened.add(insert(dpo.id(), Grant.Kind.RIGHTS_REQUEST, RIGHTS_PURPOSE, categories, List.of(ResourceRef.subject(subjectId)),
                    validUntil, reason, grantor, null, null, ref, openedBy));
        }
        return opened;
    }

    @Override
    @Transactional
    public int closeRightsRequest(String rightsRef, String closedBy, String reason) {
        String ref = rightsRef(rightsRef);
        UUID by = staffOf(closedBy, "closedBy");
        if (reason == null || reason.isBlank()) {
            throw new AccessException("reason", "say why the grants end");
        }
        String reasonProblem = TextInput.problem(reason, MAX_REASON, TextInput.Kind.SINGLE_LINE);
        if (reasonProblem != null) {
            throw new AccessException("reason", reasonProblem);
        }
        String why = reason.strip();
        // Every grant the matter opened, each ended and audited under its person's id with the reason.
        List<Grant> open = whole(jdbc.sql(SELECT + " WHERE rights_ref = ? AND revoked_at IS NULL").param(ref).query(this::row).list());
        OffsetDateTime now = now();
        int ended = 0;
        for (Grant grant : open) {
            int changed = jdbc.sql("UPDATE access_grant SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL")
                    .params(now, by, why, grant.id()).update();
            if (changed == 1) {
                stamp(grant.granteeId());
                audited(closedBy, "end-grant", grant, why);
                ended++;
            }
        }
        return ended;
    }

    /**
     * A DPO account just created while rights matters are open (a post-mortem request verified, a death to
     * check): it gets each matter's grant as every DPO got it when the matter opened (same person,
     * categories, end and reason), in the account's transaction, audited as opened by Charte. Without this a
     * DPO who joined later could not handle a matter already open.
     */
    @EventListener
    void accountCreated(StaffAccounts.AccountCreated created) {
        StaffMember member = created.member();
        if (!DPO.equals(member.role())) {
            return;
        }
        Policy.Role role = policy.role(DPO).orElse(null);
        if (role == null || role.access() != Policy.AccessMode.INDIVIDUAL_GRANT) {
            return; // as openForRightsRequest: a DPO the policy gives no access reaches nobody
        }
        List<Grant> open = whole(jdbc.sql(SELECT + " WHERE kind = ? AND rights_ref IS NOT NULL AND revoked_at IS NULL AND valid_until > ?"
                + " AND grantee_id <> ? ORDER BY granted_at, id").params(Grant.Kind.RIGHTS_REQUEST.name(), now(), member.id())
                .query(this::row).list());
        Map<String, Grant> byMatter = new LinkedHashMap<>();
        for (Grant grant : open) {
            byMatter.putIfAbsent(grant.rightsRef(), grant);
        }
        for (Grant grant : byMatter.values()) {
            insert(member.id(), Grant.Kind.RIGHTS_REQUEST, grant.purpose(), grant.categories(), grant.resources(), grant.validUntil(),
                    grant.reason(), grant.grantedBy(), null, null, grant.rightsRef(), AccessWords.SYSTEM);
        }
    }

    private static String rightsRef(@Nullable String rightsRef) {
        if (rightsRef == null || rightsRef.isBlank()) {
            throw new AccessException("rightsRef", "the rights request is required");
        }
        String problem = TextInput.problem(rightsRef, MAX_RIGHTS_REF, TextInput.Kind.SINGLE_LINE);
        if (problem != null) {
            throw new AccessException("rightsRef", problem);
        }
        return rightsRef.strip();
    }

    /** The member of staff a typed id names (who must exist), or null for anyone else: Charte itself, a token, the person. */
    private @Nullable UUID staffOf(@Nullable String typedId, String field) {
        if (typedId == null || !TYPED_ID.matcher(typedId).matches()) {
            throw new AccessException(field, "must be a typed id such as staff:<uuid>, or system");
        }
        if (!typedId.startsWith("staff:")) {
            return null;
        }
        return person(UUID.fromString(typedId.substring("staff:".length())), field).id();
    }

    @Override
    @Transactional
    public Grant revoke(UUID grantId, UUID revokedBy, String reason) {
        person(revokedBy, "revokedBy");
        if (reason == null || reason.isBlank()) {
            throw new AccessException("reason", "say why the grant is revoked");
        }
        String reasonProblem = TextInput.problem(reason, MAX_REASON, TextInput.Kind.SINGLE_LINE);
        if (reasonProblem != null) {
            throw new AccessException("reason", reasonProblem);
        }
        Grant grant = find(grantId).orElseThrow(() -> new AccessException("id", "no such grant"));
        if (grant.revokedAt() == null && jdbc.sql("UPDATE access_grant SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE id = ? AND revoked_at IS NULL")
                .params(now(), revokedBy, reason.strip(), grantId).update() == 1) {
            stamp(grant.granteeId());
            audited(Actor.staff(revokedBy).typedId(), "end-grant", grant, reason.strip());
        }
        return find(grantId).orElseThrow();
    }

    private StaffMember person(@Nullable UUID id, String field) {
        if (id == null) {
            throw new AccessException(field, "required");
        }
        return staff.find(id).orElseThrow(() -> new AccessException(field, "no such account"));
    }

    private Policy.Role role(StaffMember member) {
        return policy.role(member.role()).orElseThrow(() -> new AccessException("role", "role " + member.role() + " is not in the policy"));
    }

    private void contractInForce(StaffMember user) {
        Subcontractor subcontractor = user.subcontractorId() == null ? null : subcontractors.find(user.subcontractorId()).orElse(null);
        if (subcontractor == null || !subcontractor.contractInForce(LocalDate.ofInstant(clock.instant(), Zones.PARIS))) {
            throw new AccessException("subcontractorUserId", "the subcontractor has no contract with data-protection clauses in force");
        }
    }

    /** The purpose of the role that uses these categories (a subcontractor role has one). */
    private String purposeFor(Policy.Role role, Set<String> categories) {
        for (String purpose : role.purposes()) {
            if (policy.purpose(purpose).map(p -> p.categories().containsAll(categories)).orElse(false)
                    && role.categories().containsAll(categories)) {
                return purpose;
            }
        }
        throw new AccessException("categories", "role " + role.id() + " may not reach "
                + String.join(", ", categories.stream().map(AccessRules::named).toList()));
    }

    private void checkWithinRole(Policy.Role role, String purpose, Set<String> categories) {
        Policy.Purpose declared = policy.purpose(purpose == null ? "" : purpose)
                .orElseThrow(() -> new AccessException("purpose", AccessRules.named(purpose) + " is not a purpose of the policy"));
        if (!role.purposes().contains(declared.id())) {
            throw new AccessException("purpose", "role " + role.id() + " may not process data for purpose " + declared.id());
        }
        if (categories == null || categories.isEmpty()) {
            throw new AccessException("categories", "name at least one data category");
        }
        for (String category : categories) {
            if (!role.categories().contains(category)) {
                throw new AccessException("categories", "role " + role.id() + " may not reach category " + AccessRules.named(category));
            }
            if (!declared.categories().contains(category)) {
                throw new AccessException("categories", "purpose " + declared.id() + " does not use category " + AccessRules.named(category));
            }
        }
    }

    /**
     * Every person and hosted database a grant names exists (a hosted database not destroyed; an
     * erased person whose entries the intermediate archive still holds, L4): the first that does not
     * is named as the caller listed it ({@code subjects[1]}, {@code hostedDatabases[0]}).
     */
    private void resourcesExist(@Nullable List<ResourceRef> resources) {
        if (resources == null) {
            return;
        }
        int subjects = 0;
        int databases = 0;
        for (ResourceRef resource : resources) {
            if (resource.type() == ResourceRef.Type.SUBJECT) {
                if (!knownSubjects.exists(resource.id()) && archives.stream().noneMatch(a -> a.archived(resource.id()))) {
                    throw new AccessException("subjects[" + subjects + "]", "no such person");
                }
                subjects++;
            } else if (resource.type() == ResourceRef.Type.HOSTED_DATABASE) {
                if (!knownDatabases.exists(resource.id())) {
                    throw new AccessException("hostedDatabases[" + databases + "]", "no such hosted database");
                }
                databases++;
            }
        }
    }

    private Grant insert(UUID granteeId, Grant.Kind kind, String purpose, Set<String> categories, List<ResourceRef> resources,
            Instant validUntil, String reason, @Nullable UUID grantedBy, @Nullable String ticketRef, @Nullable UUID requestedBy,
            @Nullable String rightsRef, String openedBy) {
        Instant now = clock.instant();
        if (resources == null || resources.isEmpty()) {
            throw new AccessException("resources", "a grant opens at least one resource");
        }
        String reasonProblem = TextInput.problem(reason, MAX_REASON, TextInput.Kind.SINGLE_LINE);
        if (reasonProblem != null) {
            throw new AccessException("reason", reasonProblem);
        }
        if (validUntil != null && !PlausibleDate.isPlausible(validUntil)) {
            throw new AccessException("validUntil", PlausibleDate.MESSAGE);
        }
        if (validUntil == null || !validUntil.isAfter(now)) {
            throw new AccessException("validUntil", "a grant must end in the future");
        }
        if (validUntil.isAfter(now.plus(MAXIMUM.get(kind)))) {
            throw new AccessException("validUntil", "a " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " grant lasts " + MAXIMUM.get(kind).toDays() + " days at most");
        }
        if (reason == null || reason.isBlank()) {
            throw new AccessException("reason", "say why the access is needed");
        }
        UUID id = ids.next();
        jdbc.sql("""
                INSERT INTO access_grant (id, grantee_id, kind, purpose, categories, valid_from, valid_until, granted_by, granted_at,
                                          reason, ticket_ref, requested_by, rights_ref)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, granteeId, kind.name(), purpose, String.join(",", new TreeSet<>(categories)), at(now), at(validUntil),
                        grantedBy, at(now), reason.strip(), ticketRef, requestedBy, rightsRef)
                .update();
        for (ResourceRef resource : new LinkedHashSet<>(resources)) {
            jdbc.sql("INSERT INTO access_grant_resource (grant_id, resource_type, resource_id) VALUES (?, ?, ?)")
                    .params(id, resource.type().name(), resource.id()).update();
        }
        stamp(granteeId);
        Grant grant = find(id).orElseThrow();
        audited(openedBy, "open-grant", grant, grant.reason());
        return grant;
    }

    /**
     * A grant opened or ended, in the audit log (R6.5), in the transaction that did it: one entry under
     * each person it opens (so that the person's access report shows who could reach them, and until
     * when), or one entry when it opens hosted databases only.
     */
    private void audited(String actor, String action, Grant grant, String reason) {
        List<String> categories = grant.categories().stream().sorted().toList();
        List<UUID> people = grant.resources().stream().filter(r -> r.type() == ResourceRef.Type.SUBJECT).map(ResourceRef::id).toList();
        for (UUID subjectId : people.isEmpty() ? Collections.<UUID>singletonList(null) : people) {
            audit.append(new AuditEvent(actor, action, grant.purpose(), "access-grant", grant.id().toString(), subjectId, categories,
                    AuditOutcome.ALLOWED, reason));
        }
    }

    private OffsetDateTime now() {
        return at(clock.instant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static final String SELECT = """
            SELECT id, grantee_id, kind, purpose, categories, valid_from, valid_until, granted_by, granted_at, reason,
                   ticket_ref, requested_by, revoked_at, revoke_reason, rights_ref FROM access_grant""";

    /** A grant's row without its resources: a row mapper never queries again (that would hold two connections at once). */
    private record Row(UUID id, UUID granteeId, Grant.Kind kind, String purpose, Set<String> categories, Instant validFrom, Instant validUntil,
            @Nullable UUID grantedBy, Instant grantedAt, String reason, @Nullable String ticketRef, @Nullable UUID requestedBy,
            @Nullable Instant revokedAt, @Nullable String revokeReason, @Nullable String rightsRef) {

        Grant with(List<ResourceRef> resources) {
            return new Grant(id, granteeId, kind, purpose, categories, resources, validFrom, validUntil, grantedBy, grantedAt, reason, ticketRef,
                    requestedBy, revokedAt, revokeReason, rightsRef);
        }
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("grantee_id", UUID.class), Grant.Kind.valueOf(rs.getString("kind")),
                rs.getString("purpose"), new LinkedHashSet<>(Arrays.asList(rs.getString("categories").split(","))),
                rs.getObject("valid_from", OffsetDateTime.class).toInstant(), rs.getObject("valid_until", OffsetDateTime.class).toInstant(),
                rs.getObject("granted_by", UUID.class), rs.getObject("granted_at", OffsetDateTime.class).toInstant(), rs.getString("reason"),
                rs.getString("ticket_ref"), rs.getObject("requested_by", UUID.class),
                Optional.ofNullable(rs.getObject("revoked_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null),
                rs.getString("revoke_reason"), rs.getString("rights_ref"));
    }

    /** The grants with all their resources, each read once the grants' own query is done. */
    private List<Grant> whole(List<Row> rows) {
        return rows.stream().map(r -> r.with(resources(r.id()))).toList();
    }

    private List<ResourceRef> resources(UUID grantId) {
        return jdbc.sql("SELECT resource_type, resource_id FROM access_grant_resource WHERE grant_id = ? ORDER BY resource_type, resource_id")
                .param(grantId)
                .query((rs, n) -> new ResourceRef(ResourceRef.Type.valueOf(rs.getString(1)), rs.getObject(2, UUID.class))).list();
    }

    @Override
    public Optional<Grant> find(UUID id) {
        return whole(jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::row).list()).stream().findFirst();
    }

    @Override
    public List<Grant> forGrantee(UUID granteeId) {
        return whole(jdbc.sql(SELECT + " WHERE grantee_id = ? ORDER BY granted_at DESC").param(granteeId).query(this::row).list());
    }

    @Override
    public List<Grant> all() {
        return whole(jdbc.sql(SELECT + " ORDER BY granted_at DESC").query(this::row).list());
    }

    /**
     * The grants of a person that name a resource: what the decision point weighs. Each comes
     * narrowed to that resource (the query chose them for naming it; the decision asks nothing
     * else of their resources), so one query decides, however many people a grant names.
     */
    List<Grant> forGranteeAndResource(UUID granteeId, ResourceRef resource) {
        return jdbc.sql(SELECT + " WHERE grantee_id = ? AND id IN (SELECT grant_id FROM access_grant_resource WHERE resource_type = ? AND resource_id = ?)")
                .params(granteeId, resource.type().name(), resource.id()).query(this::row).list().stream().map(r -> r.with(List.of(resource))).toList();
    }

    /**
     * The same grants as {@link #forGranteeAndResource(UUID, ResourceRef)}, from this node's copy of the
     * member's grants while {@code stamp} — the member's grants stamp as their account was read in this
     * request — is the stamp the copy was loaded at; else the copy is loaded again first (one statement
     * for all of the member's grants). Every grant opened or ended changes the stamp in its own
     * transaction ({@link #stamp}), so what a decision weighs is what the database held when the request
     * read the account: as fresh as reading the grants in the same request, on every node.
     */
    List<Grant> forGranteeAndResource(UUID granteeId, long stamp, ResourceRef resource) {
        return copies.on(granteeId, stamp, resource, this::loadCopy, () -> forGranteeAndResource(granteeId, resource));
    }

    /**
     * The member's grants by resource and the stamp they go with, in one statement (one snapshot); a copy
     * without grants ({@code null}) past {@code maxRows} grant × resource rows: those are not kept.
     */
    GrantCopies.Copy loadCopy(UUID granteeId, int maxRows) {
        long[] stamp = {0};
        int[] count = {0};
        Map<ResourceRef, List<Grant>> byResource = new LinkedHashMap<>();
        Map<UUID, Row> rows = new LinkedHashMap<>();
        jdbc.sql("SELECT s.grants_stamp, g.id, g.grantee_id, g.kind, g.purpose, g.categories, g.valid_from, g.valid_until, g.granted_by,"
                + " g.granted_at, g.reason, g.ticket_ref, g.requested_by, g.revoked_at, g.revoke_reason, g.rights_ref, r.resource_type, r.resource_id"
                + " FROM staff_account s LEFT JOIN access_grant g ON g.grantee_id = s.id LEFT JOIN access_grant_resource r ON r.grant_id = g.id"
                + " WHERE s.id = ? FETCH FIRST " + (maxRows + 1) + " ROWS ONLY")
                .param(granteeId).query(rs -> {
                    stamp[0] = rs.getLong(1);
                    UUID grantId = rs.getObject(2, UUID.class);
                    String type = rs.getString("resource_type");
                    if (grantId == null || type == null) {
                        return; // no grant, or a grant naming no resource: it opens nothing here
                    }
                    count[0]++;
                    Row row = rows.get(grantId);
                    if (row == null) {
                        row = row(rs, 0);
                        rows.put(grantId, row);
                    }
                    ResourceRef resource = new ResourceRef(ResourceRef.Type.valueOf(type), rs.getObject("resource_id", UUID.class));
                    byResource.computeIfAbsent(resource, r -> new ArrayList<>()).add(row.with(List.of(resource)));
                });
        if (count[0] > maxRows) {
            return new GrantCopies.Copy(stamp[0], null);
        }
        Map<ResourceRef, List<Grant>> kept = new HashMap<>();
        byResource.forEach((resource, grants) -> kept.put(resource, List.copyOf(grants)));
        return new GrantCopies.Copy(stamp[0], Collections.unmodifiableMap(kept));
    }

    /** This node's copies (tests and diagnostics: how often they were loaded). */
    GrantCopies copies() {
        return copies;
    }

    /** A fresh stamp on the member's grants, in the transaction that changes them (random: a stamp never comes back). */
    private void stamp(UUID granteeId) {
        long stamp;
        do {
            stamp = ThreadLocalRandom.current().nextLong();
        } while (stamp == 0);
        jdbc.sql("UPDATE staff_account SET grants_stamp = ? WHERE id = ?").params(stamp, granteeId).update();
    }
}
