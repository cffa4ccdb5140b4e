package org.charte.rights.internal;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.InvalidInputException;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.charte.subjects.PostMortem;
import org.springframework.stereotype.Component;

/**
 * Post-mortem directives (R9.4) left on the privacy centre: once the person's identity is verified
 * they become their current directives ({@link PostMortem#record}, as the person's own record of
 * their other information, sealed under their key). What happens on their death is
 * {@link DeathNotices}'s.
 */
@Component
class PostMortemFulfilment implements Fulfilment {

    static final String CHOICE = "choice";
    static final String TRUSTED_NAME = "trustedName";
    static final String TRUSTED_EMAIL = "trustedEmail";
    static final String TRUSTED_ADDRESS = "trustedAddress";

    private final PostMortem postMortem;
    private final RightsMails mails;

    PostMortemFulfilment(PostMortem postMortem, RightsMails mails) {
        this.postMortem = postMortem;
        this.mails = mails;
    }

    @Override
    public RequestType type() {
        return RequestType.POST_MORTEM;
    }

    /** A choice the form offers, and a trusted person to reach when the data is to be communicated. */
    static void check(Claimant claimant) {
        String code = claimant.field(CHOICE);
        if (code == null) {
            return; // a letter's directives in words: the DPO reads them and answers
        }
        PostMortem.Choice choice = PostMortem.Choice.ofCode(code).orElseThrow(() -> new InvalidInputException(CHOICE,
                "must be erase-all, communicate-to-trusted-person or keep-as-required-by-law"));
        if (choice == PostMortem.Choice.COMMUNICATE_TO_TRUSTED_PERSON
                && (claimant.field(TRUSTED_NAME) == null || (claimant.field(TRUSTED_EMAIL) == null && claimant.field(TRUSTED_ADDRESS) == null))) {
            throw new InvalidInputException(TRUSTED_NAME, "name the trusted person and give their e-mail or postal address");
        }
    }

    @Override
    public Result fulfil(RightsRequest request, UUID subjectId, Claimant claimant, Locale locale) {
        check(claimant);
        PostMortem.Choice choice = PostMortem.Choice.ofCode(claimant.field(CHOICE))
                .orElseThrow(() -> new InvalidInputException(CHOICE, "must be erase-all, communicate-to-trusted-person or keep-as-required-by-law"));
        PostMortem.TrustedPerson trusted = choice == PostMortem.Choice.COMMUNICATE_TO_TRUSTED_PERSON
                ? new PostMortem.TrustedPerson(claimant.field(TRUSTED_NAME), claimant.field(TRUSTED_EMAIL), claimant.field(TRUSTED_ADDRESS))
                : null;
        PostMortem.Version version = postMortem.record(Actor.subject(subjectId), subjectId, new PostMortem.NewDirectives(choice, trusted,
                claimant.details()));
        return new Result(List.of(), mails.text("rights.answer.post-mortem", locale, mails.text("rights.choice." + choice.code(), locale),
                version.version()));
    }
}
