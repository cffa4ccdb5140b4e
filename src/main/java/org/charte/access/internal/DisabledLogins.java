package org.charte.access.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Whether a signed-in member of staff's account was disabled (L6), as {@link SessionExpiry} asks on
 * every request, remembered for a short while ({@code charte.access.disabled-check}, 2 seconds by
 * default) instead of a database query per request. The promise: an account disabled on this node
 * is shut out at its very next request (the lock-out forgets everything remembered once it commits);
 * on another node sharing the database, within that while.
 */
@Component
class DisabledLogins {

    private record Seen(boolean disabled, long atMillis) {}

    private final StaffAccounts accounts;
    private final Clock clock;
    private final long forMillis;
    /** One entry per login signed in on this node: as many as staff accounts. */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    DisabledLogins(StaffAccounts accounts, Clock clock, @Value("${charte.access.disabled-check:PT2S}") Duration remembered) {
        this.accounts = accounts;
        this.clock = clock;
        this.forMillis = remembered.toMillis();
    }

    boolean disabled(String login) {
        long now = clock.millis();
        Seen last = seen.get(login);
        if (last != null && now - last.atMillis() >= 0 && now - last.atMillis() < forMillis) {
            return last.disabled();
        }
        boolean disabled = accounts.disabled(login);
        seen.put(login, new Seen(disabled, now));
        return disabled;
    }

    /** Forgets what was remembered, once the current transaction (a lock-out) commits, or at once outside one. */
    void forgetAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    seen.clear();
                }
            });
        } else {
            seen.clear();
        }
    }
}
