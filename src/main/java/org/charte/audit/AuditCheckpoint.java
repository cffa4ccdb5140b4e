package org.charte.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A signed head of the audit chain (R6.5), in the manner of Certificate Transparency's signed tree
 * heads: at {@code signedAt} the chain held {@code entryCount} entries and the last one's hash was
 * {@code headHash}; Charte's {@code audit-checkpoints} key ({@code keyId}) signed exactly
 * {@link #payload()}. No personal data: anyone may keep a copy. A copy kept outside proves later
 * that the chain was not rewritten up to that entry ({@link KeptHead}); the signature proves the
 * copy is Charte's and not someone's invention.
 */
public record AuditCheckpoint(UUID id, long entryCount, String headHash, Instant signedAt, String keyId, String algorithm, String signature) {

    public static final String FORMAT = "charte-audit-checkpoint/1";

    public AuditCheckpoint {
        Objects.requireNonNull(headHash, "headHash");
        signedAt = signedAt.truncatedTo(ChronoUnit.MICROS); // what both databases keep
    }

    /** The bytes signed: the format, the entry count, the head's hash and the time, one per line, UTF-8. */
    public static byte[] payload(long entryCount, String headHash, Instant signedAt) {
        return (FORMAT + "\n" + entryCount + "\n" + headHash + "\n" + signedAt.truncatedTo(ChronoUnit.MICROS) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public byte[] payload() {
        return payload(entryCount, headHash, signedAt);
    }

    /** The head this checkpoint vouches for, for {@link KeptHead#check}. */
    public KeptHead head() {
        return KeptHead.of(entryCount, headHash);
    }
}
