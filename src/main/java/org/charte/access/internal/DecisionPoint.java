package org.charte.access.internal;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest;
import org.charte.access.Commitments;
import org.charte.access.Decision;
import org.charte.access.KnownSubjects;
import org.charte.access.Purpose;
import org.charte.access.ResourceRef;
import org.charte.access.StaffMember;
import org.charte.access.Subcontractors;
import org.charte.common.InvalidInputException;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Gathers what the access rule needs, applies it, and records the attempt whatever the answer. */
@Service
class DecisionPoint implements AccessDecisions {

    private final StaffAccounts staff;
    private final Commitments commitments;
    private final Subcontractors subcontractors;
    private final JdbcGrants grants;
    private final Policy policy;
    private final Clock clock;
    private final AccessAudit audit;
    private final ApiTokens tokens;
    private final ProcessingLimits limits;
    private final KnownSubjects knownSubjects;
    private final SignedCommitments signedCommitments;

    DecisionPoint(StaffAccounts staff, Commitments commitments, Subcontractors subcontractors, JdbcGrants grants,
            Policy policy, Clock clock, AccessAudit audit, ApiTokens tokens, ProcessingLimits limits, KnownSubjects knownSubjects,
            SignedCommitments signedCommitments) {
        this.signedCommitments = signedCommitments;
        this.knownSubjects = knownSubjects;
        this.tokens = tokens;
        this.limits = limits;
        this.staff = staff;
        this.commitments = commitments;
        this.subcontractors = subcontractors;
        this.grants = grants;
        this.policy = policy;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    public Decision requireNamedPurpose(AccessRequest.Actor actor, @Nullable String purpose,
            AccessRequest.Action action, Set<String> categories, ResourceRef resource) {
        Purpose named = Purpose.of(purpose); // missing or malformed: 400, nothing decided, nothing recorded
        AccessRequest request = new AccessRequest(actor, named.code(), action, categories, resource);
        if (policy.purpose(named.code()).isEmpty()) {
            decide(request); // recorded as refused
            throw new InvalidInputException(Purpose.FIELD, "is not a purpose of the policy in force");
        }
        return require(request);
    }

    @Override
    public Decision decide(AccessRequest request) {
        if (request.actor().kind() == AccessRequest.Actor.Kind.SUBJECT) {
            // a person on their own data: their restrictions and objections do not bind them (not read)
            Decision decision = AccessRules.decide(request, AccessRules.Facts.ofToken(null), policy, clock.instant());
            audit.decided(request, decision);
            return decision;
        }
        SubjectLimits subjectLimits = request.resource().type() == ResourceRef.Type.SUBJECT
                ? limits.of(request.resource().id()) : SubjectLimits.NONE;
        if (request.actor().kind() == AccessRequest.Actor.Kind.TOKEN) {
            Decision decision = AccessRules.decide(request,
                    AccessRules.Facts.ofToken(tokens.find(request.actorId()).orElse(null), subjectLimits), policy, clock.instant());
            audit.decided(request, decision);
            return decision;
        }
        // the request's actor as RequestActors just read it (one read per request), else from the database
        StaffAccounts.Acting acting = ActingStaffMemo.recalled(request.actorId()).orElse(null);
        StaffMember actor = acting != null ? acting.member() : staff.find(request.actorId()).orElse(null);
        AccessRules.Facts facts = actor == null ? new AccessRules.Facts(null, false, null, List.of())
                : new AccessRules.Facts(actor, signedCommitments.signedCurrent(actor.id(), commitments::signedCurrent),
                        actor.subcontractorId() == null ? null : subcontractors.find(actor.subcontractorId()).orElse(null),
                        acting != null ? grants.forGranteeAndResource(actor.id(), acting.grantsStamp(), request.resource()) // the grants as of that read
                                : grants.forGranteeAndResource(actor.id(), request.resource()), subjectLimits);
        if (request.action() == AccessRequest.Action.CREATE && request.resource().type() == ResourceRef.Type.SUBJECT
                && knownSubjects.exists(request.resource().id())) {
            facts = facts.onRecordedResource(); // adding to a known person's records needs a grant, as reading them does
        }
        Decision decision = AccessRules.decide(request, facts, policy, clock.instant());
        audit.decided(request, decision);
        return decision;
    }
}
