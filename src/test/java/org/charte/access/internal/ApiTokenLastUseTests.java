package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.charte.testing.CharteIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An API token's last use, written at most every 30 seconds rather than on every call. */
@CharteIntegrationTest
class ApiTokenLastUseTests {

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    Instant lastUsed(UUID id) {
        return tokens.find(id).orElseThrow().lastUsedAt();
    }

    @Test
    @DisplayName("R8.3 a token's last use is written at its first call, not again within 30 s, and again after")
    void lastUseWrittenEvery30Seconds() {
        ApiTokens.Issued issued = tokens.issue("last-use", "dpo", Set.of("audit:read"), null, UUID.randomUUID());
        UUID id = issued.token().id();
        assertThat(lastUsed(id)).isNull();

        assertThat(tokens.authenticate(issued.secret())).isPresent();
        Instant first = lastUsed(id);
        assertThat(first).isNotNull();

        Instant twentySecondsAgo = clock.instant().minusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?").params(twentySecondsAgo.atOffset(ZoneOffset.UTC), id).update();
        assertThat(tokens.authenticate(issued.secret())).isPresent();
        assertThat(lastUsed(id)).as("20 s after the last use written: nothing written").isEqualTo(twentySecondsAgo);

        Instant longAgo = clock.instant().minus(Duration.ofSeconds(31));
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?").params(longAgo.atOffset(ZoneOffset.UTC), id).update();
        Instant call = clock.instant();
        assertThat(tokens.authenticate(issued.secret())).isPresent();
        assertThat(lastUsed(id)).as("31 s after: the call's time written").isAfterOrEqualTo(call.minusMillis(1));
    }
}
