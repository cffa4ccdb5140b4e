package org.charte.rights.internal;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Objections;
import org.charte.common.InvalidInputException;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.charte.rights.internal.RightsRequests.RefusalGround;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The answers the DPO writes, each closing its request and told to the person with their right to
 * complain to the CNIL (R9.8): a refusal with its ground and reasons (GDPR Art. 12(5)), an answer
 * written by hand, and the decision on an objection that needs one (R1.3, R9.2).
 */
@Service
class DpoAnswers {

    private final RequestStore store;
    private final RightsMails mails;
    private final Objections objections;

    DpoAnswers(RequestStore store, RightsMails mails, Objections objections) {
        this.store = store;
        this.mails = mails;
        this.objections = objections;
    }

    /** Refuses the request, with reasons, told to the person with their right to complain to the CNIL. */
    @Transactional
    public RightsRequest refuse(Actor staff, UUID requestId, RefusalGround ground, String reasons) {
        RightsRequest request = store.locked(requestId);
        Steps.openOnly(request);
        if (ground == null) {
            throw new InvalidInputException("ground", "must be manifestly-unfounded or excessive", "rights.problem.ground");
        }
        String text = Steps.required("reasons", reasons, Steps.TEXT_MAX);
        String outcome = "refused-" + ground.name().toLowerCase(Locale.ROOT).replace('_', '-');
        store.close(requestId, RequestStatus.REFUSED, outcome, staff.typedId());
        store.step(requestId, staff.typedId(), outcome, text);
        Claimant claimant = store.claimant(requestId);
        if (claimant.email() != null) {
            Locale locale = RightsMails.locale(request);
            mails.send(claimant.email(), request, "refusal", List.of(
                    mails.text("rights.mail.refusal.body", locale, mails.text("rights.ground." + ground.name().toLowerCase(Locale.ROOT).replace('_', '-'), locale)),
                    text));
        }
        return store.load(requestId).orElseThrow();
    }

    /**
     * Closes a request the DPO handled by hand (a letter's directives in words, the heirs' rights,
     * anything Charte does not carry out): the answer's text is recorded and sent; nothing is
     * applied to the data by Charte.
     */
    @Transactional
    public RightsRequest answerManually(Actor staff, UUID requestId, String answer) {
        RightsRequest request = store.locked(requestId);
        Steps.openOnly(request);
        if (request.verifiedAt() == null) {
            throw new InvalidInputException("status", "the person's identity must be verified before any answer; refuse the request or ask for more information", "rights.problem.identity-not-verified");
        }
        String text = Steps.required("answer", answer, Steps.TEXT_MAX);
        store.close(requestId, RequestStatus.ANSWERED, "answered-manually", staff.typedId());
        store.step(requestId, staff.typedId(), "answered-manually", text);
        Claimant claimant = store.claimant(requestId);
        if (claimant.email() != null) {
            Locale locale = RightsMails.locale(request);
            mails.send(claimant.email(), request, "answer", List.of(text, mails.text("rights.mail.answer.free", locale)));
        } else {
            store.step(requestId, staff.typedId(), "answer-to-post", null);
        }
        return store.load(requestId).orElseThrow();
    }

    /**
     * The DPO decides a pending objection (R1.3, R9.2): upheld (the purpose is refused for the person
     * from now on) or rejected with reasons; the request it answers is closed and the person told,
     * with their right to complain to the CNIL.
     */
    @Transactional
    public Objections.Objection decideObjection(Actor staff, UUID objectionId, Objections.Outcome outcome, @Nullable String reasons) {
        Objections.Objection objection = objections.find(objectionId)
                .orElseThrow(() -> new InvalidInputException("objectionId", "no such objection", "rights.problem.no-objection"));
        if (outcome == null) {
            throw new InvalidInputException("outcome", "must be upheld or rejected", "rights.problem.objection-outcome");
        }
        UUID requestId = objection.reference() == null ? null : PrivacyCentrePages.parse(objection.reference());
        RightsRequest request = requestId == null ? null : store.lock(requestId).orElse(null);
        Objections.Objection decided = objections.decide(objectionId, outcome, reasons, staff.id());
        if (request == null || !request.open()) {
            return decided; // recorded by staff outside a request: answered by them
        }
        Locale locale = RightsMails.locale(request);
        String purpose = mails.purpose(objection.purpose(), locale);
        // upheld or rejected, the DPO's reasons reach the person (L5): required to reject, given when written to uphold
        String given = reasons == null ? "" : reasons.strip();
        String summary = outcome == Objections.Outcome.UPHELD
                ? mails.text("rights.answer.objection.upheld", locale, purpose)
                        + (given.isEmpty() ? "" : "\n\n" + mails.text("rights.answer.objection.upheld-reasons", locale, given))
                : mails.text("rights.answer.objection.rejected", locale, purpose, given);
        store.close(request.id(), RequestStatus.ANSWERED, "answered", staff.typedId());
        store.step(request.id(), staff.typedId(), "objection-" + outcome.name().toLowerCase(Locale.ROOT), summary);
        Claimant claimant = store.claimant(request.id());
        if (claimant.email() != null) {
            mails.send(claimant.email(), request, "answer", List.of(summary, mails.text("rights.mail.answer.free", locale)));
        } else {
            store.step(request.id(), staff.typedId(), "answer-to-post", null);
        }
        return decided;
    }
}
