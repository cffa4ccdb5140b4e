package org.charte.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Objections (GDPR Art. 21, droit d'opposition; R1.3, R9.2, L5), enforced by the decision point:
 * an upheld objection refuses that purpose for that person, with the reason {@code objection}.
 *
 * <ul>
 * <li>To direct marketing ({@link #directMarketingPurposes()}): upheld at once, without a motive
 * (Art. 21(2)-(3)).</li>
 * <li>To another legitimate-interest purpose ({@link #purposesNeedingMotive()}): recorded with
 * the person's motive (sealed), pending until the DPO decides: upheld (the purpose is refused for
 * that person from then on) or rejected with the DPO's reasons (compelling legitimate grounds, or
 * legal claims).</li>
 * <li>Any other purpose (contract, legal obligation, consent) is refused as bad input: the right to
 * object does not apply to it (consent is withdrawn instead).</li>
 * </ul>
 *
 * <p>{@code by} is a typed id as the audit log takes it ({@code staff:<uuid>}, {@code subject:<uuid>},
 * {@code system}); every change is written to the audit log.
 */
public interface Objections {

    enum Kind { DIRECT_MARKETING, LEGITIMATE_INTEREST }

    enum Status { PENDING, UPHELD, REJECTED }

    /** The DPO's decision on a pending objection. */
    enum Outcome { UPHELD, REJECTED }

    /** An objection, without its texts (motive and reasons are sealed: {@link #statement}). */
    record Objection(UUID id, UUID subjectId, String purpose, Kind kind, Status status, @Nullable String reference,
            Instant receivedAt, String recordedBy, @Nullable Instant decidedAt, @Nullable String decidedBy) {}

    /** The texts of an objection, opened: the person's motive and the DPO's reasons. */
    record Statement(UUID objectionId, @Nullable String motive, @Nullable String reasons) {}

    /**
     * The person objects to direct marketing: every purpose of {@link #directMarketingPurposes()}
     * not yet objected to is refused for them at once. No motive is asked.
     *
     * @return the objections recorded (already upheld ones are not repeated)
     * @throws org.charte.common.InvalidInputException for an unknown person
     */
    List<Objection> objectToDirectMarketing(UUID subjectId, @Nullable String reference, String by);

    /**
     * The person objects to one purpose. Direct marketing: as {@link #objectToDirectMarketing} for
     * that purpose, the motive ignored. Another legitimate-interest purpose: the motive is required,
     * the objection pending until the DPO decides.
     *
     * @throws org.charte.common.InvalidInputException naming {@code purpose} when the right to object does
     *     not apply to it, {@code motive} when one is required and missing, {@code subjectId} for an unknown person
     */
    Objection object(UUID subjectId, String purpose, @Nullable String motive, @Nullable String reference, String by);

    /**
     * The DPO decides a pending objection; rejecting needs reasons (they go into the answer to the person).
     *
     * @throws org.charte.common.InvalidInputException when the objection is unknown or already decided, or
     *     reasons are missing
     * @throws AccessException when {@code dpoId} is not the DPO
     */
    Objection decide(UUID objectionId, Outcome outcome, @Nullable String reasons, UUID dpoId);

    Optional<Objection> find(UUID objectionId);

    /** Pending objections, oldest first: the DPO's list. */
    List<Objection> pending();

    /** A person's objections, newest first. */
    List<Objection> forSubject(UUID subjectId);

    /**
     * The motive and reasons, opened: decided as a READ of the person's other-information for the
     * purpose rights-requests (and audited).
     */
    Statement statement(AccessRequest.Actor actor, UUID objectionId);

    /** Whether an upheld objection refuses this purpose for this person; from the decision point's in-memory copy. */
    boolean objected(UUID subjectId, String purpose);

    /** Purposes of the policy's marketing group, and those resting on consent in its service group (newsletters). */
    Set<String> directMarketingPurposes();

    /** Legitimate-interest purposes that are not direct marketing and not cookies: objection with a motive. */
    Set<String> purposesNeedingMotive();
}
