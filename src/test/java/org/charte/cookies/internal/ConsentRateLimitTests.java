package org.charte.cookies.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.charte.common.JdbcRateBuckets;
import org.charte.common.PreCountedBuckets;
import org.charte.common.PreCountedRateLimit;
import org.charte.common.RateLimit;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * consent.js's doors' rate limits over the context's real shared buckets (H2 or PostgreSQL); two {@link PreCountedBuckets}
 * on the one database are two nodes, each with its own copies, flushed by the test as each node's schedule would.
 */
class ConsentRateLimitTests extends RightsTestBase {

    @Autowired ObjectProvider<JdbcRateBuckets> shared;
    @Autowired ConsentCors cors;
    PreCountedBuckets nodeA;
    PreCountedBuckets nodeB;
    ConsentRateLimit onA;
    ConsentRateLimit onB;
    /** Addresses of the documentation ranges, new for each test. */
    String one;
    String two;

    @BeforeEach
    void twoNodes() {
        nodeA = new PreCountedBuckets(shared, clock, 1000);
        nodeB = new PreCountedBuckets(shared, clock, 1000);
        // 4 choices and 6 page views a minute per address
        onA = new ConsentRateLimit(nodeA, cors, 4, Duration.ofMinutes(1), 6, Duration.ofMinutes(1));
        onB = new ConsentRateLimit(nodeB, cors, 4, Duration.ofMinutes(1), 6, Duration.ofMinutes(1));
        int n = ThreadLocalRandom.current().nextInt(1, 250);
        one = "192.0.2." + n;
        two = "2001:db8:" + Integer.toHexString(n) + ":1::" + n;
    }

    static MockHttpServletResponse post(ConsentRateLimit filter, String path, String client, String... origin) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRemoteAddr(client);
        if (origin.length > 0) {
            request.addHeader("Origin", origin[0]);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    static List<Integer> statuses(ConsentRateLimit filter, String path, String client, int times) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            statuses.add(post(filter, path, client).getStatus());
        }
        return statuses;
    }

    @Test
    @DisplayName("R8.5 L3 L8 the proofs of choices and the beacon are rate-limited per address, each its own bucket: past it 429 problem+json "
            + "with Retry-After (and the CORS header for an allowed site's script); other addresses go on; reads are not limited")
    void perAddress() throws Exception {
        assertThat(statuses(onA, "/consent/v1/records", one, 4)).containsOnly(200);
        MockHttpServletResponse refused = post(onA, "/consent/v1/records", one, cors.origins().origins().getFirst());
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).as("a token back every 15 s").isBetween(10, 15);
        assertThat(refused.getHeader("Access-Control-Allow-Origin")).isEqualTo(cors.origins().origins().getFirst());
        assertThat(refused.getContentAsString()).contains("\"status\":429", "4 choices in 60 s").doesNotContain(one);
        assertThat(post(onA, "/consent/v1/records", one, "https://evil.example").getHeader("Access-Control-Allow-Origin")).isNull();

        assertThat(statuses(onA, "/consent/v1/beacon", one, 3)).as("the beacon counts apart").containsOnly(200);
        assertThat(statuses(onA, "/consent/v1/beacon/script", one, 4)).containsExactly(200, 200, 200, 429);
        assertThat(statuses(onA, "/consent/v1/records", two, 4)).as("another address").containsOnly(200);
        assertThat(statuses(onA, "/consent/v1/records", two.replaceFirst("::.*", "::beef"), 1)).as("the same /64").containsOnly(429);
        MockHttpServletRequest read = new MockHttpServletRequest("GET", "/consent/v1/records/" + UUID.randomUUID());
        read.setRemoteAddr(one);
        MockHttpServletResponse response = new MockHttpServletResponse();
        onA.doFilter(read, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    @DisplayName("R8.5 L3 across two nodes a busy address gets at most capacity + (N - 1) x (capacity + one flush's refill), then is refused "
            + "on both until the refill pays the debt back; no database access on the request's path")
    void acrossNodes() throws Exception {
        assertThat(statuses(onA, "/consent/v1/records", one, 5)).containsExactly(200, 200, 200, 200, 429);
        nodeA.flush();
        assertThat(statuses(onB, "/consent/v1/records", one, 5))
                .as("B has not flushed yet: its own copy, full (the bound's (N - 1) x capacity)").containsExactly(200, 200, 200, 200, 429);
        nodeB.flush();
        nodeA.flush();
        assertThat(statuses(onA, "/consent/v1/records", one, 1)).as("A now knows B's four: the shared bucket is in debt").containsOnly(429);
        assertThat(statuses(onB, "/consent/v1/records", one, 1)).containsOnly(429);
        assertThat(Integer.parseInt(post(onB, "/consent/v1/records", one).getHeader("Retry-After"))).as("-4 tokens: 5 to earn at 15 s each")
                .isBetween(70, 75);
        clock.advance(Duration.ofSeconds(60));
        assertThat(statuses(onA, "/consent/v1/records", one, 1)).as("a minute later, still in debt by one").containsOnly(429);
        clock.advance(Duration.ofSeconds(16));
        assertThat(statuses(onA, "/consent/v1/records", one, 2)).as("paid back: one token").containsExactly(200, 429);
        nodeA.flush();
        nodeB.flush();
        assertThat(statuses(onB, "/consent/v1/records", one, 1)).as("B knows A's").containsOnly(429);
    }

    @Test
    @DisplayName("R8.5 a flush reads back only the shared buckets paid into since its last read, every node's payments included "
            + "(one range of rows), not one read per copy a node keeps")
    void readBackOfChangedBuckets() {
        RateLimit limit = new RateLimit("read-back-" + ThreadLocalRandom.current().nextInt(1_000_000), 5, Duration.ofMinutes(1));
        JdbcRateBuckets buckets = shared.getObject();
        String x = JdbcRateBuckets.hash(limit.name(), "x");
        String y = JdbcRateBuckets.hash(limit.name(), "y");
        String z = JdbcRateBuckets.hash(limit.name(), "z");
        long now = clock.millis();
        Map<String, Double> first = buckets.spendAll(limit, List.of(new PreCountedRateLimit.Payment("x", 2), new PreCountedRateLimit.Payment("y", 1)),
                now - 2_000);
        assertThat(first).containsOnlyKeys(x, y);
        assertThat(first.get(x)).isCloseTo(3.0, within(0.1));
        clock.advance(Duration.ofSeconds(10));
        now = clock.millis();
        Map<String, Double> second = buckets.spendAll(limit, List.of(new PreCountedRateLimit.Payment("z", 1), new PreCountedRateLimit.Payment("x", 1)),
                now - 2_000);
        assertThat(second).as("y untouched since: not read").containsOnlyKeys(x, z);
        assertThat(second.get(x)).as("3 + 10 s of refill (5 a minute) - 1").isCloseTo(3.0 + 10 * 5 / 60.0 - 1, within(0.1));
        assertThat(buckets.spendAll(limit, List.of(), now - 2_000)).as("nothing owed: the read alone").containsOnlyKeys(x, z);
        clock.advance(Duration.ofSeconds(10));
        assertThat(buckets.changedSince(limit, clock.millis() - 2_000, clock.millis())).isEmpty();
    }
}
