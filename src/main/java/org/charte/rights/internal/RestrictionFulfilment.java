package org.charte.rights.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ProcessingRestrictions;
import org.charte.access.RecipientNotices;
import org.charte.access.ProcessingRestrictions.Reason;
import org.charte.common.InvalidInputException;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.springframework.stereotype.Component;

/**
 * Restriction of processing (GDPR Art. 18, L5), at once on a verified request: from then on the
 * decision point refuses any processing of the person's data but storage and what Art. 18(2)
 * allows, and the recipients of their data are told (Art. 19). The reason is the person's: a
 * request that gives none (a letter) is recorded as {@code not-stated}, never given a ground the
 * person did not state.
 */
@Component
class RestrictionFulfilment implements Fulfilment {

    static final String REASON = "reason";
    private static final List<Reason> ASKABLE = List.of(Reason.ACCURACY_CONTESTED, Reason.UNLAWFUL_PROCESSING, Reason.NEEDED_FOR_CLAIMS);

    private final ProcessingRestrictions restrictions;
    private final RightsMails mails;
    private final RecipientNotices notices;

    RestrictionFulfilment(ProcessingRestrictions restrictions, RightsMails mails, RecipientNotices notices) {
        this.notices = notices;
        this.restrictions = restrictions;
        this.mails = mails;
    }

    @Override
    public RequestType type() {
        return RequestType.RESTRICTION;
    }

    /** The reason the person gave, among those a person asks for; not stated when none. */
    static Optional<Reason> reason(Claimant claimant) {
        String code = claimant.field(REASON);
        if (code == null) {
            return Optional.of(Reason.NOT_STATED);
        }
        return Reason.ofCode(code).filter(ASKABLE::contains);
    }

    @Override
    public Result fulfil(RightsRequest request, UUID subjectId, Claimant claimant, Locale locale) {
        Reason reason = reason(claimant).orElseThrow(() -> new InvalidInputException(REASON,
                "must be accuracy-contested, unlawful-processing or needed-for-claims"));
        ProcessingRestrictions.Restriction restriction = restrictions.restrict(subjectId, reason, request.reference(),
                Actor.subject(subjectId).typedId());
        String answer = mails.text("rights.answer.restriction", locale, mails.text("rights.restriction." + restriction.reason().code(), locale));
        // the recipients told for this request (Art. 19), in words; none told, nothing said (L10)
        long told = notices.forSubject(subjectId).stream()
                .filter(n -> n.cause() == RecipientNotices.Cause.RESTRICTION && request.reference().equals(n.reference())).count();
        return new Result(List.of(), told == 0 ? answer : answer + " " + mails.text("rights.answer.restriction.recipients", locale, told));
    }
}
