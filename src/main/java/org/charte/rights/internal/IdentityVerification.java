package org.charte.rights.internal;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.InvalidInputException;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.charte.rights.internal.RightsRequests.Verification;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identity verification (R9.5): a one-time code e-mailed to the address the request gives and
 * typed by the person, or a check made by staff (a document, a signed letter). Verified, the
 * request is linked to the person and goes on: a person we hold nothing about is told so, a right
 * Charte carries out at once is answered, anything else waits for the DPO.
 */
@Service
class IdentityVerification {

    private final RequestStore store;
    private final VerificationCodes codes;
    private final RightsMails mails;
    private final Links links;
    private final Subjects subjects;
    private final RequestAnswers answers;
    private final PostMortemGrants grants;

    IdentityVerification(RequestStore store, VerificationCodes codes, RightsMails mails, Links links, Subjects subjects, RequestAnswers answers,
            PostMortemGrants grants) {
        this.grants = grants;
        this.store = store;
        this.codes = codes;
        this.mails = mails;
        this.links = links;
        this.subjects = subjects;
        this.answers = answers;
    }

    /** A new code to the request's e-mail address (valid 10 minutes, 3 attempts); the earlier one is void. */
    @Transactional
    public void sendCode(UUID requestId, @Nullable Actor staff) {
        RightsRequest request = store.locked(requestId);
        if (request.status() != RequestStatus.AWAITING_VERIFICATION) {
            throw new InvalidInputException("status", "the person's identity is no longer awaited for this request", "rights.problem.identity-not-awaited");
        }
        Claimant claimant = store.claimant(requestId);
        if (claimant.email() == null) {
            throw new InvalidInputException("email", "the request gives no e-mail address to send a code to", "rights.problem.no-email");
        }
        issueCode(request, claimant, staff == null ? Steps.SYSTEM : staff.typedId());
    }

    /** A new code mailed to the claimant, in the caller's transaction; refused once too many were sent. */
    public void issueCode(RightsRequest request, Claimant claimant, String actor) {
        String code = codes.issue(request.id());
        if (code == null) {
            store.step(request.id(), actor, "code-refused-too-many", null);
            throw new InvalidInputException("code", "too many codes were sent for this request; make a new request or write to the DPO", "rights.problem.too-many-codes");
        }
        Locale locale = RightsMails.locale(request);
        mails.send(Objects.requireNonNull(claimant.email()), request, "code", List.of(
                mails.text("rights.mail.code.body", locale, code, VerificationCodes.VALIDITY.toMinutes(), VerificationCodes.ATTEMPTS),
                mails.text("rights.mail.code.link", locale, links.verification(request)),
                mails.text("rights.mail.code.not-you", locale)));
        store.step(request.id(), actor, "code-sent", null);
    }

    /**
     * Checks a code typed by the person. Verified, the request is linked to the person with that
     * e-mail address if there is one, and goes on: an access or portability request of a known
     * person is answered at once (when {@code charte.rights.auto-answer} is on); a person we do not
     * know is told we hold no data about that address; any other request waits for the DPO.
     */
    @Transactional(noRollbackFor = InvalidInputException.class)
    public Verification verify(UUID requestId, String code) {
        RightsRequest request = store.lock(requestId).orElse(null);
        if (request == null || request.status() != RequestStatus.AWAITING_VERIFICATION) {
            return Verification.NOT_AWAITED;
        }
        Verification result = codes.check(requestId, code);
        if (result != Verification.VERIFIED) {
            store.step(requestId, Steps.SYSTEM, "code-" + result.name().toLowerCase(Locale.ROOT).replace('_', '-'), null);
            return result;
        }
        Claimant claimant = store.claimant(requestId);
        UUID subjectId = claimant.email() == null ? null : subjects.findByEmail(claimant.email()).orElse(null);
        verified(request, subjectId, Steps.SYSTEM, "email-code");
        return result;
    }

    /** Identity verified by staff (a document, a signed letter): links the person, found by id or by the e-mail given. */
    @Transactional
    public RightsRequest verifiedByStaff(Actor staff, UUID requestId, @Nullable UUID subjectId, String how) {
        RightsRequest request = store.locked(requestId);
        if (request.status() != RequestStatus.AWAITING_VERIFICATION) {
            throw new InvalidInputException("status", "the person's identity is no longer awaited for this request", "rights.problem.identity-not-awaited");
        }
        String method = Steps.required("how", how, 500);
        UUID linked = subjectId;
        if (linked != null && subjects.status(linked).isEmpty()) {
            throw new InvalidInputException("subjectId", "no person has this id", "rights.problem.unknown-person");
        }
        if (linked == null) {
            Claimant claimant = store.claimant(requestId);
            linked = claimant.email() == null ? null : subjects.findByEmail(claimant.email()).orElse(null);
        }
        verified(request, linked, staff.typedId(), method);
        return store.load(requestId).orElseThrow();
    }

    /**
     * Identity verified: the request goes on. A person we hold nothing about is told so; an access
     * or portability request is answered at once when Charte can; anything else waits for the DPO,
     * a post-mortem request with the DPO's grant on the person ({@link PostMortemAccess}).
     */
    private void verified(RightsRequest request, @Nullable UUID subjectId, String actor, String how) {
        store.verified(request.id(), subjectId, actor);
        store.step(request.id(), actor, "identity-verified", how);
        RightsRequest now = store.load(request.id()).orElseThrow();
        Claimant claimant = store.claimant(request.id());
        Locale locale = RightsMails.locale(now);
        if (subjectId == null) {
            store.close(request.id(), RequestStatus.ANSWERED, "no-data", actor);
            store.step(request.id(), actor, "answered-no-data", null);
            if (claimant.email() != null) {
                mails.send(claimant.email(), now, "no-data", List.of(mails.text("rights.mail.no-data.body", locale)));
            }
            return;
        }
        if (answers.answerAtOnce(now, subjectId, claimant, actor)) {
            return;
        }
        grants.verified(now, actor);
        if (claimant.email() != null) {
            mails.send(claimant.email(), now, "verified", List.of(mails.text("rights.mail.verified.body", locale,
                    mails.text("rights.type." + now.type().code(), locale), mails.date(now.clock().dueOn(store.today()), locale))));
        }
    }
}
