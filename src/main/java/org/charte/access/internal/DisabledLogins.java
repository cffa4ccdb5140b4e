package org.charte.access.internal;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether a signed-in member of staff's account was disabled (L6), as {@link SessionExpiry} asks on
 * every request, remembered for a short while ({@code charte.access.disabled-check}, 2 seconds by
 * default) instead of a database query per request. The promise: an account disabled on this node
 * is shut out at its very next request (the lock-out forgets everything remembered once it commits);
 * on another node sharing the database, within that while.
 */
@Component
class DisabledLogins {

    private final StaffAccounts accounts;
    private final BriefMemory<String> memory;

    DisabledLogins(StaffAccounts accounts, Clock clock, @Value("${charte.access.disabled-check:PT2S}") Duration remembered) {
        this.accounts = accounts;
        this.memory = new BriefMemory<>(clock, remembered);
    }

    boolean disabled(String login) {
        return memory.answer(login, accounts::disabled);
    }

    /** Forgets what was remembered, once the current transaction (a lock-out) commits, or at once outside one. */
    void forgetAfterCommit() {
        memory.forgetAfterCommit();
    }
}
