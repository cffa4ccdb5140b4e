package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.charte.common.JdbcRateBuckets;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The public forms' limit of two requests over the context's real buckets (the database every node shares). */
class PublicRateLimitTests extends RightsTestBase {

    @Autowired JdbcRateBuckets buckets;
    @Autowired JdbcClient jdbc;
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

    @Test
    @DisplayName("R8.5 a bucket refills evenly over its period, in the shared table: two taken, refused, 60 % of the period later one more, "
            + "and a bucket full again is purged")
    void refill() {
        assertThat(limit.allow(one)).isTrue();
        assertThat(limit.allow(one)).isTrue();
        assertThat(limit.allow(one)).isFalse();
        clock.advance(Duration.ofMinutes(6));
        assertThat(limit.allow(one)).as("1.2 tokens back after six of the ten minutes").isTrue();
        assertThat(limit.allow(one)).isFalse();
        clock.advance(Duration.ofMinutes(11));
        buckets.purge();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_bucket WHERE client_hash = ?").param(JdbcRateBuckets.hash("public-forms", one))
                .query(Long.class).single()).as("full again: forgotten").isZero();
        assertThat(limit.allow(one)).isTrue();
    }

    @Test
    @DisplayName("R8.5 taking tokens is atomic: 40 requests at once from one address on a bucket of 10 get exactly 10 through")
    void atomic() throws Exception {
        PublicRateLimit ten = new PublicRateLimit(buckets, 10, Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(pool.submit(() -> ten.allow(two)));
            }
            int allowed = 0;
            for (Future<Boolean> answer : answers) {
                allowed += answer.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }
}
