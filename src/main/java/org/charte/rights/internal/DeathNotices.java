package org.charte.rights.internal;

import java.util.UUID;
import org.charte.retention.Erasures;
import org.charte.subjects.DeathNotified;
import org.charte.subjects.PostMortem;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A death notified (R9.4). Anyone's word is not enough for what cannot be undone: the notification
 * opens a check of its evidence ({@link DeathChecks}), and only once the DPO has confirmed the death
 * does the rights module carry out the person's directives, the pending actions the subjects module
 * opened, in their order, in one transaction after the confirmation committed (the event registry
 * retries it if this fails):
 * <ul>
 * <li>communication to the trusted person ({@link TrustedPersonCommunication}): a post-mortem
 * request on their behalf answered with the deceased's access report;</li>
 * <li>erasure: through the retention module's erasure path, holds and obligations keeping what
 * they cover; recorded in the audit log under the person's id as ordered by the DPO who confirmed the
 * death, and in that request's history when there is one;</li>
 * <li>keeping as the law requires: nothing to do early, the retention rules run their course.</li>
 * </ul>
 * Without directives the action stays pending for the DPO (the heirs' rights, loi 78-17 art. 85-II).
 * The deceased's data is read as the person themselves ({@code Actor.subject}), carrying out their
 * own directives, for {@code rights-requests}: no grant is needed for it. Once they are carried out,
 * the DPO's grant the check opened ends ({@link PostMortemGrants}).
 */
@Component
class DeathNotices {

    private final PostMortem postMortem;
    private final ErasureFulfilment erasure;
    private final TrustedPersonCommunication trustedPerson;
    private final RequestStore store;
    private final DeathChecks checks;
    private final PostMortemGrants grants;

    DeathNotices(PostMortem postMortem, ErasureFulfilment erasure, TrustedPersonCommunication trustedPerson, RequestStore store,
            DeathChecks checks, PostMortemGrants grants) {
        this.grants = grants;
        this.postMortem = postMortem;
        this.erasure = erasure;
        this.trustedPerson = trustedPerson;
        this.store = store;
        this.checks = checks;
    }

    /** A death notified: its evidence is to be checked before anything is carried out. */
    @ApplicationModuleListener
    void on(DeathNotified event) {
        checks.open(event.subjectId(), event.diedOn());
    }

    /** The DPO confirmed the death: the directives are carried out, and the DPO's grant the check opened ends with them. */
    @ApplicationModuleListener
    void on(DeathConfirmed event) {
        carryOut(event.subjectId(), event.confirmedBy());
        grants.checkDecided(event.checkId(), event.confirmedBy(), PostMortemAccess.DEATH_CARRIED_OUT);
    }

    /** Carries out the person's pending actions, on the decision of {@code decidedBy}; the request made for the trusted person, if any. */
    @Nullable UUID carryOut(UUID subjectId, String decidedBy) {
        RightsRequest request = null;
        for (PostMortem.Action listed : postMortem.actions(subjectId)) {
            // read again: the DPO may have carried an action out by hand meanwhile
            PostMortem.Action action = postMortem.actions(subjectId).stream().filter(a -> a.id().equals(listed.id())).findFirst().orElse(listed);
            if (action.status() != PostMortem.ActionStatus.PENDING) {
                continue;
            }
            switch (action.kind()) {
                case COMMUNICATION_TO_TRUSTED_PERSON -> {
                    request = trustedPerson.communicate(subjectId, decidedBy);
                    postMortem.complete(action.id(), decidedBy);
                }
                case ERASURE -> {
                    Erasures.Result result = erasure.erase(subjectId, Erasures.Ground.POST_MORTEM_DIRECTIVES, request,
                            request == null ? "death-notification" : request.reference(), decidedBy);
                    if (request != null) {
                        store.step(request.id(), decidedBy, "erased-after-death", result.outcome().code());
                    }
                    postMortem.complete(action.id(), decidedBy);
                }
                case KEEP_AS_REQUIRED_BY_LAW -> postMortem.complete(action.id(), decidedBy);
                case NO_DIRECTIVES -> { } // the DPO's: the heirs may exercise their rights
            }
        }
        return request == null ? null : request.id();
    }

}
