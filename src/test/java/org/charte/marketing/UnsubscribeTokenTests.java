package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.charte.policy.MarketingChannel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnsubscribeTokenTests {

    static UnaryOperator<byte[]> hmac(String key) {
        return payload -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key.getBytes(), "HmacSHA256"));
                return mac.doFinal(payload);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    final UnsubscribeToken tokens = new UnsubscribeToken(hmac("a key of its own, 32 bytes long.."));
    final Instant now = Instant.parse("2026-12-02T10:00:00Z");
    final UUID person = UUID.fromString("0190c6a4-0000-7000-8000-000000000001");

    @Test
    @DisplayName("L9 a token names person, channel and purpose, and still works after a year")
    void roundTrip() {
        String token = tokens.issue(person, MarketingChannel.EMAIL, "newsletters", now);
        UnsubscribeToken.Claims claims = tokens.verify(token, now.plus(Duration.ofDays(366))).orElseThrow();
        assertThat(claims.subjectId()).isEqualTo(person);
        assertThat(claims.channel()).isEqualTo(MarketingChannel.EMAIL);
        assertThat(claims.purpose()).isEqualTo("newsletters");
        assertThat(claims.expires()).isAfter(now.plus(Duration.ofDays(365)));
        assertThat(tokens.verify(tokens.issue(person, MarketingChannel.SMS, null, now), now).orElseThrow().purpose()).isNull();
    }

    @Test
    @DisplayName("L9 the token is opaque base64url: no address, no id in clear, nothing but the URL-safe alphabet")
    void opaque() {
        String token = tokens.issue(person, MarketingChannel.EMAIL, "newsletters", now);
        assertThat(token).matches("[A-Za-z0-9_-]+").doesNotContain(person.toString()).doesNotContain("@")
                .hasSizeLessThanOrEqualTo(UnsubscribeToken.MAX_LENGTH);
    }

    @Test
    @DisplayName("L9 an expired token is refused")
    void expired() {
        String token = tokens.issue(person, MarketingChannel.EMAIL, "newsletters", now);
        assertThat(tokens.verify(token, now.plus(UnsubscribeToken.VALIDITY))).isEmpty();
    }

    @Test
    @DisplayName("L9 a tampered, foreign-key, truncated, garbage or oversized token is refused")
    void tampered() {
        String token = tokens.issue(person, MarketingChannel.EMAIL, "newsletters", now);
        byte[] raw = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < raw.length; i++) {
            byte[] changed = raw.clone();
            changed[i] ^= 1;
            assertThat(tokens.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(changed), now)).as("byte %d", i).isEmpty();
        }
        assertThat(new UnsubscribeToken(hmac("another key, 32 bytes long......")).verify(token, now)).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 3), now)).isEmpty();
        assertThat(tokens.verify("", now)).isEmpty();
        assertThat(tokens.verify(null, now)).isEmpty();
        assertThat(tokens.verify("not a token!", now)).isEmpty();
        assertThat(tokens.verify("A".repeat(10_000), now)).isEmpty();
        assertThat(tokens.verify(token + "\u202e", now)).isEmpty();
    }

    @Test
    @DisplayName("L9 a purpose longer than the limit is refused at issue")
    void longPurpose() {
        assertThatThrownBy(() -> tokens.issue(person, MarketingChannel.EMAIL, "p".repeat(101), now)).isInstanceOf(IllegalArgumentException.class);
    }
}
