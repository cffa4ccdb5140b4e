package org.charte.marketing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.charte.policy.MarketingChannel;
import org.jspecify.annotations.Nullable;

/**
 * The signed token of an unsubscribe link (L5, L9, RFC 8058): it names a person's id, a channel and
 * a marketing purpose (none: every purpose), and when it stops working, signed with HMAC-SHA-256 by
 * {@code sign} (the vault's key of signed links). Nothing is stored to check it; the URL carries only
 * this opaque base64url text, no address or name. Checking compares the signature in constant time
 * and refuses a token expired, malformed, too long or of another version.
 */
public final class UnsubscribeToken {

    /** How long a link keeps working: at least a year (L5), with room for a mail read late. */
    public static final Duration VALIDITY = Duration.ofDays(400);
    /** The longest token accepted, checked before anything else. */
    public static final int MAX_LENGTH = 300;
    static final int MAX_PURPOSE = 100;
    private static final byte VERSION = 1;
    private static final int SIGNATURE = 32;

    /** What a valid token names. {@code purpose} null: every marketing purpose on that channel. */
    public record Claims(UUID subjectId, MarketingChannel channel, @Nullable String purpose, Instant expires) {}

    private final UnaryOperator<byte[]> sign;

    public UnsubscribeToken(UnaryOperator<byte[]> sign) {
        this.sign = sign;
    }

    /** A token for this person, channel and purpose, valid {@link #VALIDITY} from {@code now}. */
    public String issue(UUID subjectId, MarketingChannel channel, @Nullable String purpose, Instant now) {
        byte[] purposeBytes = purpose == null ? new byte[0] : purpose.getBytes(StandardCharsets.UTF_8);
        if (purposeBytes.length > MAX_PURPOSE) {
            throw new IllegalArgumentException("purpose too long");
        }
        ByteBuffer payload = ByteBuffer.allocate(1 + 16 + 1 + 8 + purposeBytes.length);
        payload.put(VERSION).putLong(subjectId.getMostSignificantBits()).putLong(subjectId.getLeastSignificantBits())
                .put((byte) channel.ordinal()).putLong(now.plus(VALIDITY).getEpochSecond()).put(purposeBytes);
        byte[] body = payload.array();
        byte[] signature = sign.apply(body);
        byte[] token = new byte[body.length + SIGNATURE];
        System.arraycopy(body, 0, token, 0, body.length);
        System.arraycopy(signature, 0, token, body.length, SIGNATURE);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** What the token names, if it is well formed, signed by our key and not expired at {@code now}. */
    public Optional<Claims> verify(@Nullable String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH || !base64url(token)) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length < 1 + 16 + 1 + 8 + SIGNATURE || raw[0] != VERSION) {
            return Optional.empty();
        }
        int bodyLength = raw.length - SIGNATURE;
        byte[] body = new byte[bodyLength];
        byte[] signature = new byte[SIGNATURE];
        System.arraycopy(raw, 0, body, 0, bodyLength);
        System.arraycopy(raw, bodyLength, signature, 0, SIGNATURE);
        if (!MessageDigest.isEqual(sign.apply(body), signature)) {
            return Optional.empty();
        }
        ByteBuffer payload = ByteBuffer.wrap(body, 1, bodyLength - 1);
        UUID subject = new UUID(payload.getLong(), payload.getLong());
        int channel = payload.get();
        Instant expires = Instant.ofEpochSecond(payload.getLong());
        byte[] purposeBytes = new byte[payload.remaining()];
        payload.get(purposeBytes);
        if (channel < 0 || channel >= MarketingChannel.values().length || !now.isBefore(expires)) {
            return Optional.empty();
        }
        String purpose = purposeBytes.length == 0 ? null : new String(purposeBytes, StandardCharsets.UTF_8);
        return Optional.of(new Claims(subject, MarketingChannel.values()[channel], purpose, expires));
    }

    /** Whether every character is of base64url's alphabet ({@code [A-Za-z0-9_-]}), checked without a regular expression. */
    private static boolean base64url(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
