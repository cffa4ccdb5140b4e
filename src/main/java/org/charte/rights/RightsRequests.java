package org.charte.rights;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Objections;
import org.jspecify.annotations.Nullable;

/**
 * Rights requests, from intake to answer (R9.5-R9.8, L1). What the person gives about themselves
 * (the claimant) is sealed under a key of the request's own. Every step is recorded in the
 * request's history with its day; bad input throws {@link org.charte.common.InvalidInputException}
 * naming the field, and changes nothing.
 */
public interface RightsRequests {

    /**
     * Who the person says they are, and what they ask; {@code details} also holds post-mortem
     * directives. {@code fields} are what a right's form asks beyond the free text, by name: the
     * data to rectify ({@code lastName}, {@code email}, ...), the purpose objected to
     * ({@code purpose}), the restriction's reason ({@code reason}), the directives' choice and
     * trusted person ({@code choice}, {@code trustedName}, ...). Empty when none.
     */
    record Claimant(String name, @Nullable String email, @Nullable String postalAddress, @Nullable String details,
            @Nullable Map<String, String> fields) {

        public Claimant {
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }

        public Claimant(String name, @Nullable String email, @Nullable String postalAddress, @Nullable String details) {
            this(name, email, postalAddress, details, Map.of());
        }

        /** A field of the form, stripped; null when absent or blank. */
        public @Nullable String field(String name) {
            String value = fields == null ? null : fields.get(name);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** A request received by post, e-mail or an integration, entered by staff with its day of receipt. */
    record NewRequest(RequestType type, RequestChannel channel, LocalDate receivedOn, Claimant claimant, Locale language) {}

    /**
     * A request made on the privacy centre, received today. A verification code is e-mailed to the
     * address given, whether or not anyone with that address is known: nothing tells the two apart.
     */
    RightsRequest receiveOnline(RequestType type, Claimant claimant, Locale language);

    /** A request received by post, e-mail or API, recorded by a member of staff (DPO or ADV). */
    RightsRequest record(Actor staff, NewRequest request);

    /** How a code check ended. */
    enum Verification { VERIFIED, WRONG_CODE, EXPIRED, NO_ATTEMPTS_LEFT, NOT_AWAITED }

    /** A new code to the request's e-mail address (valid 10 minutes, 3 attempts); the earlier one is void. */
    void sendCode(UUID requestId, @Nullable Actor staff);

    /**
     * Checks a code typed by the person. Verified, the request is linked to the person with that
     * e-mail address if there is one, and goes on: an access or portability request of a known
     * person is answered at once (when {@code charte.rights.auto-answer} is on); a person we do not
     * know is told we hold no data about that address; any other request waits for the DPO.
     */
    Verification verify(UUID requestId, String code);

    /** Identity verified by staff (a document, a signed letter): links the person, found by id or by the e-mail given. */
    RightsRequest verifiedByStaff(Actor staff, UUID requestId, @Nullable UUID subjectId, String how);

    /** An identity document received for a check: sealed until checked. */
    UUID receiveIdentityDocument(Actor staff, UUID requestId, byte[] content, String contentType);

    /** The document was checked: its content is deleted at once, and that it was checked and deleted is recorded (L1). */
    void identityDocumentChecked(Actor staff, UUID requestId, UUID documentId);

    /** Asks the person for more information (mailed when there is an address): the clock stops (L1). */
    RightsRequest askForInformation(Actor staff, UUID requestId, String what);

    /** The information arrived on that day (today when null): the clock runs again. */
    RightsRequest informationReceived(Actor staff, UUID requestId, @Nullable LocalDate on);

    /** Extends the deadline by two months, with the reasoned notice sent to the person today (R9.7, L1). */
    RightsRequest extend(Actor staff, UUID requestId, String reasons);

    /** Why a request may be refused (GDPR Art. 12(5)). */
    enum RefusalGround { MANIFESTLY_UNFOUNDED, EXCESSIVE }

    /** Refuses the request, with reasons, told to the person with their right to complain to the CNIL. */
    RightsRequest refuse(Actor staff, UUID requestId, RefusalGround ground, String reasons);

    /**
     * Produces and sends the answer of a right Charte carries out: access and portability (files),
     * erasure (through the retention module, after the DPO's review), restriction, objection and
     * directives (when not already carried out at verification); a rectification needs its fields
     * ({@link #applyRectification}).
     */
    RightsRequest produceAnswer(Actor staff, UUID requestId);

    /**
     * Applies a rectification request after the DPO reviewed it (R9.1, L5): the fields to change,
     * as the person gave them or as the DPO read them in their letter, are applied as the verified
     * person's own change, the recipients told (Art. 19), and the person answered with the names
     * of the fields changed (never their values).
     */
    RightsRequest applyRectification(Actor staff, UUID requestId, Map<String, String> fields);

    /**
     * The DPO decides a pending objection (R1.3, R9.2): upheld (the purpose is refused for the person
     * from now on) or rejected with reasons; the request it answers is closed and the person told,
     * with their right to complain to the CNIL.
     */
    Objections.Objection decideObjection(Actor staff, UUID objectionId, Objections.Outcome outcome,
            @Nullable String reasons);

    /**
     * Closes a request the DPO handled by hand (a letter's directives in words, the heirs' rights,
     * anything Charte does not carry out): the answer's text is recorded and sent; nothing is
     * applied to the data by Charte.
     */
    RightsRequest answerManually(Actor staff, UUID requestId, String answer);

    /**
     * Cancels a request not yet answered, at the wish of whoever sent it (an integration, OpenDSR)
     * or of the person: closed as {@code cancelled}, recorded in its history with the reason, the
     * person told by mail when there is an address; a code sent for it is no longer accepted.
     * Cancelling a cancelled request again changes nothing.
     *
     * @throws org.charte.common.InvalidInputException (field {@code status}) when it was already answered or refused
     */
    RightsRequest cancel(Actor actor, UUID requestId, @Nullable String reason);

    Optional<RightsRequest> find(UUID requestId);

    /** Every open request, the soonest due first. */
    List<RightsRequest> open();

    /** The latest closed requests, newest first. */
    List<RightsRequest> closed(int limit);

    /** What the person gave, opened for a member of staff, and recorded in the audit log. */
    Claimant claimant(Actor staff, UUID requestId);

    /** One step of a request's history; the note opened (reasons, the answer's text). */
    record Step(Instant at, LocalDate on, String actor, String kind, @Nullable String note) {}

    List<Step> history(UUID requestId);

    /** The files of a request's answer, without their content. */
    record AnswerFile(UUID id, String kind, String fileName, String contentType, String sha256, Instant createdAt) {}

    List<AnswerFile> answerFiles(UUID requestId);

    /** The identity documents received for a request and whether each was checked and deleted. */
    record IdentityDocument(UUID id, Instant receivedAt, @Nullable Instant checkedAt, @Nullable Instant deletedAt) {}

    List<IdentityDocument> identityDocuments(UUID requestId);
}
