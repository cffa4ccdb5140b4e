package org.charte.commerce;

import java.util.Optional;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;

/**
 * Customer accounts (R3.2): an access code, sealed under the person's key and found through a blind
 * index, and a password kept only as an Argon2id hash.
 */
public interface ClientAccounts {

    /**
     * Opens the person's account (purpose {@code subscription-contract}).
     *
     * @throws org.charte.common.InvalidInputException naming each invalid field (access code taken or
     *     malformed, password too short, account already open)
     * @throws org.charte.access.AccessDecisions.AccessDeniedException when the decision point refuses
     */
    ClientAccount open(Actor actor, UUID subjectId, String accessCode, String password);

    /** The account, for a purpose that may read {@code account-credentials}. */
    ClientAccount find(Actor actor, String purpose, UUID subjectId);

    /** The person whose access code and password these are, if they match; no decision involved (the person signs in). */
    Optional<UUID> authenticate(String accessCode, String password);
}
