package org.charte.vault;

import org.jspecify.annotations.Nullable;

/**
 * Rotation of the master key (R8.4): the vault's own keys (blind indexes, secrets) and any person's
 * data key still from before key epochs, rewrapped under a new master key; the sealed data itself
 * is not touched. Persons' keys are wrapped by the keys of epochs ({@link VaultEpochs}), not by the
 * master key; rotating the master key once the first epoch rotation is done makes database backups
 * from before epochs unreadable too. Safe to interrupt: until every key is
 * rewrapped, the vault opens keys wrapped by either master key, and running the rotation again
 * finishes the job.
 *
 * <p>With the key file ({@code <data-dir>/master.key}), one run does everything: the old key is
 * kept as {@code master.key.previous}, the new one written to {@code master.key}, every key
 * rewrapped, then the previous file deleted. With the key from the environment
 * ({@code CHARTE_VAULT_MASTER_KEY}), Charte cannot change the variable: a first run only makes a
 * new key and hands it over ({@link Outcome#NEW_KEY_FOR_ENVIRONMENT}); once every node runs with
 * the new key in {@code CHARTE_VAULT_MASTER_KEY} and the old one in
 * {@code CHARTE_VAULT_PREVIOUS_MASTER_KEY}, a second run rewraps every key.
 */
public interface KeyRotation {

    enum Outcome {
        /** Every key is now wrapped by the new master key; the previous one is no longer needed. */
        ROTATED,
        /** Stopped before every key was rewrapped (keys open under either master key): run it again. */
        INCOMPLETE,
        /** Nothing changed yet: the new key must be put in the environment first ({@link Result#newKey()}). */
        NEW_KEY_FOR_ENVIRONMENT
    }

    /**
     * @param fromKeyId  the id of the master key replaced (never the key)
     * @param toKeyId    the id of the new master key
     * @param newKey     the new key, base64, only when it must be handed to the operator (environment)
     * @param keyFile    the key file now holding the new key, or null when the key comes from the environment
     * @param dataKeys   persons' data keys rewrapped by this run
     * @param vaultKeys  the vault's own keys rewrapped by this run
     * @param resumed    whether this run finished a rotation an earlier run had started
     */
    record Result(Outcome outcome, String fromKeyId, String toKeyId, @Nullable String newKey, @Nullable String keyFile, long dataKeys,
            long vaultKeys, boolean resumed) {

        @Override
        public String toString() {
            return "Result[" + outcome + ", " + fromKeyId + " -> " + toKeyId + ", " + dataKeys + " data keys, " + vaultKeys
                    + " vault keys" + (resumed ? ", resumed" : "") + "]"; // never the key itself
        }
    }

    /**
     * Rotates the master key, or finishes an interrupted rotation.
     *
     * @throws IllegalStateException when some key is wrapped by a master key that is neither the
     *                               current nor the previous one (nothing is deleted then)
     */
    Result rotate();
}
