package org.charte.marketing;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.policy.MarketingChannel;
import org.jspecify.annotations.Nullable;

/**
 * A person's marketing choices (policy §9.2; R9.9, L2, L5, L9): a basis per channel and marketing
 * purpose, kept as history, and their capacity. Every call names the actor and the purpose of the
 * access ({@code accessPurpose}: {@code customer-service} for customer service, {@code rights-requests}
 * for the person themselves); the decision point decides it on the person's {@code contact} data
 * (READ to read, WRITE to change) and the audit log records it, allowed or refused. Bad input
 * throws {@link org.charte.common.InvalidInputException} naming each invalid field, with nothing
 * written; a refusal throws {@link org.charte.access.AccessDecisions.AccessDeniedException}. Each
 * change publishes its event ({@link ConsentGiven}, {@link ConsentWithdrawn}, {@link MarketingObjected},
 * {@link MarketingBasisRecorded}, {@link CapacityChanged}) in the same transaction.
 */
public interface MarketingChoices {

    /** The longest wording code, reference and details accepted. */
    int MAX_CODE = 100;
    int MAX_DETAILS = 500;

    /**
     * A consent and its proof: the code and version of the wording shown (e.g.
     * {@code newsletter-form-v3}), how it was collected, and the page or the circumstances.
     */
    record NewConsent(MarketingChannel channel, String purpose, Means means, String wording, @Nullable String details) {}

    /**
     * An objection: to these channels (empty: all) for this marketing purpose (null: all), received
     * by these means, with an optional reference (a request, a letter).
     */
    record NewObjection(Set<MarketingChannel> channels, @Nullable String purpose, Means means, @Nullable String reference) {

        public NewObjection {
            channels = Set.copyOf(channels);
        }

        /** To everything, on every channel. */
        public static NewObjection everything(Means means, @Nullable String reference) {
            return new NewObjection(Set.of(), null, means, reference);
        }
    }

    /**
     * A basis without consent: {@link BasisKind#ANALOGOUS_OFFERS} for a client (the {@code wording}
     * is the notice that offered the objection at collection) or {@link BasisKind#JOB_RELATED} for
     * a professional.
     */
    record NewBasis(MarketingChannel channel, String purpose, BasisKind kind, Means means, String wording, @Nullable String details) {}

    /**
     * A consumer's express consent to be called outside D223-9's days and hours ({@code consented}),
     * or its withdrawal: how it was collected and the wording shown (required for a consent; sealed).
     */
    record NewCallHours(boolean consented, Means means, @Nullable String wording) {}

    /** The marketing purposes of the policy a basis may name: its marketing group and the consent purposes of its service group. */
    Set<String> purposes();

    Choices choices(Actor actor, String accessPurpose, UUID subjectId);

    Basis consent(Actor actor, String accessPurpose, UUID subjectId, NewConsent consent);

    /** Withdraws a consent on a channel for a purpose, at once (L5). */
    Basis withdraw(Actor actor, String accessPurpose, UUID subjectId, MarketingChannel channel, String purpose, Means means);

    /**
     * Records an objection without motive, at once, on each channel and purpose it names (L5, R9.9),
     * puts the person's e-mails and phones on the suppression list (L9) and, when an e-mail is known and
     * {@code confirm} is set, queues a confirmation to it. Channels and purposes already objected are
     * not repeated.
     *
     * @return the entries recorded
     */
    List<Basis> object(Actor actor, String accessPurpose, UUID subjectId, NewObjection objection, boolean confirm);

    /**
     * Records a basis without consent.
     *
     * @throws org.charte.common.InvalidInputException naming {@code kind} when the person is not a
     *     client (analogous offers) or not a professional (job-related), or when that channel and
     *     purpose stand objected or withdrawn: only the person's consent lifts those
     */
    Basis record(Actor actor, String accessPurpose, UUID subjectId, NewBasis basis);

    /**
     * Records a consent to be called at other times than D223-9's, or its withdrawal (L2, L5: a
     * withdrawal is recorded at once, even under a restriction, like an objection).
     *
     * @throws org.charte.common.InvalidInputException naming {@code consented} when withdrawing with no
     *     consent in force, {@code means} or {@code wording} when missing or invalid
     */
    CallHoursConsent callHours(Actor actor, String accessPurpose, UUID subjectId, NewCallHours callHours);

    CapacityChange recordCapacity(Actor actor, String accessPurpose, UUID subjectId, Capacity capacity);
}
