package org.charte.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.common.Zones;
import org.charte.retention.RetentionRuns;
import org.charte.retention.RetentionRuns.Report;
import org.charte.retention.RetentionRuns.Request;
import org.charte.retention.RetentionRuns.Trigger;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The proof of every cookie choice (L3, R9.11) over real HTTP on the real database (H2, and
 * PostgreSQL in the db suite): consent.js and its configuration, recording and reading a choice, GPC,
 * malformed input, and the DPO's aggregate.
 */
class ConsentRecordsTests extends RightsTestBase {

    static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36";
    static final String SITE = "https://www.gestan-demo.example";

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired RetentionRuns runs;

    Http anonymous;

    @BeforeEach
    void setUp() {
        anonymous = new Http(port);
    }

    String version() {
        return version(anonymous);
    }

    /** The banner version in force, as consent.js's configuration names it. */
    static String version(Http anonymous) {
        Matcher v = Pattern.compile("\\{\"v\":\"([0-9a-f]{16})\"").matcher(anonymous.get("/consent/v1/consent.js").body());
        assertThat(v.find()).as("the configuration names the banner version").isTrue();
        return v.group(1);
    }

    static String choice(UUID consentId, String version, String method, boolean audience, boolean sharing) {
        return Json.write(Map.of("consentId", consentId.toString(), "bannerVersion", version, "method", method, "site", SITE,
                "language", "fr", "choices", Map.of("audience", audience, "social-sharing", sharing)));
    }

    HttpResponse<String> post(String body, String... headers) {
        return anonymous.raw("POST", "/consent/v1/records", "application/json", body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    @DisplayName("R9.11 R4.4 consent.js is served with its configuration from the policy (purposes, labels FR/EN, lifetimes, cookies), at most 15 KB and 6 KB gzipped, with its styles")
    void scriptServed() {
        long before = clock.instant().toEpochMilli();
        HttpResponse<String> script = anonymous.get("/consent/v1/consent.js");
        long after = clock.instant().toEpochMilli();
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(script.headers().firstValue("Cache-Control").orElseThrow()).contains("no-cache");
        byte[] bytes = script.body().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).as("the script served, configuration included").isLessThanOrEqualTo(15 * 1024);
        assertThat(gzip(bytes).length).as("gzipped").isLessThanOrEqualTo(6 * 1024);
        assertThat(script.body()).contains("\"id\":\"audience\"").contains("\"id\":\"social-sharing\"")
                .contains("Mesure de fréquentation et d'audience").contains("Audience measurement")
                .contains("\"n\":\"charte_audience\"").contains("\"by\":\"LinkedIn\"").contains("13 mois").contains("13 months")
                .contains("Tout accepter").contains("Tout refuser").contains("Personnaliser").contains("Refuse all")
                .contains("\"name\":\"charte_consent\"").doesNotContain("/*CONFIG*/")
                .doesNotContain("http://").doesNotContain("https://");
        Matcher exp = Pattern.compile("\"exp\":(\\d+),\"reask\":(\\d+)").matcher(script.body());
        assertThat(exp.find()).isTrue();
        long thirteenMonths = Long.parseLong(exp.group(1));
        long sixMonths = Long.parseLong(exp.group(2));
        assertThat(thirteenMonths).as("R5.4 the choice cookie's max-age: 13 months at most").isBetween(393L * 86400, 397L * 86400);
        assertThat(sixMonths).as("L3 asked again after 6 months").isBetween(181L * 86400, 185L * 86400);
        Matcher now = Pattern.compile("\"now\":(\\d+)").matcher(script.body());
        assertThat(now.find()).isTrue();
        assertThat(Long.parseLong(now.group(1))).as("the server's time").isBetween(before, after);
        HttpResponse<String> css = anonymous.get("/consent/v1/consent.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).contains("#cc").contains("outline");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_banner WHERE version = ?").param(version()).query(Long.class).single())
                .as("what the version showed is kept").isEqualTo(1);
    }

    @Test
    @DisplayName("R9.11 consent.js requested with Sec-GPC: 1 (or DNT: 1, honoured by the policy) is served knowing the signal, so the page shows no banner; caches keep one answer per signal")
    void scriptServedWithTheSignal() {
        HttpResponse<String> plain = anonymous.get("/consent/v1/consent.js");
        assertThat(plain.body()).doesNotContain("\"sig\":");
        assertThat(String.join(", ", plain.headers().allValues("Vary"))).contains("Sec-GPC").contains("DNT");
        assertThat(anonymous.get("/consent/v1/consent.js", "Sec-GPC", "1").body()).contains("\"sig\":\"gpc\"");
        assertThat(anonymous.get("/consent/v1/consent.js", "Sec-GPC", " 1 ", "DNT", "1").body()).as("GPC first").contains("\"sig\":\"gpc\"");
        assertThat(anonymous.get("/consent/v1/consent.js", "DNT", "1").body()).contains("\"sig\":\"dnt\"");
        for (String[] noSignal : List.of(new String[] {"Sec-GPC", "0"}, new String[] {"DNT", "0"}, new String[] {"Sec-GPC", "11"},
                new String[] {"Sec-GPC", "x".repeat(4000)})) {
            HttpResponse<String> script = anonymous.get("/consent/v1/consent.js", noSignal);
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.body()).as(noSignal[0] + " not 1").doesNotContain("\"sig\":");
        }
    }

    @Test
    @DisplayName("L3 R9.11 a refusal is recorded and acknowledged once committed, with the server's time, the site, the language and the browser family; no IP, no User-Agent; readable by its consent id")
    void refusalRecordedAndReadable() {
        UUID consentId = UUID.randomUUID();
        String version = version();
        Instant before = clock.instant();
        HttpResponse<String> created = post(choice(consentId, version, "banner", false, false), "User-Agent", CHROME);
        Instant after = clock.instant();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode proof = Json.of(created);
        assertThat(proof.path("consentId").asString()).isEqualTo(consentId.toString());
        assertThat(proof.path("bannerVersion").asString()).isEqualTo(version);
        assertThat(proof.path("method").asString()).isEqualTo("banner");
        assertThat(proof.path("browser").asString()).isEqualTo("chrome");
        assertThat(proof.path("choices").path("audience").asBoolean(true)).isFalse();
        assertThat(Instant.parse(proof.path("recordedAt").asString())).as("the server's time").isBetween(before, after);
        UUID recordId = UUID.fromString(proof.path("recordId").asString());
        assertThat(ConsentBrowserTests.choices(jdbc.sql("SELECT choices FROM consent_record WHERE id = ?").param(recordId).query(String.class).single()))
                .as("committed before the answer").containsOnlyKeys("audience", "social-sharing").doesNotContainValue(true);
        List<String> columns = jdbc.sql("SELECT column_name FROM information_schema.columns WHERE LOWER(table_name) = 'consent_record'")
                .query(String.class).list().stream().map(c -> c.toLowerCase()).toList();
        assertThat(columns).contains("consent_id", "banner_version", "browser", "recorded_at").noneMatch(c -> c.contains("ip") || c.contains("agent"));

        post(choice(consentId, version, "settings", true, false), "User-Agent", CHROME);
        HttpResponse<String> read = anonymous.get("/consent/v1/records/" + consentId);
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode records = Json.of(read).path("records");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).path("choices").path("audience").asBoolean(true)).isFalse();
        assertThat(records.get(1).path("method").asString()).isEqualTo("settings");
        assertThat(records.get(1).path("choices").path("audience").asBoolean()).isTrue();
        assertThat(records.get(1).path("site").asString()).isEqualTo(SITE);
        assertThat(records.get(1).path("language").asString()).isEqualTo("fr");
        assertThat(read.body()).doesNotContain("127.0.0.1").doesNotContain("Mozilla");

        HttpResponse<String> unknown = anonymous.get("/consent/v1/records/" + UUID.randomUUID());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("R9.11 a choice posted with Sec-GPC: 1 is recorded as a GPC refusal of every purpose, whatever it said")
    void globalPrivacyControlHeader() {
        UUID consentId = UUID.randomUUID();
        HttpResponse<String> created = post(choice(consentId, version(), "banner", true, true), "Sec-GPC", "1");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode proof = Json.of(created);
        assertThat(proof.path("method").asString()).isEqualTo("gpc");
        assertThat(proof.path("choices").path("audience").asBoolean(true)).isFalse();
        assertThat(proof.path("choices").path("social-sharing").asBoolean(true)).isFalse();
        assertThat(jdbc.sql("SELECT method FROM consent_record WHERE consent_id = ?").param(consentId).query(String.class).single()).isEqualTo("gpc");
    }

    @Test
    @DisplayName("L3 R8.5 malformed choices are refused with a problem+json naming each field, never echoing it, writing nothing")
    void malformed() {
        String version = version();
        long before = jdbc.sql("SELECT COUNT(*) FROM consent_record").query(Long.class).single();
        List<String> refused = new ArrayList<>();
        Map<String, String> cases = Map.of(
                "consentId", choice(UUID.randomUUID(), version, "banner", false, false).replaceFirst("\"consentId\":\"[^\"]+\"", "\"consentId\":\"not-an-id-xyzzy\""),
                "bannerVersion", choice(UUID.randomUUID(), "0123456789abcdef", "banner", false, false),
                "method", choice(UUID.randomUUID(), version, "xyzzy", false, false),
                "site", choice(UUID.randomUUID(), version, "banner", false, false).replace(SITE, "javascript:xyzzy"),
                "language", choice(UUID.randomUUID(), version, "banner", false, false).replace("\"language\":\"fr\"", "\"language\":\"xyzzy\""),
                "choices.social-sharing", choice(UUID.randomUUID(), version, "banner", false, false).replace(",\"social-sharing\":false", "").replace("\"social-sharing\":false,", ""),
                "choices", choice(UUID.randomUUID(), version, "banner", false, false).replace("\"audience\":false", "\"audience\":false,\"xyzzy\":true"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = post(c.getValue());
            assertThat(response.statusCode()).as(c.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(response.body()).as(c.getKey()).contains("\"" + c.getKey() + "\"").doesNotContain("xyzzy");
            refused.add(c.getKey());
        }
        HttpResponse<String> empty = anonymous.raw("POST", "/consent/v1/records", "application/json", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("body");
        HttpResponse<String> notJson = anonymous.raw("POST", "/consent/v1/records", "application/json", "{xyzzy".getBytes(StandardCharsets.UTF_8));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).doesNotContain("xyzzy");
        HttpResponse<String> text = anonymous.raw("POST", "/consent/v1/records", "text/plain", "xyzzy".getBytes(StandardCharsets.UTF_8));
        assertThat(text.statusCode()).isEqualTo(415);
        String longSite = choice(UUID.randomUUID(), version, "banner", false, false).replace(SITE, "https://" + "a".repeat(300) + ".example");
        assertThat(post(longSite).body()).contains("\"site\"");
        HttpResponse<String> badId = anonymous.get("/consent/v1/records/xyzzy");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("consentId");
        assertThat(Json.of(badId).path("errors").toString()).doesNotContain("xyzzy");
        assertThat(refused).hasSize(7);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_record").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    @DisplayName("L3 R4.2 the DPO reads acceptances and refusals per banner version and purpose, small cells suppressed, in JSON and on a page with server-drawn SVG bars; no consent id; audited as an aggregate")
    void aggregateForTheDpo() {
        Relationship world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        commitments.sign(world.dpo().id());
        Staff dpo = world.dpo();
        String version = version();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            assertThat(post(choice(id, version, "banner", i < 11, false)).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> json = dpo.http().get("/api/v1/cookies/statistics");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        JsonNode body = Json.of(json);
        assertThat(body.path("purpose").asString()).isEqualTo("compliance-checks");
        assertThat(body.path("minCell").asInt()).isEqualTo(10);
        JsonNode audience = null;
        for (JsonNode cell : body.path("cells")) {
            if (cell.path("bannerVersion").asString().equals(version) && cell.path("cookiePurpose").asString().equals("audience")) {
                audience = cell;
            }
        }
        assertThat(audience).isNotNull();
        assertThat(audience.path("accepted").asLong()).isGreaterThanOrEqualTo(11);
        for (UUID id : ids) {
            assertThat(json.body()).doesNotContain(id.toString());
        }
        HttpResponse<String> page = dpo.http().get("/backoffice/cookies/statistiques");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Choix en matière de cookies").contains("<svg").contains(version);
        assertThat(dpo.http().get("/backoffice/cookies/statistiques?lang=en").body()).contains("Cookie choices").contains("Acceptance rate");
        assertThat(dpo.http().get("/backoffice").body()).contains("/backoffice/cookies/statistiques");

        Staff adv = world.staff("adv");
        assertThat(adv.http().get("/api/v1/cookies/statistics").statusCode()).isEqualTo(403);
        assertThat(adv.http().get("/backoffice/cookies/statistiques").statusCode()).isEqualTo(403);
        assertThat(anonymous.get("/api/v1/cookies/statistics").statusCode()).isEqualTo(401);
        List<AuditEntry> reads = audit.recent(50).stream().filter(e -> e.event().resourceType().equals("aggregate")
                && e.event().purpose().equals("compliance-checks")).toList();
        assertThat(reads).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + dpo.id());
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.ALLOWED);
            assertThat(e.event().subjectId()).isNull();
        });
        assertThat(reads).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + adv.id());
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.DENIED);
        });
    }

    @Test
    @DisplayName("R5.4 L3 the retention run erases the proofs of cookie choices 13 months after they were made, under the cookie-choices rule, with a proof of erasure each; younger proofs stay")
    void proofsErasedByTheRetentionRun() {
        String version = version();
        UUID old = UUID.randomUUID();
        clock.advance(Duration.ofDays(-400));
        assertThat(post(choice(old, version, "banner", true, false)).statusCode()).isEqualTo(201);
        clock.reset();
        UUID recent = UUID.randomUUID();
        assertThat(post(choice(recent, version, "banner", false, false)).statusCode()).isEqualTo(201);
        UUID oldRecord = jdbc.sql("SELECT id FROM consent_record WHERE consent_id = ?").param(old).query(UUID.class).single();
        LocalDate today = LocalDate.ofInstant(clock.instant(), Zones.PARIS);

        Report dry = runs.run(new Request(today, true, Trigger.API, 7), RetentionRuns.ProgressListener.NONE);
        assertThat(dry.rules()).filteredOn(r -> r.ruleId().equals("personalisation-cookies")).singleElement()
                .satisfies(r -> assertThat(r.erased()).isGreaterThanOrEqualTo(1));
        assertThat(anonymous.get("/consent/v1/records/" + old).statusCode()).as("a dry run erases nothing").isEqualTo(200);

        Report run = runs.run(new Request(today, false, Trigger.API, 7), RetentionRuns.ProgressListener.NONE);
        assertThat(run.rules()).filteredOn(r -> r.ruleId().equals("personalisation-cookies")).singleElement()
                .satisfies(r -> assertThat(r.erased()).isGreaterThanOrEqualTo(1));
        assertThat(anonymous.get("/consent/v1/records/" + old).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_record WHERE id = ?").param(oldRecord).query(Long.class).single())
                .as("the proof, its choices with it").isZero();
        assertThat(anonymous.get("/consent/v1/records/" + recent).statusCode()).as("a proof of today stays").isEqualTo(200);
        assertThat(runs.proofs(run.id(), 10_000)).anySatisfy(p -> {
            assertThat(p.ruleId()).isEqualTo("personalisation-cookies");
            assertThat(p.recordType()).isEqualTo("consent-record");
            assertThat(p.recordHash()).isEqualTo(runs.proofHash(oldRecord));
        });
    }

    @Test
    @DisplayName("R9.11 the demo site holds its audience tag and share button as text/plain until consent, and loads consent.js")
    void demoSite() {
        HttpResponse<String> page = anonymous.get("/demo/site");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"fr\"").contains("type=\"text/plain\" data-purpose=\"audience\"")
                .contains("type=\"text/plain\" data-purpose=\"social-sharing\"").contains("/consent/v1/consent.js").contains("Gérer mes cookies");
        assertThat(anonymous.get("/demo/site?lang=en").body()).contains("<html lang=\"en\"").contains("Cookie settings");
        assertThat(page.headers().allValues("Set-Cookie")).as("no cookie from the page itself").isEmpty();
    }
}
