package org.charte.rights.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Objections;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.TextInput;
import org.charte.rights.RequestChannel;
import org.charte.rights.RequestClock;
import org.charte.rights.RequestStatus;
import org.charte.rights.RequestType;
import org.charte.rights.RightsRequest;
import org.charte.rights.RightsRequests;
import org.charte.subjects.Subjects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The life of a rights request: intake, verification, the clock, refusals, answers. Every step
 * is one transaction, on the request locked, recorded in its history; its mails go through the
 * outbox in that same transaction.
 */
@Service
class RightsWorkflow implements RightsRequests {

    static final String SYSTEM = "system";
    static final int TEXT_MAX = 5000;
    static final int NAME_MAX = 200;

    private final RequestStore store;
    private final VerificationCodes codes;
    private final AnswerDelivery delivery;
    private final RightsMails mails;
    private final Subjects subjects;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Map<RequestType, Fulfilment> fulfilments;
    private final Links links;
    private final boolean autoAnswer;
    private final Objections objections;
    private final TransactionTemplate nested;

    RightsWorkflow(RequestStore store, VerificationCodes codes, AnswerDelivery delivery, RightsMails mails, Subjects subjects,
            AuditLog audit, JdbcClient jdbc, List<Fulfilment> fulfilments, Links links,
            @Value("${charte.rights.auto-answer:true}") boolean autoAnswer, Objections objections, PlatformTransactionManager transactions) {
        this.store = store;
        this.codes = codes;
        this.delivery = delivery;
        this.mails = mails;
        this.subjects = subjects;
        this.audit = audit;
        this.jdbc = jdbc;
        this.fulfilments = fulfilments.stream().collect(Collectors.toUnmodifiableMap(Fulfilment::type, Function.identity()));
        this.links = links;
        this.autoAnswer = autoAnswer;
        this.objections = objections;
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    // --- intake --------------------------------------------------------------------------------

    @Override
    @Transactional
    public RightsRequest receiveOnline(RequestType type, Claimant claimant, Locale language) {
        Claimant checked = checked(type, claimant, true);
        checkFields(type, checked);
        RightsRequest request = store.insert(type, RequestChannel.WEB, language(language), store.today(), checked, SYSTEM);
        store.step(request.id(), SYSTEM, "received", null);
        issueCode(request, checked, SYSTEM);
        return request;
    }

    @Override
    @Transactional
    public RightsRequest record(Actor staff, NewRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.channel() == RequestChannel.WEB) {
            errors.add(new FieldError("channel", "requests made online are made on the privacy centre; record post, email or api"));
        }
        if (request.receivedOn() == null) {
            errors.add(new FieldError("receivedOn", "give the day the request was received"));
        } else if (request.receivedOn().isAfter(store.today())) {
            errors.add(new FieldError("receivedOn", "must not be in the future"));
        } else if (request.receivedOn().isBefore(store.today().minusYears(1))) {
            errors.add(new FieldError("receivedOn", "must be within the last year"));
        }
        Claimant checked = null;
        try {
            checked = checked(request.type(), request.claimant(), false);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        if (checked != null) {
            try {
                checkFields(request.type(), checked);
            } catch (InvalidInputException e) {
                errors.addAll(e.errors());
            }
        }
        InvalidInputException.throwIfAny(errors);
        RightsRequest recorded = store.insert(request.type(), request.channel(), language(request.language()), request.receivedOn(), checked,
                staff.typedId());
        store.step(recorded.id(), staff.typedId(), "recorded", null);
        audit.append(AuditEvent.allowed(staff.typedId(), "create", PersonalFiles.PURPOSE, "rights-request", recorded.id().toString(), null,
                List.of("identity", "contact")));
        return recorded;
    }

    // --- verification --------------------------------------------------------------------------

    @Override
    @Transactional
    public void sendCode(UUID requestId, @Nullable Actor staff) {
        RightsRequest request = locked(requestId);
        if (request.status() != RequestStatus.AWAITING_VERIFICATION) {
            throw new InvalidInputException("status", "the person's identity is no longer awaited for this request");
        }
        Claimant claimant = store.claimant(requestId);
        if (claimant.email() == null) {
            throw new InvalidInputException("email", "the request gives no e-mail address to send a code to");
        }
        issueCode(request, claimant, staff == null ? SYSTEM : staff.typedId());
    }

    private void issueCode(RightsRequest request, Claimant claimant, String actor) {
        String code = codes.issue(request.id());
        if (code == null) {
            store.step(request.id(), actor, "code-refused-too-many", null);
            throw new InvalidInputException("code", "too many codes were sent for this request; make a new request or write to the DPO");
        }
        Locale locale = RightsMails.locale(request);
        mails.send(java.util.Objects.requireNonNull(claimant.email()), request, "code", List.of(
                mails.text("rights.mail.code.body", locale, code, VerificationCodes.VALIDITY.toMinutes(), VerificationCodes.ATTEMPTS),
                mails.text("rights.mail.code.link", locale, links.verification(request)),
                mails.text("rights.mail.code.not-you", locale)));
        store.step(request.id(), actor, "code-sent", null);
    }

    @Override
    @Transactional(noRollbackFor = InvalidInputException.class)
    public Verification verify(UUID requestId, String code) {
        RightsRequest request = store.lock(requestId).orElse(null);
        if (request == null || request.status() != RequestStatus.AWAITING_VERIFICATION) {
            return Verification.NOT_AWAITED;
        }
        Verification result = codes.check(requestId, code);
        if (result != Verification.VERIFIED) {
            store.step(requestId, SYSTEM, "code-" + result.name().toLowerCase(Locale.ROOT).replace('_', '-'), null);
            return result;
        }
        Claimant claimant = store.claimant(requestId);
        UUID subjectId = claimant.email() == null ? null : subjects.findByEmail(claimant.email()).orElse(null);
        verified(request, subjectId, SYSTEM, "email-code");
        return result;
    }

    @Override
    @Transactional
    public RightsRequest verifiedByStaff(Actor staff, UUID requestId, @Nullable UUID subjectId, String how) {
        RightsRequest request = locked(requestId);
        if (request.status() != RequestStatus.AWAITING_VERIFICATION) {
            throw new InvalidInputException("status", "the person's identity is no longer awaited for this request");
        }
        String method = required("how", how, 500);
        UUID linked = subjectId;
        if (linked != null && subjects.status(linked).isEmpty()) {
            throw new InvalidInputException("subjectId", "no person has this id");
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
     * or portability request is answered at once when Charte can; anything else waits for the DPO.
     */
    private void verified(RightsRequest request, @Nullable UUID subjectId, String actor, String how) {
        store.verified(request.id(), subjectId, actor);
        store.step(request.id(), actor, "identity-verified", how);
        RightsRequest now = store.load(request.id()).orElseThrow();
        Claimant claimant = store.claimant(request.id());
        Locale locale = RightsMails.locale(now);
        if (subjectId == null) {
            store.close(request.id(), RequestStatus.ANSWERED, "no-data");
            store.step(request.id(), actor, "answered-no-data", null);
            if (claimant.email() != null) {
                mails.send(claimant.email(), now, "no-data", List.of(mails.text("rights.mail.no-data.body", locale)));
            }
            return;
        }
        Fulfilment fulfilment = fulfilments.get(now.type());
        if (autoAnswer && fulfilment != null && fulfilment.automatic()) {
            // A right carried out at once that cannot be (bad input the form let through) goes back to
            // its savepoint and waits for the DPO: the verification stands.
            try {
                nested.executeWithoutResult(tx -> answer(now, subjectId, claimant, actor));
                return;
            } catch (InvalidInputException e) {
                store.step(request.id(), actor, "fulfilment-refused", e.errors().stream().map(FieldError::field).distinct()
                        .collect(Collectors.joining(", ")));
            }
        }
        if (claimant.email() != null) {
            mails.send(claimant.email(), now, "verified", List.of(mails.text("rights.mail.verified.body", locale,
                    mails.text("rights.type." + now.type().code(), locale), mails.date(now.clock().dueOn(store.today()), locale))));
        }
    }

    // --- identity documents ----------------------------------------------------------------------

    @Override
    @Transactional
    public UUID receiveIdentityDocument(Actor staff, UUID requestId, byte[] content, String contentType) {
        RightsRequest request = locked(requestId);
        openOnly(request);
        if (content == null || content.length == 0) {
            throw new InvalidInputException("document", "the file is empty");
        }
        if (content.length > 1024 * 1024) {
            throw new InvalidInputException("document", "the file is larger than 1 MB");
        }
        String type = contentType == null || contentType.isBlank() || contentType.length() > 100 ? "application/octet-stream" : contentType;
        UUID id = store.nextId();
        jdbc.sql("INSERT INTO rights_identity_document (id, request_id, content, content_type, received_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, requestId, store.seal(requestId, "rights.identity-document:" + id, content), type, store.nowUtc()).update();
        store.step(requestId, staff.typedId(), "identity-document-received", null);
        return id;
    }

    @Override
    @Transactional
    public void identityDocumentChecked(Actor staff, UUID requestId, UUID documentId) {
        locked(requestId);
        int updated = jdbc.sql("""
                UPDATE rights_identity_document SET content = NULL, checked_at = ?, checked_by = ?, deleted_at = ?
                WHERE id = ? AND request_id = ? AND deleted_at IS NULL""")
                .params(store.nowUtc(), staff.typedId(), store.nowUtc(), documentId, requestId).update();
        if (updated == 0) {
            throw new InvalidInputException("documentId", "no identity document waiting for a check on this request");
        }
        store.step(requestId, staff.typedId(), "identity-document-checked-and-deleted", null);
    }

    @Override
    public List<IdentityDocument> identityDocuments(UUID requestId) {
        return jdbc.sql("SELECT id, received_at, checked_at, deleted_at FROM rights_identity_document WHERE request_id = ? ORDER BY received_at, id")
                .param(requestId).query((rs, n) -> new IdentityDocument(rs.getObject(1, UUID.class),
                        rs.getObject(2, java.time.OffsetDateTime.class).toInstant(), instant(rs.getObject(3, java.time.OffsetDateTime.class)),
                        instant(rs.getObject(4, java.time.OffsetDateTime.class)))).list();
    }

    // --- the clock -----------------------------------------------------------------------------

    @Override
    @Transactional
    public RightsRequest askForInformation(Actor staff, UUID requestId, String what) {
        RightsRequest request = locked(requestId);
        openOnly(request);
        String text = required("what", what, TEXT_MAX);
        LocalDate today = store.today();
        RequestClock clock = request.clock().suspend(today);
        store.clock(requestId, clock);
        store.status(requestId, RequestStatus.AWAITING_INFORMATION);
        store.step(requestId, staff.typedId(), "information-asked", text);
        Claimant claimant = store.claimant(requestId);
        if (claimant.email() != null) {
            Locale locale = RightsMails.locale(request);
            mails.send(claimant.email(), request, "information", List.of(mails.text("rights.mail.information.body", locale), text,
                    mails.text("rights.mail.information.clock", locale)));
        }
        return store.load(requestId).orElseThrow();
    }

    @Override
    @Transactional
    public RightsRequest informationReceived(Actor staff, UUID requestId, @Nullable LocalDate on) {
        RightsRequest request = locked(requestId);
        if (request.status() != RequestStatus.AWAITING_INFORMATION) {
            throw new InvalidInputException("information", "no information is awaited");
        }
        LocalDate day = on == null ? store.today() : on;
        if (day.isAfter(store.today())) {
            throw new InvalidInputException("receivedOn", "must not be in the future");
        }
        RequestClock clock = request.clock().resume(day);
        store.clock(requestId, clock);
        store.status(requestId, request.verifiedAt() == null ? RequestStatus.AWAITING_VERIFICATION : RequestStatus.IN_PROGRESS);
        store.step(requestId, staff.typedId(), "information-received", day.toString());
        return store.load(requestId).orElseThrow();
    }

    @Override
    @Transactional
    public RightsRequest extend(Actor staff, UUID requestId, String reasons) {
        RightsRequest request = locked(requestId);
        openOnly(request);
        String text = required("reasons", reasons, TEXT_MAX);
        LocalDate today = store.today();
        RequestClock clock = request.clock().extend(today);
        store.clock(requestId, clock);
        store.step(requestId, staff.typedId(), "extended", text);
        Claimant claimant = store.claimant(requestId);
        Locale locale = RightsMails.locale(request);
        if (claimant.email() != null) {
            mails.send(claimant.email(), request, "extension", List.of(
                    mails.text("rights.mail.extension.body", locale, mails.date(clock.dueOn(today), locale)), text));
        } else {
            store.step(requestId, staff.typedId(), "notice-to-post", null);
        }
        return store.load(requestId).orElseThrow();
    }

    // --- closing -------------------------------------------------------------------------------

    @Override
    @Transactional
    public RightsRequest refuse(Actor staff, UUID requestId, RefusalGround ground, String reasons) {
        RightsRequest request = locked(requestId);
        openOnly(request);
        if (ground == null) {
            throw new InvalidInputException("ground", "must be manifestly-unfounded or excessive");
        }
        String text = required("reasons", reasons, TEXT_MAX);
        String outcome = "refused-" + ground.name().toLowerCase(Locale.ROOT).replace('_', '-');
        store.close(requestId, RequestStatus.REFUSED, outcome);
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

    @Override
    @Transactional
    public RightsRequest produceAnswer(Actor staff, UUID requestId) {
        RightsRequest request = locked(requestId);
        if (request.status() != RequestStatus.IN_PROGRESS) {
            throw new InvalidInputException("status", request.verifiedAt() == null
                    ? "the person's identity must be verified before any answer" : "the request is not in progress");
        }
        if (!fulfilments.containsKey(request.type())) {
            throw new InvalidInputException("type", "Charte does not yet carry out this right by itself; answer by hand with the answer's text");
        }
        if (request.subjectId() == null) {
            throw new InvalidInputException("subjectId", "the request is linked to no person");
        }
        answer(request, request.subjectId(), store.claimant(requestId), staff.typedId());
        return store.load(requestId).orElseThrow();
    }

    @Override
    @Transactional
    public RightsRequest applyRectification(Actor staff, UUID requestId, Map<String, String> fields) {
        RightsRequest request = locked(requestId);
        if (request.type() != RequestType.RECTIFICATION) {
            throw new InvalidInputException("type", "this request is not a rectification");
        }
        if (request.status() != RequestStatus.IN_PROGRESS) {
            throw new InvalidInputException("status", request.verifiedAt() == null
                    ? "the person's identity must be verified before any answer" : "the request is not in progress");
        }
        if (request.subjectId() == null) {
            throw new InvalidInputException("subjectId", "the request is linked to no person");
        }
        Claimant stored = store.claimant(requestId);
        Claimant reviewed = checked(request.type(), new Claimant(stored.name(), stored.email(), stored.postalAddress(), stored.details(),
                fields == null ? Map.of() : fields), false);
        checkFields(request.type(), reviewed);
        store.step(requestId, staff.typedId(), "rectification-reviewed", String.join(", ", new java.util.TreeSet<>(reviewed.fields().keySet())));
        answer(request, request.subjectId(), reviewed, staff.typedId());
        return store.load(requestId).orElseThrow();
    }

    @Override
    @Transactional
    public Objections.Objection decideObjection(Actor staff, UUID objectionId, Objections.Outcome outcome, @Nullable String reasons) {
        Objections.Objection objection = objections.find(objectionId)
                .orElseThrow(() -> new InvalidInputException("objectionId", "no such objection"));
        if (outcome == null) {
            throw new InvalidInputException("outcome", "must be upheld or rejected");
        }
        RightsRequest request = objection.reference() == null ? null
                : PrivacyCentrePages.parse(objection.reference()) == null ? null : store.lock(PrivacyCentrePages.parse(objection.reference())).orElse(null);
        Objections.Objection decided = objections.decide(objectionId, outcome, reasons, staff.id());
        if (request == null || !request.open()) {
            return decided; // recorded by staff outside a request: answered by them
        }
        Locale locale = RightsMails.locale(request);
        String purpose = mails.purpose(objection.purpose(), locale);
        String summary = outcome == Objections.Outcome.UPHELD
                ? mails.text("rights.answer.objection.upheld", locale, purpose)
                : mails.text("rights.answer.objection.rejected", locale, purpose, reasons == null ? "" : reasons.strip());
        store.close(request.id(), RequestStatus.ANSWERED, "answered");
        store.step(request.id(), staff.typedId(), "objection-" + outcome.name().toLowerCase(Locale.ROOT), summary);
        Claimant claimant = store.claimant(request.id());
        if (claimant.email() != null) {
            mails.send(claimant.email(), request, "answer", List.of(summary, mails.text("rights.mail.answer.free", locale)));
        } else {
            store.step(request.id(), staff.typedId(), "answer-to-post", null);
        }
        return decided;
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
        store.close(request.id(), RequestStatus.ANSWERED, "answered");
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

    @Override
    @Transactional
    public RightsRequest answerManually(Actor staff, UUID requestId, String answer) {
        RightsRequest request = locked(requestId);
        openOnly(request);
        if (request.verifiedAt() == null) {
            throw new InvalidInputException("status", "the person's identity must be verified before any answer; refuse the request or ask for more information");
        }
        String text = required("answer", answer, TEXT_MAX);
        store.close(requestId, RequestStatus.ANSWERED, "answered-manually");
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

    @Override
    @Transactional
    public RightsRequest cancel(Actor actor, UUID requestId, @Nullable String reason) {
        RightsRequest request = locked(requestId);
        if (request.status() == RequestStatus.CANCELLED) {
            return request;
        }
        openOnly(request);
        String note = reason == null || reason.isBlank() ? null : required("reason", reason, TEXT_MAX);
        store.close(requestId, RequestStatus.CANCELLED, "cancelled");
        store.step(requestId, actor.typedId(), "cancelled", note);
        Claimant claimant = store.claimant(requestId);
        if (claimant.email() != null) {
            Locale locale = RightsMails.locale(request);
            mails.send(claimant.email(), request, "cancelled", List.of(mails.text("rights.mail.cancelled.body", locale,
                    mails.text("rights.type." + request.type().code(), locale))));
        }
        return store.load(requestId).orElseThrow();
    }

    // --- reading -------------------------------------------------------------------------------

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
        RightsRequest request = store.load(requestId).orElseThrow(() -> new InvalidInputException("id", "no such request"));
        audit.append(AuditEvent.allowed(staff.typedId(), "read", PersonalFiles.PURPOSE, "rights-request", request.id().toString(),
                request.subjectId(), List.of("identity", "contact")));
        return store.claimant(requestId);
    }

    @Override
    public List<Step> history(UUID requestId) {
        return store.history(requestId);
    }

    @Override
    public List<AnswerFile> answerFiles(UUID requestId) {
        return delivery.files(requestId);
    }

    // --- helpers -------------------------------------------------------------------------------

    private RightsRequest locked(UUID requestId) {
        return store.lock(requestId).orElseThrow(() -> new UnknownRequestException());
    }

    private static void openOnly(RightsRequest request) {
        if (!request.open()) {
            throw new InvalidInputException("status", "the request is closed");
        }
    }

    private static String language(@Nullable Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? "en" : "fr";
    }

    private static java.time.@Nullable Instant instant(java.time.@Nullable OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    static String required(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        org.charte.common.TextInput.requireFreeText(field, value, max);
        return value.strip();
    }

    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");

    /** The claimant, checked: a name always; an e-mail address online (where the code goes), or an e-mail or postal address otherwise. */
    static Claimant checked(@Nullable RequestType type, @Nullable Claimant claimant, boolean online) {
        List<FieldError> errors = new ArrayList<>();
        if (type == null) {
            errors.add(new FieldError("type", "must be one of access, rectification, erasure, restriction, objection, portability, post-mortem"));
        }
        if (claimant == null) {
            errors.add(new FieldError("claimant", "say who makes the request"));
            InvalidInputException.throwIfAny(errors);
        }
        String name = claimant.name() == null ? "" : claimant.name().strip();
        String email = claimant.email() == null || claimant.email().isBlank() ? null : claimant.email().strip().toLowerCase(Locale.ROOT);
        String postal = claimant.postalAddress() == null || claimant.postalAddress().isBlank() ? null : claimant.postalAddress().strip();
        String details = claimant.details() == null || claimant.details().isBlank() ? null : claimant.details().strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else {
            TextInput.line(errors, "name", name, NAME_MAX);
        }
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches()
                || TextInput.forbiddenAt(email, TextInput.Kind.SINGLE_LINE) >= 0)) {
            errors.add(new FieldError("email", "must be an e-mail address such as name@example.org"));
        }
        if (online && email == null) {
            errors.add(new FieldError("email", "give the e-mail address the verification code is sent to"));
        }
        if (!online && email == null && postal == null) {
            errors.add(new FieldError("email", "give an e-mail or a postal address to answer to"));
        }
        TextInput.freeText(errors, "postalAddress", postal, 500);
        TextInput.freeText(errors, "details", details, TEXT_MAX);
        if (type == RequestType.POST_MORTEM && details == null && (claimant.fields() == null || claimant.fields().get("choice") == null)) {
            errors.add(new FieldError("details", "write your directives"));
        }
        Map<String, String> fields = new java.util.TreeMap<>();
        if (claimant.fields() != null) {
            for (Map.Entry<String, String> field : claimant.fields().entrySet()) {
                if (field.getValue() == null || field.getValue().isBlank()) {
                    continue;
                }
                if (!FIELDS.contains(field.getKey())) {
                    errors.add(new FieldError(field.getKey(), "is not a field of a rights request"));
                } else if (TextInput.check(errors, field.getKey(), field.getValue().strip(), FIELD_MAX, MULTI_LINE_FIELDS.contains(field.getKey())
                        ? TextInput.Kind.FREE_TEXT : TextInput.Kind.SINGLE_LINE)) {
                    fields.put(field.getKey(), field.getValue().strip());
                }
            }
        }
        InvalidInputException.throwIfAny(errors);
        return new Claimant(name, email, postal, details, fields);
    }

    static final int FIELD_MAX = 500;

    /** The form's fields written over several lines; every other is a single line. */
    static final java.util.Set<String> MULTI_LINE_FIELDS = java.util.Set.of(RectificationFulfilment.OTHER_INFORMATION,
            PostMortemFulfilment.TRUSTED_ADDRESS);

    /** The fields a right's form may carry (see {@link Claimant#fields()}). */
    static final java.util.Set<String> FIELDS = java.util.Set.of(
            RectificationFulfilment.CIVILITY, RectificationFulfilment.LAST_NAME, RectificationFulfilment.FIRST_NAMES,
            RectificationFulfilment.BIRTH_DATE, RectificationFulfilment.NEW_EMAIL, RectificationFulfilment.PHONE,
            RectificationFulfilment.ADDRESS_LINE, RectificationFulfilment.POSTAL_CODE, RectificationFulfilment.COMMUNE,
            RectificationFulfilment.OTHER_INFORMATION,
            ObjectionFulfilment.PURPOSE, RestrictionFulfilment.REASON,
            PostMortemFulfilment.CHOICE, PostMortemFulfilment.TRUSTED_NAME, PostMortemFulfilment.TRUSTED_EMAIL, PostMortemFulfilment.TRUSTED_ADDRESS);

    /** What each right needs of its fields, checked at intake so a verified request can be carried out. */
    private void checkFields(RequestType type, Claimant claimant) {
        switch (type) {
            case RECTIFICATION -> {
                if (claimant.fields().keySet().stream().noneMatch(RectificationFulfilment.DATA_FIELDS::contains) && claimant.details() == null) {
                    throw new InvalidInputException("details", "say which data to rectify, complete or update");
                }
                RectificationFulfilment.check(claimant, subjects);
            }
            case RESTRICTION -> {
                if (claimant.field(RestrictionFulfilment.REASON) != null && RestrictionFulfilment.reason(claimant).isEmpty()) {
                    throw new InvalidInputException(RestrictionFulfilment.REASON,
                            "must be accuracy-contested, unlawful-processing or needed-for-claims");
                }
            }
            case OBJECTION -> {
                String purpose = ObjectionFulfilment.purpose(claimant);
                if (!ObjectionFulfilment.MARKETING.equals(purpose) && !objections.directMarketingPurposes().contains(purpose)) {
                    if (!objections.purposesNeedingMotive().contains(purpose)) {
                        throw new InvalidInputException(ObjectionFulfilment.PURPOSE,
                                "the right to object applies to direct marketing and to legitimate-interest purposes");
                    }
                    if (claimant.details() == null) {
                        throw new InvalidInputException("details", "state the grounds relating to your particular situation (GDPR Art. 21(1))");
                    }
                }
            }
            case POST_MORTEM -> PostMortemFulfilment.check(claimant);
            default -> { }
        }
    }
}
