package org.charte.marketing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.jspecify.annotations.Nullable;

/**
 * Prospecting calls (L2): each attempt an agent makes, checked before it is recorded against the
 * person's basis for the phone ({@link Solicitations}) and D223-9 ({@link PhoneCallRules}). Every
 * access is decided on the person's contact data for the actor and purpose given, and audited.
 */
public interface PhoneCalls {

    /**
     * Records an attempt at {@code calledAt} (null: now) for a marketing purpose, or refuses it with
     * {@link CallRefusedException} and records nothing.
     */
    PhoneCall record(Actor actor, String accessPurpose, UUID subjectId, String marketingPurpose, CallOutcome outcome, @Nullable Instant calledAt);

    /**
     * Whether the person may be called now for a marketing purpose, and why not (reason, next allowed
     * instant), with their recent attempts and last refusal: a read of their contact data, decided and audited.
     */
    CallStatus status(Actor actor, String accessPurpose, UUID subjectId, String marketingPurpose);

    /** The person's attempts, newest first. */
    List<PhoneCall> calls(Actor actor, String accessPurpose, UUID subjectId);
}
