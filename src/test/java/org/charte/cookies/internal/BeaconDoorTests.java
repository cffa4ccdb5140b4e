package org.charte.cookies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.RightsTestBase;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * consent.js's page views at their own door ({@link BeaconDoor}) over real HTTP on the real database (H2, and
 * PostgreSQL in the db suite): a view is answered there exactly as Spring MVC's door ({@link NavigationBeaconApi})
 * answers the same view sent with a query string (which the door leaves to Spring MVC) — status and every header —,
 * a failed commit alike; every request the door does not take reaches {@link NavigationBeaconApi} whole and gets its
 * usual answer, nothing counted by the door.
 */
class BeaconDoorTests extends RightsTestBase {

    static final String SITE = ConsentDoorTests.SITE;
    static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36";

    @Autowired BeaconDoor door;
    @Autowired JdbcClient jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    /** A view as consent.js posts it, of a page of this test's own. */
    static String view(String site, String page) {
        return "{\"site\":\"" + site + "\",\"page\":\"" + page + "\",\"referrer\":\"https://www.example.org/\"}";
    }

    static String page() {
        return "/door-" + UUID.randomUUID();
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("User-Agent", CHROME));
        all.addAll(List.of(headers));
        return http.raw("POST", path, "text/plain;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8), all.toArray(String[]::new));
    }

    long views(String page) {
        return jdbc.sql("SELECT COUNT(*) FROM navigation_exempt_event WHERE page = ?").param(page).query(Long.class).single();
    }

    @Test
    @DisplayName("R3.4 L8 a page view consent.js posts is counted at its own door and answered exactly as Spring MVC answers it: 204 once "
            + "committed, the same security and CORS headers, same-origin and from the policy's website; each stored once")
    void sameAnswerAtEitherDoor() {
        for (String[] origin : List.of(new String[0], new String[] {"Origin", SITE})) {
            String fast = page();
            String slow = page();
            long before = door.answered();
            HttpResponse<String> atDoor = post(BeaconDoor.SCRIPT, view(SITE, fast), origin);
            assertThat(atDoor.statusCode()).as(atDoor.body()).isEqualTo(204);
            assertThat(door.answered()).as("answered at the door").isEqualTo(before + 1);
            HttpResponse<String> throughMvc = post(BeaconDoor.SCRIPT + "?long-way", view(SITE, slow), origin);
            assertThat(throughMvc.statusCode()).as(throughMvc.body()).isEqualTo(204);
            assertThat(door.answered()).as("not at the door").isEqualTo(before + 1);
            assertThat(Http.answerHeaders(atDoor)).isEqualTo(Http.answerHeaders(throughMvc));
            assertThat(Http.answerHeaders(atDoor)).containsKeys("content-security-policy", "x-frame-options", "x-content-type-options",
                    "referrer-policy", "permissions-policy", "cache-control", "vary");
            assertThat(views(fast)).isEqualTo(1);
            assertThat(views(slow)).isEqualTo(1);
        }
        HttpResponse<String> cross = post(BeaconDoor.SCRIPT, view(SITE, page()), "Origin", SITE);
        assertThat(cross.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SITE);
    }

    @Test
    @DisplayName("R3.4 a page view whose commit fails is answered 503 problem+json with Retry-After at its own door as through Spring MVC, the "
            + "same body and headers, nothing stored; the next one is")
    void notStoredAtEitherDoor() {
        String fast = page();
        String slow = page();
        long before = door.answered();
        HttpResponse<String> atDoor;
        HttpResponse<String> throughMvc;
        // the table away for a moment: each batch's commit fails
        TestDatabase.asOwner(jdbc, "ALTER TABLE navigation_exempt_event RENAME TO navigation_exempt_event_away");
        try {
            atDoor = post(BeaconDoor.SCRIPT, view(SITE, fast), "Origin", SITE);
            throughMvc = post(BeaconDoor.SCRIPT + "?long-way", view(SITE, slow), "Origin", SITE);
        } finally {
            TestDatabase.asOwner(jdbc, "ALTER TABLE navigation_exempt_event_away RENAME TO navigation_exempt_event");
        }
        assertThat(door.answered()).as("the first at the door, the second not").isEqualTo(before + 1);
        assertThat(atDoor.statusCode()).as(atDoor.body()).isEqualTo(503);
        assertThat(throughMvc.statusCode()).as(throughMvc.body()).isEqualTo(503);
        assertThat(atDoor.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(atDoor.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Http.answerHeaders(atDoor)).isEqualTo(Http.answerHeaders(throughMvc));
        assertThat(Json.of(atDoor).path("instance").asString()).isEqualTo(BeaconDoor.SCRIPT);
        assertThat(Json.of(throughMvc).path("instance").asString()).isEqualTo(BeaconDoor.SCRIPT);
        assertThat(Json.of(atDoor)).isEqualTo(Json.of(throughMvc));
        assertThat(atDoor.body()).doesNotContain(fast).doesNotContain("Exception").doesNotContain("navigation_");
        assertThat(views(fast)).isZero();
        assertThat(views(slow)).isZero();

        String after = page();
        assertThat(post(BeaconDoor.SCRIPT, view(SITE, after)).statusCode()).isEqualTo(204);
        assertThat(views(after)).isEqualTo(1);
    }

    @Test
    @DisplayName("R3.4 R8.5 what the beacon's door does not take reaches Spring MVC's door whole and gets its usual answer: fields named "
            + "(400), the site not the sender, an origin CORS refuses (403), another format (415), a bearer token, a body over the beacon's size; "
            + "nothing counted at the door")
    void everythingElseGoesOn() {
        long before = door.answered();
        record Case(String what, int status, String field, String body, String contentType, String... headers) {}
        List<Case> cases = List.of(
                new Case("not JSON", 400, "body", "{\"site\":", "text/plain"),
                new Case("no page", 400, "page", "{\"site\":\"" + SITE + "\"}", "text/plain"),
                new Case("a page that is not a path", 400, "page", view(SITE, "javascript:alert(1)"), "text/plain"),
                new Case("site not the sender", 400, "site", view("https://www.gestan-demo.example", page()), "text/plain", "Origin", SITE),
                new Case("origin refused", 403, "", view("https://www.elsewhere.example", page()), "text/plain", "Origin",
                        "https://www.elsewhere.example"),
                new Case("another format", 415, "", view(SITE, page()), "application/json"),
                new Case("a bearer token that names nobody", 401, "", view(SITE, page()), "text/plain", "Authorization", "Bearer nothing"),
                new Case("over the beacon's size", 400, "body", view(SITE, "/" + "p".repeat(NavigationBeaconApi.MAX_BODY)), "text/plain"));
        for (Case c : cases) {
            HttpResponse<String> answer = http.raw("POST", BeaconDoor.SCRIPT, c.contentType(), c.body().getBytes(StandardCharsets.UTF_8),
                    c.headers());
            assertThat(answer.statusCode()).as(c.what() + ": " + answer.body()).isEqualTo(c.status());
            if (!c.field().isEmpty()) {
                assertThat(Json.of(answer).path("errors").get(0).path("field").asString()).as(c.what()).isEqualTo(c.field());
                assertThat(answer.headers().firstValue("Content-Type")).as(c.what())
                        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            }
        }
        String keyed = page();
        assertThat(post(BeaconDoor.SCRIPT, view(SITE, keyed), "Idempotency-Key", "door-" + keyed).statusCode()).isEqualTo(204);
        assertThat(views(keyed)).isEqualTo(1);
        assertThat(door.answered()).as("none at the door").isEqualTo(before);
    }
}
