package org.charte.access;

import java.util.UUID;

/**
 * Shuts out a compromised actor in one step (L6): a member of staff's account, or an integration
 * token. Each step is recorded in the audit log as done by {@code by}.
 */
public interface AccountLockout {

    /**
     * Disables the account (no further sign-in), revokes the tokens it created and ends its sessions
     * (their next request finds them signed out, on every node). Doing it again changes nothing more.
     *
     * @throws AccessException when there is no such account
     */
    Lockout lockStaff(UUID staffId, AccessRequest.Actor by);

    /**
     * Revokes the token (it authenticates each request, so it has no session to end).
     *
     * @throws AccessException when there is no such token
     */
    Lockout lockToken(UUID tokenId, AccessRequest.Actor by);

    /**
     * What was done.
     *
     * @param actor          the shut-out actor's typed id, as the audit log names it ({@code staff:<uuid>}, {@code token:<uuid>})
     * @param accountLocked  whether an account was disabled by this call (false when it already was, or for a token)
     * @param tokensRevoked  how many live tokens this call revoked
     */
    record Lockout(String actor, boolean accountLocked, int tokensRevoked) {}
}
