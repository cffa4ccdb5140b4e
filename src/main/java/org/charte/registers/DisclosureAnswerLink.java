package org.charte.registers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The link an answer to an authority is downloaded through (R6.6): a 256-bit secret, used once,
 * for {@link #VALIDITY}. Charte keeps only its SHA-256 ({@link #hash}); the answer is sealed under a
 * key derived from the secret ({@link #key}), so that what is kept cannot be opened without the link.
 */
public final class DisclosureAnswerLink {

    /** How long the link can be used after the answer is produced. */
    public static final Duration VALIDITY = Duration.ofDays(7);

    /** The path the links start with. */
    public static final String PATH = "/communications/reponses/";

    private static final SecureRandom RANDOM = new SecureRandom();

    private DisclosureAnswerLink() {}

    /** A new secret: 32 random bytes, URL-safe base64 without padding. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** When a link made at {@code producedAt} stops working. */
    public static Instant expiresAt(Instant producedAt) {
        return producedAt.plus(VALIDITY);
    }

    /** Whether the link can still be used: not used yet and not expired. */
    public static boolean usable(Instant now, Instant expiresAt, @Nullable Instant usedAt) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    /** What Charte keeps of the secret: its SHA-256, in hexadecimal. */
    public static String hash(String secret) {
        return sha256Hex(("link:" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** The AES-256 key the answer is sealed under: derived from the secret, apart from {@link #hash}. */
    public static byte[] key(String secret) {
        return sha256(("key:" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of a file, in hexadecimal: what the register shows of an answer. */
    public static String sha256Hex(byte[] content) {
        return HexFormat.of().formatHex(sha256(content));
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
