package org.charte.rights.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.rights.internal.RightsRequests.AnswerFile;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The answers Charte produces by carrying out a right ({@link Fulfilment}): at once when the
 * identity is verified, where the right allows it and {@code charte.rights.auto-answer} is on, or
 * when the DPO asks for it (a rectification after the DPO reviewed its fields). The files are
 * stored and a single-use link to each is mailed, or the answer is left for the post.
 */
@Service
class RequestAnswers {

    private final RequestStore store;
    private final Map<RequestType, Fulfilment> fulfilments;
    private final ClaimantChecks checks;
    private final AnswerDelivery delivery;
    private final RightsMails mails;
    private final Links links;
    private final boolean autoAnswer;
    private final TransactionTemplate nested;

    RequestAnswers(RequestStore store, List<Fulfilment> fulfilments, ClaimantChecks checks, AnswerDelivery delivery, RightsMails mails,
            Links links, @Value("${charte.rights.auto-answer:true}") boolean autoAnswer, PlatformTransactionManager transactions) {
        this.store = store;
        this.fulfilments = fulfilments.stream().collect(Collectors.toUnmodifiableMap(Fulfilment::type, Function.identity()));
        this.checks = checks;
        this.delivery = delivery;
        this.mails = mails;
        this.links = links;
        this.autoAnswer = autoAnswer;
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Answers a request just verified at once, in the caller's transaction, when Charte may: true
     * when it was answered (or recorded as awaiting a decision), false when it waits for the DPO.
     */
    public boolean answerAtOnce(RightsRequest request, UUID subjectId, Claimant claimant, String actor) {
        Fulfilment fulfilment = fulfilments.get(request.type());
        if (!autoAnswer || fulfilment == null || !fulfilment.automatic()) {
            return false;
        }
        // A right carried out at once that cannot be (bad input the form let through) goes back to
        // its savepoint and waits for the DPO: the verification stands.
        try {
            nested.executeWithoutResult(tx -> answer(request, subjectId, claimant, actor));
            return true;
        } catch (InvalidInputException e) {
            store.step(request.id(), actor, "fulfilment-refused", e.errors().stream().map(FieldError::field).distinct()
                    .collect(Collectors.joining(", ")));
            return false;
        }
    }

    /**
     * Produces and sends the answer of a right Charte carries out: access and portability (files),
     * erasure (through the retention module, after the DPO's review), restriction, objection and
     * directives (when not already carried out at verification); a rectification needs its fields
     * ({@link #applyRectification}).
     */
    @Transactional
    public RightsRequest produceAnswer(Actor staff, UUID requestId) {
        RightsRequest request = store.locked(requestId);
        if (request.status() != RequestStatus.IN_PROGRESS) {
            throw new InvalidInputException("status", request.verifiedAt() == null
                    ? "the person's identity must be verified before any answer" : "the request is not in progress",
                    request.verifiedAt() == null ? "rights.problem.identity-not-verified" : "rights.problem.not-in-progress");
        }
        if (!fulfilments.containsKey(request.type())) {
            throw new InvalidInputException("type", "Charte does not yet carry out this right by itself; answer by hand with the answer's text", "rights.problem.not-automated");
        }
        if (request.subjectId() == null) {
            throw new InvalidInputException("subjectId", "the request is linked to no person", "rights.problem.no-person");
        }
        answer(request, request.subjectId(), store.claimant(requestId), staff.typedId());
        return store.load(requestId).orElseThrow();
    }

    /**
     * Applies a rectification request after the DPO reviewed it (R9.1, L5): the fields to change,
     * as the person gave them or as the DPO read them in their letter, are applied as the verified
     * person's own change, the recipients told (Art. 19), and the person answered with the names
     * of the fields changed (never their values).
     */
    @Transactional
    public RightsRequest applyRectification(Actor staff, UUID requestId, Map<String, String> fields) {
        RightsRequest request = store.locked(requestId);
        if (request.type() != RequestType.RECTIFICATION) {
            throw new InvalidInputException("type", "this request is not a rectification", "rights.problem.not-rectification");
        }
        if (request.status() != RequestStatus.IN_PROGRESS) {
            throw new InvalidInputException("status", request.verifiedAt() == null
                    ? "the person's identity must be verified before any answer" : "the request is not in progress",
                    request.verifiedAt() == null ? "rights.problem.identity-not-verified" : "rights.problem.not-in-progress");
        }
        if (request.subjectId() == null) {
            throw new InvalidInputException("subjectId", "the request is linked to no person", "rights.problem.no-person");
        }
        Claimant stored = store.claimant(requestId);
        Claimant reviewed = ClaimantChecks.checked(request.type(), new Claimant(stored.name(), stored.email(), stored.postalAddress(),
                stored.details(), fields == null ? Map.of() : fields), false);
        checks.fields(request.type(), reviewed);
        store.step(requestId, staff.typedId(), "rectification-reviewed", String.join(", ", new TreeSet<>(reviewed.fields().keySet())));
        answer(request, request.subjectId(), reviewed, staff.typedId());
        return store.load(requestId).orElseThrow();
    }

    /** Whether Charte carries out this right by itself. */
    public boolean carriesOut(RequestType type) {
        return fulfilments.containsKey(type);
    }

    /** The files of a request's answer, without their content. */
    public List<AnswerFile> files(UUID requestId) {
        return delivery.files(requestId);
    }

    /** Runs the right's fulfilment, stores the files, mails a single-use link to each (or leaves them for the post). */
    private void answer(RightsRequest request, UUID subjectId, Claimant claimant, String actor) {
        Locale locale = RightsMails.locale(request);
        Fulfilment.Result result = fulfilments.get(request.type()).fulfil(request, subjectId, claimant, locale, actor);
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(result.summary());
        List<String> linkLines = new ArrayList<>();
        for (Fulfilment.AnswerContent content : result.files()) {
            UUID fileId = delivery.store(request.id(), content);
            if (claimant.email() != null) {
                linkLines.add(content.fileName() + " : " + links.download(request, delivery.link(fileId)));
            }
        }
        if (result.pending()) {
            // Recorded, awaiting a decision: the person is told where it stands; the request stays open.
            store.status(request.id(), RequestStatus.IN_PROGRESS);
            store.step(request.id(), actor, "awaiting-decision", result.summary());
            if (claimant.email() != null) {
                RightsRequest now = store.load(request.id()).orElseThrow();
                mails.send(claimant.email(), request, "progress", List.of(result.summary(),
                        mails.text("rights.mail.progress.due", locale, mails.date(now.clock().dueOn(store.today()), locale))));
            }
            return;
        }
        store.close(request.id(), RequestStatus.ANSWERED, "answered", actor);
        store.step(request.id(), actor, "answered", result.summary());
        if (claimant.email() != null) {
            if (!linkLines.isEmpty()) {
                paragraphs.add(mails.text("rights.mail.answer.links", locale, delivery.validity().toDays()));
                paragraphs.add(String.join("\n", linkLines));
            }
            paragraphs.add(mails.text("rights.mail.answer.free", locale));
            mails.send(claimant.email(), request, "answer", paragraphs);
        } else {
            store.step(request.id(), actor, "answer-to-post", null);
        }
    }
}
