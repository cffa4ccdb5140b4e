package org.charte.rights.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ProcessingRestrictions;
import org.charte.access.ProcessingRestrictions.Restriction;
import org.charte.access.RestrictionLiftingGuard;
import org.charte.common.InvalidInputException;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lifting a restriction obtained through a rights request (GDPR Art. 18(3), L5): the person is told
 * first. The DPO lifts it from the request's page: the notice is mailed to the request's address
 * (or, without one, the DPO confirms a letter was posted), the step is recorded in the request's
 * history, and only then is the restriction lifted, all in one transaction (the mail leaves through
 * the outbox when it commits). As a {@link RestrictionLiftingGuard} it makes every other way of
 * lifting such a restriction (the API) refuse until the notice is recorded.
 */
@Component
class RestrictionLifting implements RestrictionLiftingGuard {

    static final String NOTICED = "restriction-lift-noticed";
    static final String LIFTED = "restriction-lifted";
    /** Why the DPO lifts it: the accuracy was verified, the legal claims are over, the person asked it. */
    static final List<String> REASONS = List.of("accuracy-verified", "claims-ended", "person-asked");

    private final RequestStore store;
    private final ProcessingRestrictions restrictions;
    private final RightsMails mails;

    RestrictionLifting(RequestStore store, ProcessingRestrictions restrictions, RightsMails mails) {
        this.store = store;
        this.restrictions = restrictions;
        this.mails = mails;
    }

    /** The restriction in force that this request obtained, if any: what the request's page offers to lift. */
    Optional<Restriction> liftable(RightsRequest request) {
        if (request.type() != RequestType.RESTRICTION || request.subjectId() == null) {
            return Optional.empty();
        }
        return restrictions.current(request.subjectId()).filter(r -> request.reference().equals(r.reference()));
    }

    /**
     * Tells the person, records it, then lifts.
     *
     * @param toldByPost for a request without an e-mail address: the DPO confirms the notice was posted
     */
    @Transactional
    void lift(Actor staff, RightsRequest given, @Nullable String reason, boolean toldByPost) {
        RightsRequest request = store.lock(given.id()).orElseThrow(UnknownRequestException::new);
        Restriction restriction = liftable(request)
                .orElseThrow(() -> new InvalidInputException("restriction", "no restriction obtained through this request is in force", "rights.problem.no-restriction"));
        if (reason == null || !REASONS.contains(reason)) {
            throw new InvalidInputException("reason", "must be one of " + String.join(", ", REASONS), "rights.problem.lift-reason");
        }
        Claimant claimant = store.claimant(request.id());
        Locale locale = RightsMails.locale(request);
        if (claimant.email() != null) {
            mails.send(claimant.email(), request, "restriction-lifting", List.of(
                    mails.text("rights.mail.restriction-lifting.body", locale, request.reference(),
                            mails.text("rights.restriction." + restriction.reason().code(), locale)),
                    mails.text("rights.mail.restriction-lifting.reason", locale, mails.text("rights.lift-reason." + reason, locale)),
                    mails.text("rights.mail.restriction-lifting.rights", locale)));
        } else if (!toldByPost) {
            throw new InvalidInputException("toldByPost", "the request gives no e-mail address: post the notice to the person first, then confirm it", "rights.problem.post-first");
        }
        store.step(request.id(), staff.typedId(), NOTICED, claimant.email() != null ? HistoryNotes.BY_EMAIL : HistoryNotes.BY_POST);
        restrictions.lift(restriction.subjectId(), reason, staff.typedId());
        store.step(request.id(), staff.typedId(), LIFTED, reason);
    }

    @Override
    public Optional<String> refusal(Restriction restriction) {
        if (restriction.reference() == null) {
            return Optional.empty();
        }
        return store.byReference(restriction.reference())
                .filter(r -> r.type() == RequestType.RESTRICTION)
                .filter(r -> !store.stepSince(r.id(), NOTICED, restriction.restrictedAt()))
                .map(r -> "obtained through rights request " + r.reference() + ": lift it from the request's page /backoffice/droits/" + r.id()
                        + ", which tells the person first (GDPR Art. 18(3))");
    }
}
