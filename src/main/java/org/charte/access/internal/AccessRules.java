package org.charte.access.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.charte.access.AccessRequest;
import org.charte.access.Decision;
import org.charte.access.Grant;
import org.charte.access.ResourceRef;
import org.charte.access.StaffMember;
import org.charte.access.Subcontractor;
import org.charte.common.Zones;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;

/**
 * The access rule of the policy, framework-free: a person reaches personal data only for a
 * purpose and categories their role allows (R4.5), after signing the current confidentiality
 * commitment (R6.1), for a subcontractor only under a contract in force (R6.4), and only through
 * a grant in force that names this purpose, these categories and this resource (R6.1-R6.3), to
 * add a record to a person already recorded as much as to read them (only a new person needs none);
 * and never, whoever asks, for a person whose processing is restricted (GDPR Art. 18, reason
 * {@code restricted}) or who objected to this purpose (Art. 21, reason {@code objection}), see
 * {@link SubjectLimits}. The first rule that fails gives the reason.
 */
final class AccessRules {

    /**
     * What the decision needs to know about the actor, gathered by the caller; {@code resourceRecorded}
     * says whether the person reached is already recorded (a {@code CREATE} on them adds to their records).
     */
    record Facts(@Nullable StaffMember actor, boolean commitmentSigned, @Nullable Subcontractor subcontractor, List<Grant> grants,
            ApiTokens.@Nullable Token token, SubjectLimits limits, boolean resourceRecorded) {

        Facts(@Nullable StaffMember actor, boolean commitmentSigned, @Nullable Subcontractor subcontractor, List<Grant> grants) {
            this(actor, commitmentSigned, subcontractor, grants, null, SubjectLimits.NONE, false);
        }

        Facts(@Nullable StaffMember actor, boolean commitmentSigned, @Nullable Subcontractor subcontractor, List<Grant> grants,
                SubjectLimits limits) {
            this(actor, commitmentSigned, subcontractor, grants, null, limits, false);
        }

        Facts(@Nullable StaffMember actor, boolean commitmentSigned, @Nullable Subcontractor subcontractor, List<Grant> grants,
                ApiTokens.@Nullable Token token, SubjectLimits limits) {
            this(actor, commitmentSigned, subcontractor, grants, token, limits, false);
        }

        /** The same facts, the person reached being already recorded. */
        Facts onRecordedResource() {
            return new Facts(actor, commitmentSigned, subcontractor, grants, token, limits, true);
        }

        static Facts ofToken(ApiTokens.@Nullable Token token, SubjectLimits limits) {
            return new Facts(null, false, null, List.of(), token, limits, false);
        }

        static Facts ofToken(ApiTokens.@Nullable Token token) {
            return ofToken(token, SubjectLimits.NONE);
        }
    }

    private AccessRules() {}

    /** Staff adding a record (an order, an invoice, a ticket message) to a person already recorded, without a grant for it. */
    static final String NO_GRANT_TO_ADD = "the person is already recorded: adding to their records needs a grant in force for this purpose "
            + "and these categories";

    /** The one purpose under which a person reaches their own data: the handling of their rights request. */
    static final String OWN_DATA_PURPOSE = "rights-requests";

    static Decision decide(AccessRequest request, Facts facts, Policy policy, Instant now) {
        if (request.actor().kind() == AccessRequest.Actor.Kind.TOKEN) {
            return decideForToken(request, facts.token(), facts.limits(), policy, now);
        }
        if (request.actor().kind() == AccessRequest.Actor.Kind.SUBJECT) {
            return decideForSubject(request, policy);
        }
        StaffMember actor = facts.actor();
        if (actor == null) {
            return Decision.deny("unknown or disabled account");
        }
        if (request.resource().type() == ResourceRef.Type.AGGREGATE) {
            return aggregate(request, facts, policy, actor, now);
        }
        Decision purposeAndCategories = purposeAndCategories(request, policy);
        if (purposeAndCategories != null) {
            return purposeAndCategories;
        }
        Policy.Role role = policy.role(actor.role()).orElse(null);
        Decision roleAllows = roleAllows(request, role, actor.role());
        if (roleAllows != null) {
            return roleAllows;
        }
        if (role.commitmentRequired() && !facts.commitmentSigned()) {
            return Decision.deny("the current confidentiality commitment is not signed");
        }
        if (role.kind() == Policy.RoleKind.SUBCONTRACTOR) {
            LocalDate today = LocalDate.ofInstant(now, Zones.PARIS);
            if (facts.subcontractor() == null || !facts.subcontractor().contractInForce(today)) {
                return Decision.deny("the subcontractor has no contract with data-protection clauses in force");
            }
        }
        Decision limited = facts.limits().refuse(request);
        if (limited != null) {
            return limited;
        }
        if (request.action() == AccessRequest.Action.CREATE && !facts.resourceRecorded()) {
            return Decision.allowNew(); // a new person: nothing yet to grant
        }
        boolean sawExpired = false;
        for (Grant grant : facts.grants()) {
            if (!grant.granteeId().equals(actor.id()) || !grant.covers(request.resource())) {
                continue;
            }
            boolean fits = grant.purpose().equals(request.purpose()) && grant.categories().containsAll(request.categories());
            if (fits && grant.activeAt(now)) {
                return Decision.allow(grant.id());
            }
            sawExpired |= fits && !grant.activeAt(now);
        }
        if (sawExpired) {
            return Decision.deny("the grant for this resource has ended or is revoked");
        }
        return Decision.deny(request.action() == AccessRequest.Action.CREATE ? NO_GRANT_TO_ADD
                : "no grant in force covers this resource for this purpose and these categories");
    }

    /**
     * An integration reaches no existing person's data: it may only record new data (a web form,
     * a helpdesk), within its role's purposes and categories, while its token is live.
     */
    private static Decision decideForToken(AccessRequest request, ApiTokens.@Nullable Token token, SubjectLimits limits, Policy policy,
            Instant now) {
        if (token == null || token.revokedAt() != null || (token.expiresAt() != null && !token.expiresAt().isAfter(now))) {
            return Decision.deny("unknown, revoked or expired token");
        }
        Decision purposeAndCategories = purposeAndCategories(request, policy);
        if (purposeAndCategories != null) {
            return purposeAndCategories;
        }
        Decision roleAllows = roleAllows(request, policy.role(token.role()).orElse(null), token.role());
        if (roleAllows != null) {
            return roleAllows;
        }
        Decision limited = limits.refuse(request);
        if (limited != null) {
            return limited;
        }
        return request.action() == AccessRequest.Action.CREATE ? Decision.allowNew()
                : Decision.deny("an integration token records new data only; reading a person's data needs a person with a grant");
    }

    /** What a verified person may change themselves (R9.1 rectification, completion, update): who they are, how to reach them, the free field. */
    static final Set<String> OWN_WRITABLE = Set.of("identity", "contact", "other-information");
    /** What a verified person may record themselves: their post-mortem directives (R9.4), kept as other information. */
    static final Set<String> OWN_CREATABLE = Set.of("other-information");

    /**
     * A data subject whose identity a rights request verified reaches their own data, and nobody
     * else's (R8.3: nothing personal anonymously, except one's own data after verification), for
     * the handling of rights requests only: to read or export it (R9.1, R9.3), to rectify their
     * identity, contact and other information (R9.1), to object or withdraw a consent (L5), and to
     * record their post-mortem directives (R9.4). Nothing else of theirs (orders, invoices, tickets) is theirs to write.
     */
    private static Decision decideForSubject(AccessRequest request, Policy policy) {
        Decision purposeAndCategories = purposeAndCategories(request, policy);
        if (purposeAndCategories != null) {
            return purposeAndCategories;
        }
        if (!OWN_DATA_PURPOSE.equals(request.purpose())) {
            return Decision.deny("a person reaches their own data only for purpose " + OWN_DATA_PURPOSE);
        }
        boolean writesOwn = request.action() == AccessRequest.Action.WRITE && OWN_WRITABLE.containsAll(request.categories());
        boolean createsOwn = request.action() == AccessRequest.Action.CREATE && OWN_CREATABLE.containsAll(request.categories());
        boolean objectsOwn = request.action() == AccessRequest.Action.OBJECT && OWN_WRITABLE.containsAll(request.categories());
        if (request.action() != AccessRequest.Action.READ && request.action() != AccessRequest.Action.EXPORT && !writesOwn && !createsOwn
                && !objectsOwn) {
            return Decision.deny("a person's own access is to read or export their data, to rectify their identity, contact and other "
                    + "information, and to object");
        }
        if (request.resource().type() != ResourceRef.Type.SUBJECT || !request.resource().id().equals(request.actorId())) {
            return Decision.deny("a person reaches their own data only");
        }
        return new Decision(true, "the person's own data, identity verified by a rights request", null);
    }

    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * A code the caller gave, as a message may quote it: only when it has the shape of the policy's
     * codes; anything else (free text, a name, 600 KB) is never repeated back or logged.
     */
    static String named(@Nullable String code) {
        return code != null && code.length() <= 64 && CODE.matcher(code).matches() ? "'" + code + "'" : "the code given";
    }

    private static @Nullable Decision purposeAndCategories(AccessRequest request, Policy policy) {
        Optional<Policy.Purpose> purpose = policy.purpose(request.purpose());
        if (purpose.isEmpty()) {
            return Decision.deny(named(request.purpose()) + " is not a purpose of the policy");
        }
        if (request.categories().isEmpty()) {
            return Decision.deny("the request names no data category");
        }
        for (String category : request.categories()) {
            if (policy.dataCategory(category).isEmpty()) {
                return Decision.deny(named(category) + " is not a data category of the policy");
            }
            if (!purpose.get().categories().contains(category)) {
                return Decision.deny("purpose " + request.purpose() + " does not use category " + category);
            }
        }
        return null;
    }

    /**
     * Counts over many people that name none of them (R4.2 commercial statistics): read only, by staff
     * whose role serves the purpose, under the same commitment and contract rules as any access; no
     * grant, since no one person is reached, and no data category, since no one's data leaves.
     */
    private static Decision aggregate(AccessRequest request, Facts facts, Policy policy, StaffMember actor, Instant now) {
        if (request.action() != AccessRequest.Action.READ) {
            return Decision.deny("an aggregate is only read");
        }
        if (policy.purpose(request.purpose()).isEmpty()) {
            return Decision.deny(named(request.purpose()) + " is not a purpose of the policy");
        }
        Policy.Role role = policy.role(actor.role()).orElse(null);
        Decision roleAllows = roleAllows(request, role, actor.role());
        if (roleAllows != null) {
            return roleAllows;
        }
        if (role.commitmentRequired() && !facts.commitmentSigned()) {
            return Decision.deny("the current confidentiality commitment is not signed");
        }
        if (role.kind() == Policy.RoleKind.SUBCONTRACTOR) {
            LocalDate today = LocalDate.ofInstant(now, Zones.PARIS);
            if (facts.subcontractor() == null || !facts.subcontractor().contractInForce(today)) {
                return Decision.deny("the subcontractor has no contract with data-protection clauses in force");
            }
        }
        return new Decision(true, "aggregates only: no one person is reached", null);
    }

    private static @Nullable Decision roleAllows(AccessRequest request, Policy.@Nullable Role role, String roleName) {
        if (role == null) {
            return Decision.deny("role " + roleName + " is not in the policy in force");
        }
        if (!role.purposes().contains(request.purpose())) {
            return Decision.deny("role " + role.id() + " may not process data for purpose " + request.purpose());
        }
        for (String category : request.categories()) {
            if (!role.categories().contains(category)) {
                return Decision.deny("role " + role.id() + " may not reach category " + category);
            }
        }
        return null;
    }
}
