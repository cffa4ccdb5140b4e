package org.charte.rights.internal;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Objections;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.springframework.stereotype.Component;

/**
 * Objection (GDPR Art. 21; R1.3, R9.2, L5) on a verified request. To direct marketing: upheld at
 * once, without a motive, for every marketing purpose (or the one named). To another
 * legitimate-interest purpose: recorded with the person's motive (the request's details), pending;
 * the request stays open until the DPO decides ({@link DpoAnswers#decideObjection}).
 * The objection's reference is the request's id, which is how the decision finds its request.
 */
@Component
class ObjectionFulfilment implements Fulfilment {

    static final String PURPOSE = "purpose";
    static final String MARKETING = "direct-marketing";

    private final Objections objections;
    private final RightsMails mails;
    private final MarketingObjections marketing;

    ObjectionFulfilment(Objections objections, RightsMails mails, MarketingObjections marketing) {
        this.objections = objections;
        this.marketing = marketing;
        this.mails = mails;
    }

    @Override
    public RequestType type() {
        return RequestType.OBJECTION;
    }

    static String purpose(Claimant claimant) {
        String purpose = claimant.field(PURPOSE);
        return purpose == null ? MARKETING : purpose;
    }

    @Override
    public Result fulfil(RightsRequest request, UUID subjectId, Claimant claimant, Locale locale) {
        String purpose = purpose(claimant);
        String by = Actor.subject(subjectId).typedId();
        String reference = request.id().toString();
        if (MARKETING.equals(purpose)) {
            marketing.objectToAll(subjectId, reference);
            List<String> labels = objections.directMarketingPurposes().stream().sorted().map(p -> mails.purpose(p, locale)).toList();
            return new Result(List.of(), mails.text("rights.answer.objection.marketing", locale, String.join(", ", labels)));
        }
        Objections.Objection objection = objections.object(subjectId, purpose, claimant.details(), reference, by);
        if (objection.status() == Objections.Status.UPHELD) {
            marketing.objectTo(subjectId, purpose, reference);
            return new Result(List.of(), mails.text("rights.answer.objection.upheld", locale, mails.purpose(purpose, locale)));
        }
        return new Result(List.of(), mails.text("rights.answer.objection.pending", locale, mails.purpose(purpose, locale)), true);
    }
}
