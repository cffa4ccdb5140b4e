package org.charte.access.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Whether a member of staff signed the current commitment, as the decision point asks on every
 * decision, remembered for a short while ({@code charte.access.commitment-check}, 2 seconds by
 * default) instead of a query per decision, in the manner of {@link DisabledLogins}. The promise: a
 * signature or a new version made on this node holds at the very next decision (everything
 * remembered is forgotten once it commits); one made on another node sharing the database, within
 * that while.
 */
@Component
class SignedCommitments {

    private record Seen(boolean signed, long atMillis) {}

    private final Clock clock;
    private final long forMillis;
    /** One entry per member of staff deciding on this node. */
    private final Map<UUID, Seen> seen = new ConcurrentHashMap<>();

    SignedCommitments(Clock clock, @Value("${charte.access.commitment-check:PT2S}") Duration remembered) {
        this.clock = clock;
        this.forMillis = remembered.toMillis();
    }

    /** Whether {@code staffId} signed the current commitment: remembered, or else asked of {@code signedCurrent}. */
    boolean signedCurrent(UUID staffId, Predicate<UUID> signedCurrent) {
        long now = clock.millis();
        Seen last = seen.get(staffId);
        if (last != null && now - last.atMillis() >= 0 && now - last.atMillis() < forMillis) {
            return last.signed();
        }
        boolean signed = signedCurrent.test(staffId);
        seen.put(staffId, new Seen(signed, now));
        return signed;
    }

    /** Forgets what was remembered, once the current transaction (a signature, a new version) commits, or at once outside one. */
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
