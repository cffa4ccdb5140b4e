package org.charte.access.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A yes-or-no answer per key that a node remembers for a short while instead of asking the database
 * on every request ({@link DisabledLogins}, {@link SignedCommitments}). The promise each user states:
 * a change made on this node holds at the very next question (everything remembered is forgotten once
 * the change commits); one made on another node sharing the database, within {@code remembered}.
 */
final class BriefMemory<K> {

    private record Seen(boolean answer, long atMillis) {}

    private final Clock clock;
    private final long forMillis;
    /** One entry per key asked about on this node (staff logins or ids: as many as staff accounts). */
    private final Map<K, Seen> seen = new ConcurrentHashMap<>();

    BriefMemory(Clock clock, Duration remembered) {
        this.clock = clock;
        this.forMillis = remembered.toMillis();
    }

    /** The answer for {@code key}: remembered if asked less than the while ago, else asked of {@code ask}. */
    boolean answer(K key, Predicate<K> ask) {
        long now = clock.millis();
        Seen last = seen.get(key);
        if (last != null && now - last.atMillis() >= 0 && now - last.atMillis() < forMillis) {
            return last.answer();
        }
        boolean answer = ask.test(key);
        seen.put(key, new Seen(answer, now));
        return answer;
    }

    /** Forgets everything remembered, once the current transaction commits, or at once outside one. */
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
