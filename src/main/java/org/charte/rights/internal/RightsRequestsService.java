package org.charte.rights.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Objections;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The module's door for rights requests: each step is taken by the service of its stage (intake,
 * identity verification, deadlines, the answers Charte produces, the answers the DPO writes), each
 * one transaction on the request locked, recorded in its history, its mails queued in the outbox
 * in that same transaction.
 */
@Service
class RightsRequestsService implements RightsRequests {

    private final RequestIntake intake;
    private final IdentityVerification verification;
    private final IdentityDocuments documents;
    private final RequestDeadlines deadlines;
    private final RequestAnswers answers;
    private final DpoAnswers dpo;
    private final RequestStore store;

    RightsRequestsService(RequestIntake intake, IdentityVerification verification, IdentityDocuments documents, RequestDeadlines deadlines,
            RequestAnswers answers, DpoAnswers dpo, RequestStore store) {
        this.intake = intake;
        this.verification = verification;
        this.documents = documents;
        this.deadlines = deadlines;
        this.answers = answers;
        this.dpo = dpo;
        this.store = store;
    }

    @Override
    public RightsRequest receiveOnline(RequestType type, Claimant claimant, Locale language) {
        return intake.receiveOnline(type, claimant, language);
    }

    @Override
    public RightsRequest record(Actor staff, NewRequest request) {
        return intake.record(staff, request);
    }

    @Override
    public void sendCode(UUID requestId, @Nullable Actor staff) {
        verification.sendCode(requestId, staff);
    }

    @Override
    public Verification verify(UUID requestId, String code) {
        return verification.verify(requestId, code);
    }

    @Override
    public RightsRequest verifiedByStaff(Actor staff, UUID requestId, @Nullable UUID subjectId, String how) {
        return verification.verifiedByStaff(staff, requestId, subjectId, how);
    }

    @Override
    public UUID receiveIdentityDocument(Actor staff, UUID requestId, byte[] content, String contentType) {
        return documents.receive(staff, requestId, content, contentType);
    }

    @Override
    public void identityDocumentChecked(Actor staff, UUID requestId, UUID documentId) {
        documents.checked(staff, requestId, documentId);
    }

    @Override
    public List<IdentityDocument> identityDocuments(UUID requestId) {
        return documents.of(requestId);
    }

    @Override
    public RightsRequest askForInformation(Actor staff, UUID requestId, String what) {
        return deadlines.askForInformation(staff, requestId, what);
    }

    @Override
    public RightsRequest informationReceived(Actor staff, UUID requestId, @Nullable LocalDate on) {
        return deadlines.informationReceived(staff, requestId, on);
    }

    @Override
    public RightsRequest extend(Actor staff, UUID requestId, String reasons) {
        return deadlines.extend(staff, requestId, reasons);
    }

    @Override
    public RightsRequest refuse(Actor staff, UUID requestId, RefusalGround ground, String reasons) {
        return dpo.refuse(staff, requestId, ground, reasons);
    }

    @Override
    public RightsRequest produceAnswer(Actor staff, UUID requestId) {
        return answers.produceAnswer(staff, requestId);
    }

    @Override
    public RightsRequest applyRectification(Actor staff, UUID requestId, Map<String, String> fields) {
        return answers.applyRectification(staff, requestId, fields);
    }

    @Override
    public Objections.Objection decideObjection(Actor staff, UUID objectionId, Objections.Outcome outcome, @Nullable String reasons) {
        return dpo.decideObjection(staff, objectionId, outcome, reasons);
    }

    @Override
    public RightsRequest answerManually(Actor staff, UUID requestId, String answer) {
        return dpo.answerManually(staff, requestId, answer);
    }

    @Override
    public RightsRequest cancel(Actor actor, UUID requestId, @Nullable String reason) {
        return intake.cancel(actor, requestId, reason);
    }

    @Override
    public Optional<RightsRequest> find(UUID requestId) {
        return store.load(requestId);
    }

    @Override
    public List<RightsRequest> open() {
        return store.open();
    }

    @Override
    public List<RightsRequest> closed(int limit) {
        return store.closed(limit);
    }

    @Override
    public Claimant claimant(Actor staff, UUID requestId) {
        return intake.claimant(staff, requestId);
    }

    @Override
    public List<Step> history(UUID requestId) {
        return store.history(requestId);
    }

    @Override
    public List<AnswerFile> answerFiles(UUID requestId) {
        return answers.files(requestId);
    }
}
