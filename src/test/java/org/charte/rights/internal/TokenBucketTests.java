package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokenBucketTests {

    @Test
    @DisplayName("R8.5 a client address gets its burst of requests, then is refused until the bucket refills")
    void burstThenRefill() {
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        TokenBucket bucket = new TokenBucket(3, Duration.ofMinutes(3), t);
        assertThat(bucket.take(t)).isTrue();
        assertThat(bucket.take(t)).isTrue();
        assertThat(bucket.take(t)).isTrue();
        assertThat(bucket.take(t)).isFalse();
        assertThat(bucket.take(t.plusSeconds(30))).isFalse();
        assertThat(bucket.take(t.plusSeconds(60))).isTrue();
        assertThat(bucket.take(t.plusSeconds(61))).isFalse();
        assertThat(bucket.full(t.plusSeconds(600))).isTrue();
    }
}
