package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.charte.common.JdbcRateBuckets;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** OpenDSR's limit of three calls a minute over the context's real buckets (the database every node shares). */
class OpenDsrRateLimitTests extends RightsTestBase {

    @Autowired JdbcRateBuckets buckets;
    final String a = "token:a-" + UUID.randomUUID();
    final String b = "token:b-" + UUID.randomUUID();

    MockHttpServletResponse post(String token, String client) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(token, null,
                List.of(new SimpleGrantedAuthority("TOKEN"))));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/opendsr/v1/requests");
        request.setRemoteAddr(client);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new OpenDsrRateLimit(buckets, 3, Duration.ofMinutes(1)).doFilter(request, response, new MockFilterChain());
        return response;
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    @DisplayName("R9.5 R8.5 OpenDSR counts calls per integration token, not per address: past its token's capacity a token gets 429 "
            + "problem+json with Retry-After, another token from the same address goes on")
    void perToken() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post(a, "192.0.2.1").getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = post(a, "192.0.2.9");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("20");
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"status\":429");
        assertThat(post(b, "192.0.2.1").getStatus()).isEqualTo(200);
        assertThat(new PublicRateLimit(buckets, 1, Duration.ofMinutes(10)).shouldNotFilter(
                new MockHttpServletRequest("POST", "/opendsr/v1/requests"))).as("no longer the public forms' limit").isTrue();
    }
}
