package org.charte.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AllowedOriginsTests {

    @Test
    @DisplayName("L3 the origins allowed are the policy's website and the configured ones, as scheme://host[:port]; anything else is not an origin")
    void origins() {
        AllowedOrigins origins = AllowedOrigins.of("https://www.gestan.fr/", " https://Shop.Gestan.fr:8443/path , ftp://x.example, not a url,,https://www.gestan.fr");
        assertThat(origins.origins()).containsExactly("https://www.gestan.fr", "https://shop.gestan.fr:8443");
        assertThat(origins.allows("https://www.gestan.fr")).isTrue();
        assertThat(origins.allows("http://www.gestan.fr")).isFalse();
        assertThat(AllowedOrigins.of("", "").origins()).isEmpty();
    }

    @Test
    @DisplayName("L3 R3.4 a browser's page records only in its own site's name: the Origin it sends must be the site it names; no Origin, taken at its word")
    void sentFrom() {
        assertThat(AllowedOrigins.sentFrom("https://www.gestan.fr", "https://www.gestan.fr")).isTrue();
        assertThat(AllowedOrigins.sentFrom("https://www.gestan.fr", "https://WWW.Gestan.fr")).isTrue();
        assertThat(AllowedOrigins.sentFrom("https://www.gestan.fr", null)).isTrue();
        assertThat(AllowedOrigins.sentFrom("https://www.gestan.fr", "https://www.elsewhere.example")).isFalse();
        assertThat(AllowedOrigins.sentFrom("https://www.gestan.fr", "http://www.gestan.fr")).isFalse();
        assertThat(AllowedOrigins.sentFrom("https://www.gestan.fr", "null")).as("a sandboxed page's opaque origin").isFalse();
    }
}
