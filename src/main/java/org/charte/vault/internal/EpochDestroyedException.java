package org.charte.vault.internal;

import java.util.UUID;
import org.charte.vault.ShreddedException;

/**
 * The person's key is still in this database, but wrapped by the key of an epoch that has been
 * destroyed (R8.4): the database is a backup older than the backup horizon, restored after the
 * fact, and by design it reveals nothing of that person. Handled as any destroyed key.
 */
class EpochDestroyedException extends ShreddedException {

    private final long epoch;

    public EpochDestroyedException(UUID subjectId, long epoch) {
        super("the data key of subject " + subjectId + " is wrapped by the key of epoch " + epoch
                + ", which has been destroyed: this database is older than the backup horizon");
        this.epoch = epoch;
    }

    /** The keystore has a key for that epoch, but not the one that wrapped this key: not this installation's keystore. */
    public static EpochDestroyedException foreignKeystore(UUID subjectId, long epoch) {
        return new EpochDestroyedException("the data key of subject " + subjectId + " is wrapped by a key of epoch " + epoch
                + " that this keystore does not hold: the keystore is not the one this database was written with", epoch);
    }

    /** The keystore has never heard of that epoch: another installation's keystore, or a node that does not see the shared one. */
    public static EpochDestroyedException unknownToKeystore(UUID subjectId, long epoch) {
        return new EpochDestroyedException("the data key of subject " + subjectId + " is wrapped by the key of epoch " + epoch
                + ", which this keystore has never held: it is not the keystore this database was written with", epoch);
    }

    private EpochDestroyedException(String message, long epoch) {
        super(message);
        this.epoch = epoch;
    }

    public long epoch() {
        return epoch;
    }
}
