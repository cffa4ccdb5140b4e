package org.charte.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.testing.Http;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * CORS over real HTTP (R9.11, L3): the company's site the policy names (its website,
 * https://www.gestan.fr) may fetch consent.js and record choices from its pages, preflight
 * answered; any other origin is refused before anything is recorded.
 */
class ConsentCorsTests extends RightsTestBase {

    static final String SITE = "https://www.gestan.fr";
    static final String OTHER = "https://www.elsewhere.example";

    @Autowired JdbcClient jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    String version() {
        Matcher v = Pattern.compile("\\{\"v\":\"([0-9a-f]{16})\"").matcher(http.get("/consent/v1/consent.js").body());
        assertThat(v.find()).isTrue();
        return v.group(1);
    }

    HttpResponse<String> preflight(String path, String origin, String method) {
        return http.raw("OPTIONS", path, null, null, "Origin", origin, "Access-Control-Request-Method", method,
                "Access-Control-Request-Headers", "content-type");
    }

    HttpResponse<String> post(UUID consentId, String origin) {
        String body = ConsentRecordsTests.choice(consentId, version(), "banner", false, true).replace(ConsentRecordsTests.SITE, origin);
        return http.raw("POST", "/consent/v1/records", "application/json", body.getBytes(StandardCharsets.UTF_8), "Origin", origin);
    }

    long records(UUID consentId) {
        return jdbc.sql("SELECT COUNT(*) FROM consent_record WHERE consent_id = ?").param(consentId).query(Long.class).single();
    }

    @Test
    @DisplayName("L3 R9.11 the policy's website gets its preflight answered, records a choice cross-origin and loads consent.js, without credentials")
    void allowedOrigin() {
        HttpResponse<String> preflight = preflight("/consent/v1/records", SITE, "POST");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SITE);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("POST"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(h -> assertThat(h.toLowerCase()).contains("content-type"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        UUID consentId = UUID.randomUUID();
        HttpResponse<String> recorded = post(consentId, SITE);
        assertThat(recorded.statusCode()).isEqualTo(201);
        assertThat(recorded.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SITE);
        assertThat(records(consentId)).isEqualTo(1);

        HttpResponse<String> read = http.get("/consent/v1/records/" + consentId, "Origin", SITE);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SITE);

        HttpResponse<String> script = http.get("/consent/v1/consent.js", "Origin", SITE);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SITE);
        assertThat(preflight("/consent/v1/consent.css", SITE, "GET").headers().firstValue("Access-Control-Allow-Origin")).hasValue(SITE);
    }

    @Test
    @DisplayName("L3 R9.11 any other origin is refused: its preflight gets no CORS answer, its choice is not recorded, consent.js is not shared with it")
    void otherOriginRefused() {
        HttpResponse<String> preflight = preflight("/consent/v1/records", OTHER, "POST");
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        UUID consentId = UUID.randomUUID();
        HttpResponse<String> refused = post(consentId, OTHER);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(records(consentId)).as("nothing recorded from a foreign origin").isZero();

        HttpResponse<String> script = http.get("/consent/v1/consent.js", "Origin", OTHER);
        assertThat(script.statusCode()).isEqualTo(403);
        assertThat(script.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight("/consent/v1/records", SITE, "DELETE").statusCode()).as("a method not allowed").isEqualTo(403);
        assertThat(http.get("/consent/v1/consent.js").statusCode()).as("a plain script tag sends no Origin: still served").isEqualTo(200);
    }

    @Test
    @DisplayName("L3 R3.4 a page of an allowed site cannot record a choice or a page view in another site's name, and a foreign page's beacon is refused")
    void siteMustBeTheSender() {
        UUID consentId = UUID.randomUUID();
        String body = ConsentRecordsTests.choice(consentId, version(), "banner", false, true).replace(ConsentRecordsTests.SITE, "https://shop.gestan.example");
        HttpResponse<String> forged = http.raw("POST", "/consent/v1/records", "application/json", body.getBytes(StandardCharsets.UTF_8), "Origin", SITE);
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("\"site\"").doesNotContain("shop.gestan.example");
        assertThat(records(consentId)).isZero();

        String site = "https://s" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String view = "{\"site\":\"" + site + "\",\"page\":\"/\"}";
        HttpResponse<String> foreign = http.raw("POST", "/consent/v1/beacon/script", "text/plain", view.getBytes(StandardCharsets.UTF_8), "Origin", OTHER);
        assertThat(foreign.statusCode()).isEqualTo(403);
        HttpResponse<String> misnamed = http.raw("POST", "/consent/v1/beacon/script", "text/plain", view.getBytes(StandardCharsets.UTF_8), "Origin", SITE);
        assertThat(misnamed.statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM navigation_exempt_event WHERE site = ?").param(site).query(Long.class).single()).isZero();
    }

    @Test
    @DisplayName("L3 R3.4 consent.js's doors refuse a body over 16 KB with 413 before reading it whole, and record nothing")
    void bodiesAreSmall() {
        UUID consentId = UUID.randomUUID();
        String body = ConsentRecordsTests.choice(consentId, version(), "banner", false, true);
        String padded = body.substring(0, body.length() - 1) + ",\"pad\":\"" + "x".repeat(600 * 1024) + "\"}";
        HttpResponse<String> refused = http.raw("POST", "/consent/v1/records", "application/json", padded.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(records(consentId)).isZero();
        HttpResponse<String> beacon = http.raw("POST", "/consent/v1/beacon/script", "text/plain", ("{\"site\":\"" + "x".repeat(20_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(beacon.statusCode()).isEqualTo(413);
    }
}
