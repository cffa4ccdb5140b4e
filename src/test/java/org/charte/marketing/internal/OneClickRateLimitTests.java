package org.charte.marketing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.common.JdbcRateBuckets;
import org.charte.common.PreCountedBuckets;
import org.charte.common.PreCountedRateLimit;
import org.charte.common.RateLimit;
import org.charte.testing.Http;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The unsubscribe link's posts, rate-limited per link (not per address: mail providers post for many people). */
class OneClickRateLimitTests extends RightsTestBase {

    @Autowired ObjectProvider<JdbcRateBuckets> shared;
    @Autowired PreCountedBuckets contextBuckets;

    static int post(OneClickRateLimit filter, String method, String path, String client) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr(client);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }

    @Test
    @DisplayName("R8.5 L5 the unsubscribe link's posts are limited per link, whatever the address: a mail provider's one server posts for "
            + "many people; past a link's allowance 429, other links go on, the page (GET) is not limited")
    void perLink() throws Exception {
        OneClickRateLimit limit = new OneClickRateLimit(new PreCountedBuckets(shared, clock, 1000), 3, Duration.ofMinutes(10));
        String token = "t" + UUID.randomUUID();
        List<Integer> statuses = new ArrayList<>();
        statuses.add(post(limit, "POST", "/u/" + token, "192.0.2.1"));
        statuses.add(post(limit, "POST", "/u/" + token + "/preferences", "192.0.2.2"));
        statuses.add(post(limit, "POST", "/u/" + token, "198.51.100.3"));
        statuses.add(post(limit, "POST", "/u/" + token, "198.51.100.4"));
        assertThat(statuses).containsExactly(200, 200, 200, 429);
        assertThat(post(limit, "GET", "/u/" + token, "192.0.2.1")).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(post(limit, "POST", "/u/other-" + i + token, "192.0.2.1")).as("other people's links from the same server").isEqualTo(200);
        }
        assertThat(OneClickRateLimit.token("/u/abc/other")).isNull();
        assertThat(OneClickRateLimit.token("/u/" + "x".repeat(600))).isEqualTo("long");
    }

    @Test
    @DisplayName("R8.5 L5 past a link's allowance (20 posts in 10 minutes) the answer over HTTP is a 429 page with Retry-After, "
            + "in French or English as the visitor's browser asks; the limit is counted on the node, shared every second")
    void page() {
        Http http = new Http(port);
        String path = "/u/" + "r" + UUID.randomUUID().toString().replace("-", "");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(http.postForm(path, Map.of("List-Unsubscribe", "One-Click")).statusCode());
        }
        assertThat(statuses).as("a token no link made: refused by its signature").containsOnly(404);
        HttpResponse<String> french = http.postForm(path, Map.of("List-Unsubscribe", "One-Click"));
        assertThat(french.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(french.headers().firstValue("Retry-After").orElseThrow())).as("a token back every 30 s").isBetween(20, 30);
        assertThat(french.body()).contains("lang=\"fr\"", "Trop de demandes");
        contextBuckets.flush();
        HttpResponse<String> english = http.raw("POST", path, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click".getBytes(),
                "Accept-Language", "en-GB,en;q=0.9");
        assertThat(english.statusCode()).isEqualTo(429);
        assertThat(english.body()).contains("lang=\"en\"", "Too many requests");
    }

    @Test
    @DisplayName("R8.5 L5 a node's flush pays every link's posts at once into the shared buckets (one statement on PostgreSQL): a new "
            + "link's bucket made, an existing one paid into, two payments of one link added up, the shared counts read back")
    void flushPaysAllAtOnce() {
        RateLimit limit = new RateLimit("flush-test-" + UUID.randomUUID().toString().substring(0, 8), 100, Duration.ofDays(3650));
        String a = "a" + UUID.randomUUID();
        String b = "b" + UUID.randomUUID();
        long since = clock.millis() - 60_000;
        Map<String, Double> first = shared.getObject().spendAll(limit, List.of(new PreCountedRateLimit.Payment(a, 2),
                new PreCountedRateLimit.Payment(b, 1), new PreCountedRateLimit.Payment(a, 3)), since);
        assertThat(first.get(JdbcRateBuckets.hash(limit.name(), a))).isCloseTo(95, within(0.5));
        assertThat(first.get(JdbcRateBuckets.hash(limit.name(), b))).isCloseTo(99, within(0.5));

        Map<String, Double> second = shared.getObject().spendAll(limit, List.of(new PreCountedRateLimit.Payment(a, 7),
                new PreCountedRateLimit.Payment("c" + UUID.randomUUID(), 200)), since);
        assertThat(second.get(JdbcRateBuckets.hash(limit.name(), a))).as("paid into again").isCloseTo(88, within(0.5));
        assertThat(second.get(JdbcRateBuckets.hash(limit.name(), b))).as("read back, not paid").isCloseTo(99, within(0.5));
        assertThat(second.values()).as("a debt below zero is kept").anyMatch(tokens -> tokens < -99);
        assertThat(shared.getObject().spend(limit, a, 0)).isCloseTo(88, within(0.5));
    }
}
