package org.charte.rights.internal;

import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Objections;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.Means;
import org.springframework.stereotype.Component;

/**
 * A person's objection to direct marketing on a rights request (L5, R9.9), in both places that
 * honour it: the decision point's objections (no processing for those purposes) and the marketing
 * module's choices (every channel stopped, the addresses on the suppression list, L9), as the person
 * themselves for the purpose rights-requests. No confirmation mail: the request's answer is one.
 */
@Component
class MarketingObjections {

    private final Objections objections;
    private final MarketingChoices marketing;

    MarketingObjections(Objections objections, MarketingChoices marketing) {
        this.objections = objections;
        this.marketing = marketing;
    }

    /** To every marketing purpose, on every channel. */
    void objectToAll(UUID subjectId, String reference) {
        Actor person = Actor.subject(subjectId);
        objections.objectToDirectMarketing(subjectId, reference, person.typedId());
        marketing.object(person, PersonalFiles.PURPOSE, subjectId, MarketingChoices.NewObjection.everything(Means.PRIVACY_CENTRE, reference), false);
    }

    /** To one marketing purpose upheld by the decision point, on every channel. */
    void objectTo(UUID subjectId, String purpose, String reference) {
        if (marketing.purposes().contains(purpose)) {
            marketing.object(Actor.subject(subjectId), PersonalFiles.PURPOSE, subjectId,
                    new MarketingChoices.NewObjection(Set.of(), purpose, Means.PRIVACY_CENTRE, reference), false);
        }
    }
}
