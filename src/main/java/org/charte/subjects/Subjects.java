package org.charte.subjects;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.jspecify.annotations.Nullable;

/**
 * The people whose data Charte keeps, each one's data sealed under their own key.
 *
 * <p><b>People and integrations</b> go through {@link #create}, {@link #read}, {@link #update}
 * and {@link #search}: each asks the decision point (actor, purpose, action, data categories, the
 * person) before touching any data, and the decision point records the attempt in the audit log,
 * allowed or refused (R4.5, R6.5). A refusal throws
 * {@link org.charte.access.AccessDecisions.AccessDeniedException}; bad input throws
 * {@link org.charte.common.InvalidInputException} naming every invalid field, with nothing written.
 *
 * <p><b>The system itself</b> (demo data, the lifecycle events of the commercial relationship,
 * the adults-only check, counts) uses the other methods, which reveal no personal data or only
 * what that rule needs, and are not audited as accesses: they are not an access by a person.
 */
public interface Subjects {

    /** Data categories of a person's own data, one sealed part each. */
    String IDENTITY = "identity";
    String CONTACT = "contact";
    String OTHER_INFORMATION = "other-information";

    /** What to record about a new person; the last contact defaults to today. */
    record NewSubject(SubjectStatus status, PersonalData data, @Nullable LocalDate lastContactOn) {}

    /**
     * A person recorded: their id and, when the free text held sensitive data, the categories that
     * were redacted from it (codes, never the words).
     */
    record Created(UUID id, SubjectStatus status, LocalDate lastContactOn, Set<SensitiveCategory> redacted) {}

    /**
     * Records a new person (action CREATE) for a purpose; without one, a prospect is recorded for
     * {@code loyalty-prospecting} and a client for {@code subscription-contract}. The data
     * categories asked are those the data fills: identity, and contact and other-information
     * when given. Validated (R3.1), screened (R3.6: sensitive data refused in the structured
     * fields, redacted from the free text, each hit audited without the words), then sealed.
     */
    Created create(Actor actor, @Nullable String purpose, NewSubject subject);

    /** Reads a person's identity and contacts (action READ), as far as the purpose uses them. */
    Subject read(Actor actor, String purpose, UUID id);

    /**
     * Reads the parts of a person's data in these categories (identity, contact,
     * other-information), for this purpose.
     *
     * @throws UnknownSubjectException when no person has that id
     * @throws org.charte.vault.ShreddedException when the person has been erased
     */
    Subject read(Actor actor, String purpose, Set<String> categories, UUID id);

    /**
     * The person's contacts, read to honour their objection or the withdrawal of a consent (the
     * suppression list needs their addresses): decided as {@link org.charte.access.AccessRequest.Action#OBJECT}
     * on their contact data, which a restriction never refuses (Art. 21, L5).
     *
     * @throws UnknownSubjectException when no person has that id
     */
    Contacts contactsToHonourObjection(Actor actor, String purpose, UUID id);

    /**
     * What to change: each part given replaces the stored one, a null part stays as it was; an
     * empty {@code otherInformation} clears it.
     */
    record Change(@Nullable Identity identity, @Nullable Contacts contacts, @Nullable String otherInformation) {}

    /**
     * Rectifies a person's data (action WRITE on the categories changed) and returns the parts
     * written, as stored (normalised, redacted).
     */
    Subject update(Actor actor, String purpose, UUID id, Change change);

    /**
     * Checks a change by the rules of entry (R3.1, R3.6) that {@link #create} and {@link #update}
     * apply, without writing or deciding anything, for a form that collects data before it is
     * applied (a rectification request). Only the parts given are checked; a refused sensitive
     * category is recorded as at creation, without the words.
     *
     * @throws org.charte.common.InvalidInputException naming every invalid field by the paths of
     *         {@link #update} ({@code identity.birthDate}, {@code contacts.phones[0]},
     *         {@code contacts.addresses[0].postalCode}, ...), never with the value
     */
    void validate(Change change);

    /** One search criterion or several (all must match): an e-mail, a phone, a last name. */
    record Criteria(@Nullable String email, @Nullable String phone, @Nullable String name) {}

    /** A match: status and dates always; the person's data only when a READ decision allowed it. */
    record Found(UUID id, SubjectStatus status, LocalDate lastContactOn, @Nullable Subject subject) {}

    /**
     * Finds people by blind index, without any e-mail, phone or name in clear; each match is
     * decided (READ, for the purpose) and shown in full only if allowed. The search itself is
     * recorded in the audit log with its criteria kinds (never the values).
     */
    List<Found> search(Actor actor, String purpose, Criteria criteria);

    // --- the system's own paths: not an access by a person, not audited as one ---

    /**
     * Records a person under the policy version in force, validated and screened like
     * {@link #create} but without a decision: for the system itself (demo data, operator imports).
     */
    UUID register(SubjectStatus status, PersonalData data, LocalDate lastContact);

    /** {@link #register(SubjectStatus, PersonalData, LocalDate)} with an identity and nothing else. */
    default UUID register(SubjectStatus status, Identity identity, LocalDate lastContact) {
        return register(status, new PersonalData(identity), lastContact);
    }

    /** The person with this e-mail (any of theirs), found by its blind index: an id, no data. */
    Optional<UUID> findByEmail(String email);

    /**
     * The people with this phone (any of theirs; E.164 or French national), found by its blind
     * index: ids, no data, in id order; none when it is not a phone number. For the system's own
     * paths, such as a STOP received by SMS (R9.9, L9).
     */
    List<UUID> findByPhone(String phone);

    /**
     * Tells a listener the stored contacts of each of these people, as {@link ContactsRecorded} is
     * told when they are recorded (an unknown or erased person is skipped), in the caller's
     * transaction: for a module that derives facts from contacts to catch up on the people recorded
     * before it did (the marketing audience's V32). Nothing leaves the system's own paths.
     */
    void replayContacts(Collection<UUID> ids, ContactsRecorded listener);

    Optional<SubjectStatus> status(UUID id);

    /** Status, last contact and end of contracts: what retention counts from. */
    Optional<Lifecycle> lifecycle(UUID id);

    /** An inbound contact (request, order, message) on that day: retention counts from the last one. */
    void recordContact(UUID id, LocalDate on);

    /** The first subscription: a prospect (or an inactive client who comes back) becomes an active client. */
    void becameClient(UUID id, LocalDate on);

    /** The last contract ended: an active client becomes inactive. */
    void contractsEnded(UUID id, LocalDate on);

    /** Whether the person is an adult on that day by the adulthood rule (policy §3.5); false when the birth date is unknown. */
    boolean isAdultOn(UUID id, LocalDate day);

    /** How many people per status: no personal data. */
    Map<SubjectStatus, Long> countByStatus();

    /**
     * The people of one status, ids only, in id order, at most {@code limit} after {@code after}
     * (null: from the first): for a message the system sends to a whole category, such as the notice
     * of a material change of the policy to active clients (L10). Nothing is read but the ids.
     */
    List<UUID> withStatus(SubjectStatus status, @Nullable UUID after, int limit);

    /**
     * A person's contacts for a message the system sends on a decision already made and recorded by
     * the caller: a marketing campaign, decided once for its purpose and audited message by message
     * (R9.9). No decision and no audit entry here; the contacts are never shown to anyone. Empty for
     * an unknown or erased person.
     */
    Contacts contactsForSending(UUID id);
}
