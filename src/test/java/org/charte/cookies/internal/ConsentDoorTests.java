package org.charte.cookies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.RightsTestBase;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * consent.js's own door ({@link ConsentDoor}) over real HTTP on the real database (H2, and PostgreSQL in the db
 * suite): a well-formed choice is answered there exactly as Spring MVC's door ({@link ConsentApi}) answers the same
 * choice sent in another JSON layout (a space: not consent.js's plain shape, so it goes the long way) — status,
 * every header, the proof —, a failed batch alike; and every request the door does not take reaches
 * {@link ConsentApi} whole and gets its usual answer, nothing recorded by the door.
 */
class ConsentDoorTests extends RightsTestBase {

    static final String SITE = "https://www.gestan.fr";

    @Autowired ConsentDoor door;
    @Autowired JdbcClient jdbc;

    Http http;
    String version;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        Matcher v = Pattern.compile("\\{\"v\":\"([0-9a-f]{16})\"").matcher(http.get("/consent/v1/consent.js").body());
        assertThat(v.find()).isTrue();
        version = v.group(1);
    }

    /** A choice as consent.js posts it (its plain shape). */
    String plain(UUID consentId, String site) {
        return "{\"consentId\":\"" + consentId + "\",\"bannerVersion\":\"" + version + "\",\"method\":\"banner\",\"site\":\"" + site
                + "\",\"language\":\"fr\",\"choices\":{\"audience\":true,\"social-sharing\":false}}";
    }

    /** The same choice in another JSON layout, which only Jackson reads: it goes to Spring MVC's door. */
    static String spaced(String plain) {
        return "{ " + plain.substring(1);
    }

    HttpResponse<String> post(String body, String... headers) {
        return http.raw("POST", "/consent/v1/records", "application/json", body.getBytes(StandardCharsets.UTF_8), headers);
    }

    long stored(UUID consentId) {
        return jdbc.sql("SELECT COUNT(*) FROM consent_record WHERE consent_id = ?").param(consentId).query(Long.class).single();
    }

    /** The answer's JSON without what names this very proof. */
    static JsonNode withoutIds(HttpResponse<String> response) {
        ObjectNode json = (ObjectNode) Json.of(response);
        json.remove(List.of("recordId", "consentId", "recordedAt"));
        return json;
    }

    @Test
    @DisplayName("L3 R9.11 a choice consent.js posts is recorded at its own door and answered exactly as Spring MVC answers it: 201, the same "
            + "proof, the same security and CORS headers, same-origin and from the policy's website; each stored once")
    void sameAnswerAtEitherDoor() {
        for (String[] origin : List.of(new String[0], new String[] {"Origin", SITE})) {
            UUID fast = UUID.randomUUID();
            UUID slow = UUID.randomUUID();
            long before = door.answered();
            HttpResponse<String> atDoor = post(plain(fast, SITE), origin);
            assertThat(atDoor.statusCode()).as(atDoor.body()).isEqualTo(201);
            assertThat(door.answered()).as("answered at the door").isEqualTo(before + 1);
            HttpResponse<String> throughMvc = post(spaced(plain(slow, SITE)), origin);
            assertThat(throughMvc.statusCode()).as(throughMvc.body()).isEqualTo(201);
            assertThat(door.answered()).as("not at the door").isEqualTo(before + 1);

            assertThat(Http.answerHeaders(atDoor)).isEqualTo(Http.answerHeaders(throughMvc));
            assertThat(Http.answerHeaders(atDoor)).containsKeys("content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy",
                    "permissions-policy", "cache-control", "vary", "content-type");
            assertThat(withoutIds(atDoor)).isEqualTo(withoutIds(throughMvc));
            assertThat(Json.of(atDoor).path("consentId").asString()).isEqualTo(fast.toString());
            assertThat(stored(fast)).isEqualTo(1);
            assertThat(stored(slow)).isEqualTo(1);
        }
        HttpResponse<String> cross = post(plain(UUID.randomUUID(), SITE), "Origin", SITE);
        assertThat(cross.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SITE);
        assertThat(cross.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    @DisplayName("L3 a choice whose batch fails is answered 503 problem+json with Retry-After at its own door as through Spring MVC, the same "
            + "body and headers, nothing stored; the next one is recorded")
    void notRecordedAtEitherDoor() {
        UUID fast = UUID.randomUUID();
        UUID slow = UUID.randomUUID();
        long before = door.answered();
        HttpResponse<String> atDoor;
        HttpResponse<String> throughMvc;
        // the table away for a moment: each batch fails, and so does each proof written again alone
        TestDatabase.asOwner(jdbc, "ALTER TABLE consent_record RENAME TO consent_record_away");
        try {
            atDoor = post(plain(fast, SITE), "Origin", SITE);
            throughMvc = post(spaced(plain(slow, SITE)), "Origin", SITE);
        } finally {
            TestDatabase.asOwner(jdbc, "ALTER TABLE consent_record_away RENAME TO consent_record");
        }
        assertThat(door.answered()).as("the first at the door, the second not").isEqualTo(before + 1);
        assertThat(atDoor.statusCode()).as(atDoor.body()).isEqualTo(503);
        assertThat(throughMvc.statusCode()).as(throughMvc.body()).isEqualTo(503);
        assertThat(atDoor.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(atDoor.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Http.answerHeaders(atDoor)).isEqualTo(Http.answerHeaders(throughMvc));
        assertThat(Json.of(atDoor)).isEqualTo(Json.of(throughMvc));
        assertThat(Json.of(atDoor).path("title").asString()).isEqualTo("Not recorded");
        assertThat(Json.of(atDoor).path("instance").asString()).isEqualTo("/consent/v1/records");
        assertThat(atDoor.body()).doesNotContain(fast.toString()).doesNotContain("Exception").doesNotContain("consent_record");
        assertThat(stored(fast)).isZero();
        assertThat(stored(slow)).isZero();

        UUID after = UUID.randomUUID();
        assertThat(post(plain(after, SITE)).statusCode()).isEqualTo(201);
        assertThat(stored(after)).isEqualTo(1);
    }

    @Test
    @DisplayName("L3 R8.5 what the door does not take reaches Spring MVC's door whole and gets its usual answer: fields named (400), another "
            + "banner, the site not the sender, an origin CORS refuses (403), another format (415), a query, an Idempotency-Key, a bearer token, "
            + "a body over its size; nothing recorded at the door")
    void everythingElseGoesOn() {
        long before = door.answered();
        record Case(String what, int status, String body, String contentType, String... headers) {}
        UUID kept = UUID.randomUUID();
        String big = plain(UUID.randomUUID(), SITE).replace("\"method\"", "\"pad\":\"" + "x".repeat(ConsentDoor.MAX_BODY) + "\",\"method\"");
        List<Case> cases = new ArrayList<>(List.of(
                new Case("consent id not a UUID", 400, plain(UUID.randomUUID(), SITE).replaceFirst("\"consentId\":\"[^\"]+\"", "\"consentId\":\"x\""),
                        "application/json"),
                new Case("another banner", 400, plain(UUID.randomUUID(), SITE).replace(version, "0123456789abcdef"), "application/json"),
                new Case("a purpose missing", 400, plain(UUID.randomUUID(), SITE).replace(",\"social-sharing\":false", ""), "application/json"),
                new Case("site not the sender", 400, plain(UUID.randomUUID(), "https://www.gestan-demo.example"), "application/json", "Origin", SITE),
                new Case("origin refused", 403, plain(UUID.randomUUID(), "https://www.elsewhere.example"), "application/json", "Origin",
                        "https://www.elsewhere.example"),
                new Case("another format", 415, plain(UUID.randomUUID(), SITE), "text/plain"),
                new Case("not JSON", 400, "{\"consentId\":", "application/json"),
                new Case("a bearer token that names nobody", 401, plain(UUID.randomUUID(), SITE), "application/json", "Authorization",
                        "Bearer nothing"),
                new Case("over the door's size, under the API's (a member the API ignores)", 201, big, "application/json"),
                new Case("an Idempotency-Key", 201, plain(kept, SITE), "application/json", "Idempotency-Key", "door-" + kept)));
        for (Case c : cases) {
            HttpResponse<String> answer = http.raw("POST", "/consent/v1/records", c.contentType(), c.body().getBytes(StandardCharsets.UTF_8),
                    c.headers());
            assertThat(answer.statusCode()).as(c.what() + ": " + answer.body()).isEqualTo(c.status());
            if (c.status() != 201 && c.status() != 403) {
                assertThat(answer.headers().firstValue("Content-Type")).as(c.what())
                        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            }
        }
        HttpResponse<String> query = http.raw("POST", "/consent/v1/records?x=1", "application/json",
                plain(UUID.randomUUID(), SITE).getBytes(StandardCharsets.UTF_8));
        assertThat(query.statusCode()).isEqualTo(201);
        HttpResponse<String> named = post(plain(UUID.randomUUID(), SITE).replaceFirst("\"consentId\":\"[^\"]+\"", "\"consentId\":\"x\""));
        assertThat(Json.of(named).path("errors").get(0).path("field").asString()).isEqualTo("consentId");
        assertThat(named.body()).doesNotContain("\"x\"");
        HttpResponse<String> replayed = post(plain(kept, SITE), "Idempotency-Key", "door-" + kept);
        assertThat(replayed.statusCode()).isEqualTo(201);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(stored(kept)).as("an Idempotency-Key's choice once").isEqualTo(1);
        assertThat(door.answered()).as("none at the door").isEqualTo(before);
    }
}
