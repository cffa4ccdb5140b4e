package org.charte.registers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DisclosureAnswerLinkTests {

    final Instant produced = Instant.parse("2026-12-03T09:00:00Z");

    @Test
    @DisplayName("R6.6 an answer's link works once, for seven days")
    void onceAndForSevenDays() {
        Instant expires = DisclosureAnswerLink.expiresAt(produced);
        assertThat(expires).isEqualTo(produced.plus(Duration.ofDays(7)));
        assertThat(DisclosureAnswerLink.usable(produced.plus(Duration.ofDays(6)), expires, null)).isTrue();
        assertThat(DisclosureAnswerLink.usable(expires, expires, null)).isFalse();
        assertThat(DisclosureAnswerLink.usable(produced.plusSeconds(60), expires, produced.plusSeconds(30))).isFalse();
    }

    @Test
    @DisplayName("R6.6 the link's secret is 256 random bits; what is kept (its hash) and the sealing key differ from it and from each other")
    void secretHashAndKey() {
        String secret = DisclosureAnswerLink.newSecret();
        assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(DisclosureAnswerLink.newSecret());
        assertThat(DisclosureAnswerLink.hash(secret)).hasSize(64).doesNotContain(secret).isEqualTo(DisclosureAnswerLink.hash(secret));
        assertThat(DisclosureAnswerLink.key(secret)).hasSize(32);
        assertThat(DisclosureAnswerLink.sha256Hex(DisclosureAnswerLink.key(secret))).isNotEqualTo(DisclosureAnswerLink.hash(secret));
        assertThat(DisclosureAnswerLink.sha256Hex("abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
