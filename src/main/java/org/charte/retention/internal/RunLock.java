package org.charte.retention.internal;

import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.charte.retention.RetentionRuns.RunInProgressException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The cluster lock {@value #LOCK} that a run which erases holds (ShedLock, so one node of a cluster
 * erases at a time), extended as its batches go (see {@link #EXTEND_EVERY}).
 */
@Component
class RunLock {

    static final String LOCK = "retention-run";

    /**
     * The lock is extended after a batch once a tenth of its longest hold has passed since it was
     * taken or last extended (not after every batch: each extension is a commit of its own), so it
     * never comes near expiring while the run lives, and a lost lock is still noticed within that time.
     */
    static final int EXTEND_EVERY = 10;
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

    private final ObjectProvider<LockProvider> locks;
    private final Duration lockAtMostFor;

    RunLock(ObjectProvider<LockProvider> locks, @Value("${charte.retention.lock-at-most-for:PT2M}") Duration lockAtMostFor) {
        this.locks = locks;
        this.lockAtMostFor = lockAtMostFor;
    }

    /** How long the lock lives without an extension: a run silent for longer is dead. */
    Duration longestHold() {
        return lockAtMostFor;
    }

    /**
     * Takes the lock.
     *
     * @throws RunInProgressException when another run that erases holds it
     */
    Held take() {
        SimpleLock lock = locks.getObject().lock(new LockConfiguration(ClockProvider.now(), LOCK, lockAtMostFor, Duration.ZERO))
                .orElseThrow(() -> new RunInProgressException("another retention run is in progress (the lock '" + LOCK + "' is held); try again later"));
        return new Held(lock);
    }

    /** The lock taken, replaced by each extension (an extended lock is a new one; the old one may no longer be released). */
    final class Held {
        private @Nullable SimpleLock lock;
        /** When the lock was taken or last extended (ShedLock's clock, as the lock's own times). */
        private Instant extendedAt = ClockProvider.now();

        private Held(SimpleLock lock) {
            this.lock = lock;
        }

        /**
         * Extends the lock when a tenth of its longest hold has passed.
         *
         * @throws LostException when it could not be extended: another node may run now
         */
        void keep() {
            if (lock != null && extendedAt.plus(lockAtMostFor.dividedBy(EXTEND_EVERY)).isBefore(ClockProvider.now())) {
                SimpleLock extended = lock.extend(lockAtMostFor, Duration.ZERO).orElse(null);
                if (extended == null) {
                    lock = null; // lost: nothing of ours to release
                    throw new LostException("the retention run lost its lock; another node may run now");
                }
                lock = extended;
                extendedAt = ClockProvider.now();
            }
        }

        void release() {
            if (lock != null) {
                try {
                    lock.unlock();
                } catch (RuntimeException e) {
                    LOG.warn("the retention lock could not be released; it expires by itself");
                }
            }
        }
    }

    /** The lock expired under a run and could not be extended. */
    static final class LostException extends RuntimeException {
        LostException(String message) {
            super(message);
        }
    }
}
