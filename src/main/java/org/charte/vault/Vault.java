package org.charte.vault;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/** Seals and opens a person's data under their own key; shreds the key when they are erased. */
public interface Vault {

    /** Creates the person's data key; call once, when the person is first recorded. */
    void createKey(UUID subjectId);

    /**
     * Encrypts one field of a person's data. The field name is bound to the ciphertext, so a value
     * cannot be moved to another field or another person unnoticed.
     */
    byte[] seal(UUID subjectId, String field, byte[] plaintext);

    /**
     * Decrypts one field.
     *
     * @throws ShreddedException when the person's key has been destroyed
     */
    byte[] open(UUID subjectId, String field, byte[] sealed);

    /**
     * A person's data key, unwrapped in memory: seals and opens any number of that person's values
     * without reading the key again. For bulk paths (synthetic data, benchmarks); keep one no
     * longer than the work at hand. A value sealed with it opens with {@link #open} and the
     * reverse, field names bound alike.
     */
    interface SubjectKey {
        UUID subjectId();

        byte[] seal(String field, byte[] plaintext);

        byte[] open(String field, byte[] sealed);
    }

    /**
     * A new data key for a person, in memory only: nothing is stored until {@link #storeKeys}
     * stores it. Sealing with it before then is fine, as long as the key is stored in the same
     * transaction as the sealed values.
     */
    SubjectKey newKey(UUID subjectId);

    /**
     * Stores new keys (from {@link #newKey}), each wrapped by the master key in force, in one
     * batch, in the caller's transaction: the batch equivalent of {@link #createKey}.
     */
    void storeKeys(Collection<SubjectKey> keys);

    /**
     * A person's stored key, read and unwrapped once.
     *
     * @throws ShreddedException when the person's key has been destroyed (or never made)
     */
    SubjectKey key(UUID subjectId);

    /**
     * A person's stored key, read and unwrapped on its first use only, then kept: for a read path
     * that opens many values of one person (their orders, tickets, messages), one lookup instead of
     * one per value, and none when there is nothing to open. Keep it no longer than that read.
     * Its first use throws {@link ShreddedException} when the key has been destroyed, as
     * {@link #open} would.
     */
    SubjectKey keyOnDemand(UUID subjectId);

    /**
     * The columns of a person's wrapped key, for a read path that reads the person's own row anyway
     * and brings the key in the same statement (one round trip to the database less): select
     * {@code KEY_COLUMNS} and add {@link #keyJoin} to the {@code FROM}; then
     * {@link #keyOnDemand(UUID, ResultSet, int)} takes them. The key is as stored at that statement:
     * erased (shredded) before it, the first use throws {@link ShreddedException}.
     */
    String KEY_COLUMNS = "subject_key_.wrapped_key, subject_key_.master_key_id, subject_key_.epoch";

    /** The join that brings {@link #KEY_COLUMNS}, on the column holding the person's id. */
    static String keyJoin(String subjectIdColumn) {
        return " LEFT JOIN subject_key subject_key_ ON subject_key_.subject_id = " + subjectIdColumn + " ";
    }

    /**
     * A person's key as {@link #KEY_COLUMNS} read it, from {@code firstColumn} of the current row on,
     * unwrapped on its first use only (nothing more is read), as {@link #keyOnDemand(UUID)} does.
     * Keep it no longer than that read.
     */
    SubjectKey keyOnDemand(UUID subjectId, ResultSet rs, int firstColumn) throws SQLException;

    /** Destroys the person's key for good: every sealed value of theirs, wherever copied, is lost. */
    void shred(UUID subjectId);

    /**
     * Destroys many keys at once, in the caller's transaction: the batch form of {@link #shred},
     * for the retention run (a person's key, or an archive entry's).
     */
    default void shredAll(Collection<UUID> subjectIds) {
        subjectIds.forEach(this::shred);
    }

    boolean hasKey(UUID subjectId);

    /**
     * Seals a secret that belongs to no data subject (a staff member's TOTP seed, a hosted
     * database's credentials) under the master key, bound to its context.
     */
    byte[] sealSecret(String context, byte[] secret);

    byte[] openSecret(String context, byte[] sealed);

    /** A keyed hash (HMAC-SHA-256, hex) of a normalised value, to find a person without storing it in clear. */
    String blindIndex(String kind, String normalisedValue);

    /**
     * A keyed hash (HMAC-SHA-256, hex) of a normalised e-mail or phone for the marketing suppression
     * list (L9), under a key of its own, distinct from the blind indexes': the list outlives the
     * people it names, and its hashes must not match the indexes of the people still recorded.
     */
    String suppressionHash(String kind, String normalisedValue);

    /**
     * An HMAC-SHA-256 of a link's payload under a key of its own, distinct from every other (L5,
     * L9): what signs the unsubscribe links of marketing mails, so a link needs nothing stored to
     * be checked, and a key of the blind indexes or the suppression list never signs anything.
     */
    byte[] linkSignature(byte[] payload);
}
