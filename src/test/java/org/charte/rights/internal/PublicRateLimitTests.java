package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class PublicRateLimitTests {

    final PublicRateLimit limit = new PublicRateLimit(Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC), 2, Duration.ofMinutes(10));

    int post(String path, String client) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRemoteAddr(client);
        MockHttpServletResponse response = new MockHttpServletResponse();
        limit.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }

    @Test
    @DisplayName("R8.5 the public forms are rate-limited per client address: past its burst an address gets 429, others go on")
    void perAddress() throws Exception {
        assertThat(post("/mes-droits/demande", "192.0.2.1")).isEqualTo(200);
        assertThat(post("/en/my-rights/verification/x", "192.0.2.1")).isEqualTo(200);
        assertThat(post("/telechargement/abc", "192.0.2.1")).isEqualTo(429);
        assertThat(post("/mes-droits/demande", "192.0.2.2")).isEqualTo(200);
        assertThat(post("/backoffice/droits/nouvelle", "192.0.2.1")).as("staff pages are not limited here").isEqualTo(200);
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/mes-droits");
        get.setRemoteAddr("192.0.2.1");
        MockHttpServletResponse response = new MockHttpServletResponse();
        limit.doFilter(get, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(200);
    }
}
