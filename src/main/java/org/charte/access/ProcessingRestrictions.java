package org.charte.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Restriction of processing (GDPR Art. 18, limitation du traitement; L5). While a person is
 * restricted the decision point refuses every processing of their data, with the reason
 * {@code restricted}, except storage (no access at all) and the purposes Art. 18(2) allows:
 * {@link #purposesAllowedWhileRestricted()}. Restricting tells the recipients who received the
 * person's data (Art. 19, {@link RecipientNotices}).
 *
 * <p>{@code by} is the typed id of whoever records it, as the audit log takes it:
 * {@code staff:<uuid>}, {@code subject:<uuid>} (the person, through the privacy centre) or
 * {@code system}. Every change is written to the audit log.
 */
public interface ProcessingRestrictions {

    /** Why a person's data is restricted (Art. 18(1) a-d, and a death being notified). */
    enum Reason {
        /** Art. 18(1)(a): the person contests the accuracy, while it is verified. */
        ACCURACY_CONTESTED("accuracy-contested"),
        /** Art. 18(1)(b): unlawful processing, the person asks restriction instead of erasure. */
        UNLAWFUL_PROCESSING("unlawful-processing"),
        /** Art. 18(1)(c): no longer needed by us, but needed by the person for legal claims. */
        NEEDED_FOR_CLAIMS("needed-for-claims"),
        /** The person asked for restriction without saying on which ground (a letter giving none): recorded as such, never guessed. */
        NOT_STATED("not-stated"),
        /** Art. 18(1)(d): the person objected (Art. 21(1)), pending the verification of our grounds. */
        OBJECTION_PENDING("objection-pending"),
        /** The person died: nothing is processed until their directives are carried out (R9.4). */
        DECEASED("deceased");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Optional<Reason> ofCode(@Nullable String code) {
            for (Reason reason : values()) {
                if (reason.code.equals(code)) {
                    return Optional.of(reason);
                }
            }
            return Optional.empty();
        }
    }

    /** One restriction, in force while {@code liftedAt} is null. */
    record Restriction(UUID id, UUID subjectId, Reason reason, @Nullable String reference, Instant restrictedAt, String restrictedBy,
            @Nullable Instant liftedAt, @Nullable String liftedBy, @Nullable String liftReason) {

        public boolean inForce() {
            return liftedAt == null;
        }
    }

    /**
     * Restricts a person's data; a person already restricted keeps the restriction in force (returned
     * as it is). Takes effect on this node at once, on the others within the refresh interval
     * ({@code charte.access.limits.refresh-interval}).
     *
     * @param reference what it answers, e.g. a rights request's id (a code or id, never personal data)
     * @throws org.charte.common.InvalidInputException for an unknown person (field {@code subjectId}) or a bad reference
     */
    Restriction restrict(UUID subjectId, Reason reason, @Nullable String reference, String by);

    /**
     * Lifts the restriction in force (Art. 18(3): the rights workflow tells the person first).
     *
     * @param liftReason a code, e.g. {@code accuracy-verified}, {@code objection-decided}, {@code person-asked}
     * @return the restriction lifted; empty when none was in force
     * @throws org.charte.common.InvalidInputException (field {@code subjectId}) when a {@link RestrictionLiftingGuard}
     *         refuses: e.g. a restriction obtained through a rights request whose person has not been told yet
     */
    Optional<Restriction> lift(UUID subjectId, String liftReason, String by);

    /** Whether a restriction is in force; answers from the decision point's in-memory copy. */
    boolean isRestricted(UUID subjectId);

    Optional<Restriction> current(UUID subjectId);

    /** Every restriction of a person, newest first, lifted ones included. */
    List<Restriction> history(UUID subjectId);

    /** The restrictions in force, newest first. */
    List<Restriction> inForce();

    /**
     * The purposes the decision point still allows for a restricted person (Art. 18(2)), derived
     * from the policy: every purpose whose legal basis is a legal obligation (answering the person's
     * rights requests, Art. 12) and the purposes named for legal claims
     * ({@code charte.access.restriction.legal-claims-purposes}, default {@code unpaid-litigation}).
     */
    Set<String> purposesAllowedWhileRestricted();
}
