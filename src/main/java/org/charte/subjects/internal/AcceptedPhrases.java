package org.charte.subjects.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.jspecify.annotations.Nullable;

/**
 * The DPO's reviewed list of accepted false positives of the sensitive-data screen (R3.6): a
 * phrase that holds a listed word but reveals nothing about anyone ({@code rue des Malades},
 * {@code Cancer Research UK}). The screen skips the words an accepted phrase covers, in free text
 * and structured fields alike. Adding and removing each take a reason and are audited; a removed
 * phrase stays listed with who removed it and why.
 */
interface AcceptedPhrases {

    /** The longest phrase, and the longest reason. */
    int MAX_PHRASE = 200;
    int MAX_REASON = 1000;

    record AcceptedPhrase(UUID id, String phrase, String reason, String addedBy, Instant addedAt,
            @Nullable String removedBy, @Nullable Instant removedAt, @Nullable String removalReason) {

        public boolean inForce() {
            return removedAt == null;
        }
    }

    /**
     * Accepts a phrase. Refused (naming {@code phrase}) when it is empty or too long, when the screen
     * finds nothing in it (nothing to accept), when it is a listed word or phrase alone (accept the
     * phrase around it, not the word), or when it is accepted already; naming {@code reason} when
     * the reason is missing or too long.
     */
    AcceptedPhrase accept(Actor actor, @Nullable String phrase, @Nullable String reason);

    /** Removes an accepted phrase, with a reason; the screen finds its words again at once. */
    AcceptedPhrase remove(Actor actor, UUID id, @Nullable String reason);

    /** Every phrase ever accepted, those in force first. */
    List<AcceptedPhrase> all();
}
