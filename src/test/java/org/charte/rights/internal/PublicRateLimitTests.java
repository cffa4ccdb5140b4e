package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.charte.common.JdbcRateBuckets;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The public forms' limit of two requests over the context's real buckets (the database every node shares). */
class PublicRateLimitTests extends RightsTestBase {

    @Autowired JdbcRateBuckets buckets;
    PublicRateLimit limit;
    /** Addresses of the documentation range no other test uses, new for each run. */
    String one;
    String two;

    @BeforeEach
    void newLimit() {
        limit = new PublicRateLimit(buckets, 2, Duration.ofMinutes(10));
        int n = ThreadLocalRandom.current().nextInt(1, 250);
        one = "192.0.2." + n;
        two = "198.51.100." + n;
    }

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
        assertThat(post("/mes-droits/demande", one)).isEqualTo(200);
        assertThat(post("/en/my-rights/verification/x", one)).isEqualTo(200);
        assertThat(post("/telechargement/abc", one)).isEqualTo(429);
        assertThat(post("/mes-droits/demande", two)).isEqualTo(200);
        assertThat(new PublicRateLimit(buckets, 2, Duration.ofMinutes(10)).allow(one)).as("another node's filter, the same bucket").isFalse();
        assertThat(post("/backoffice/droits/nouvelle", one)).as("staff pages are not limited here").isEqualTo(200);
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/mes-droits");
        get.setRemoteAddr(one);
        MockHttpServletResponse response = new MockHttpServletResponse();
        limit.doFilter(get, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(200);
    }
}
