package org.charte.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.charte.vault.SigningKeys;
import org.jspecify.annotations.Nullable;

/**
 * The audit chain's signed heads (R6.5): signed every few minutes when the chain moved, and on
 * demand; published with the keys that signed them; checked against the chain by
 * {@code charte audit verify --checkpoints FILE}.
 */
public interface AuditCheckpoints {

    /** The name of the platform key that signs them. */
    String KEY = "audit-checkpoints";

    /**
     * Signs the chain's head now and stores the checkpoint. Before signing, the entry of the latest
     * checkpoint must still have its hash: a chain rewritten under a checkpoint is never signed
     * again ({@link IllegalStateException}).
     */
    AuditCheckpoint sign();

    /** Signs the head only if entries were appended since the latest checkpoint; the checkpoint signed, if any. */
    Optional<AuditCheckpoint> signIfMoved();

    /** The latest checkpoints, newest first. */
    List<AuditCheckpoint> latest(int limit);

    /** Every key that signed checkpoints (current first), for checking them. */
    List<SigningKeys.PublicSigningKey> keys();

    /**
     * The published document: the latest checkpoints and every key that signed them, as
     * {@code GET /api/v1/audit/checkpoints} answers and the DPO's daily mail carries; what
     * {@code charte audit verify --checkpoints FILE} reads back.
     */
    Document document(int limit);

    record Document(String format, String signedPayload, List<PublishedCheckpoint> checkpoints, List<PublishedKey> keys) {}

    record PublishedCheckpoint(long entryCount, String headHash, Instant signedAt, String keyId, String algorithm, String signature) {
        public static PublishedCheckpoint of(AuditCheckpoint c) {
            return new PublishedCheckpoint(c.entryCount(), c.headHash(), c.signedAt(), c.keyId(), c.algorithm(), c.signature());
        }
    }

    record PublishedKey(String keyId, String algorithm, String publicKey, Instant createdAt, @Nullable Instant retiredAt) {
        public static PublishedKey of(SigningKeys.PublicSigningKey k) {
            return new PublishedKey(k.keyId(), k.algorithm(), k.base64(), k.createdAt(), k.retiredAt());
        }
    }

    /** What a check of one checkpoint kept elsewhere says. */
    record Check(AuditCheckpoint checkpoint, boolean signatureValid, KeptHead.Check head) {
        public boolean confirmed() {
            return signatureValid && head.confirmed();
        }
    }

    /**
     * Checks checkpoints kept elsewhere against the chain as it is: each one's signature, by the key
     * it names (among {@code keptKeys} when the copy kept them, else Charte's), and that the chain
     * still holds its head ({@link KeptHead}).
     */
    List<Check> check(List<AuditCheckpoint> kept, List<SigningKeys.PublicSigningKey> keptKeys);
}
