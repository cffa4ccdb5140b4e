package org.charte.vault;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Key epochs (R8.4), as operators see and drive them: a new key-encryption key at each epoch
 * start, every live person key rewrapped under it (in batches, resumable, on one node at a time),
 * and the keys of epochs past the backup horizon destroyed, so that older database backups no
 * longer open. The rule of when is {@code internal.KeyEpochs}.
 */
public interface VaultEpochs {

    /**
     * One epoch.
     *
     * @param ended           when the next epoch started (null: the current epoch)
     * @param destroyed       when its key was destroyed (null: it lives)
     * @param keys            persons' keys this database still wraps under it
     * @param destructionDue  when its key may be destroyed (null: current)
     * @param inKeystore      false for an epoch this database names but the keystore has no trace of
     */
    record Epoch(long number, @Nullable String kekId, @Nullable Instant started, @Nullable Instant ended, @Nullable Instant destroyed, long keys,
            @Nullable Instant destructionDue, boolean inKeystore) {}

    /**
     * @param legacyKeys     keys still wrapped by the master key (from before epochs), rewrapped by the next rotation
     * @param pendingKeys    live keys not yet under the current epoch (legacy keys included): a rewrap to finish
     * @param unreadableKeys keys under destroyed epochs: this database is (or holds) an old backup; they never open again
     * @param waiting        why a due destruction waits, one line each (no key material, no personal data)
     */
    record Status(String keystore, Duration epochLength, int horizonEpochs, List<Epoch> epochs, long legacyKeys, long pendingKeys,
            long unreadableKeys, @Nullable Instant nextRotation, @Nullable Instant nextDestruction, List<String> waiting) {}

    /**
     * What a rotation did.
     *
     * @param startedEpoch the epoch it started, or null when it finished an earlier rotation's rewrap
     * @param currentEpoch the epoch every live key is (now) wrapped by
     * @param rewrapped    keys rewrapped under the current epoch by this run
     * @param unreadable   keys it found under destroyed epochs (left as they are: nothing opens them)
     * @param destroyed    epochs whose keys it destroyed
     * @param complete     false when it stopped before every live key was rewrapped (run it again)
     */
    record Result(@Nullable Long startedEpoch, long currentEpoch, long rewrapped, long unreadable, List<Long> destroyed, List<String> waiting,
            boolean complete) {}

    /** Another node (or process) is rotating: the lock is held. */
    class InProgressException extends RuntimeException {
        public InProgressException(String message) {
            super(message);
        }
    }

    Status status();

    /**
     * What the schedule runs: a new epoch when the current one has run its length (or there is
     * none), the rewrap of every live key not under the current epoch, then the destruction of
     * what is due.
     *
     * @throws InProgressException when another rotation holds the lock
     */
    Result maintain();

    /**
     * A rotation now, whatever the date: a new epoch and the rewrap of every live key, or, when
     * an earlier rewrap is unfinished, that rewrap finished first (no new epoch then); then the
     * destruction of what is due.
     *
     * @param batchSize keys per transaction
     * @throws InProgressException when another rotation holds the lock
     */
    Result rotateNow(int batchSize);
}
