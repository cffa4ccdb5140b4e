package org.charte.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
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
import org.jsoup.Jsoup;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Navigation data from consent.js's first-party beacon (R3.4, L8, R5.4) and the audience statistics
 * (R4.4), over real HTTP on the real database (H2, and PostgreSQL in the db suite): exempt mode keeps
 * no IP address and counts visitors by a hash whose salt changes every day; consented mode keeps what
 * the policy lists, parsed by Yauaa, under the consent id, erased when it is withdrawn; the retention
 * run erases whole months at 25 months with proofs (partitions dropped on PostgreSQL).
 */
class NavigationDataTests extends RightsTestBase {

    static final String FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

    @Autowired JdbcClient jdbc;
    @Autowired RetentionRuns runs;
    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired DataSource dataSource;

    Http anonymous;

    @BeforeEach
    void setUp() {
        anonymous = new Http(port);
    }

    /** A site of the test's own, so that counts from other tests never mix in. */
    static String site() {
        return "https://s" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    static String beacon(String site, String page, String referrer, UUID consentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("site", site);
        body.put("page", page);
        if (referrer != null) {
            body.put("referrer", referrer);
        }
        if (consentId != null) {
            body.put("consentId", consentId.toString());
        }
        return Json.write(body);
    }

    HttpResponse<String> send(String body, String userAgent) {
        return anonymous.raw("POST", "/consent/v1/beacon/script", "text/plain;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8), "User-Agent", userAgent);
    }

    String version() {
        Matcher v = Pattern.compile("\\{\"v\":\"([0-9a-f]{16})\"").matcher(anonymous.get("/consent/v1/consent.js").body());
        assertThat(v.find()).isTrue();
        return v.group(1);
    }

    void choose(UUID consentId, boolean audience) {
        HttpResponse<String> created = anonymous.raw("POST", "/consent/v1/records", "application/json",
                ConsentRecordsTests.choice(consentId, version(), "banner", audience, false).getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    @DisplayName("L8 R3.4 exempt measurement needs no consent, keeps no IP address (the country at most) and counts a visitor by a hash of its own site whose salt changes every day and is forgotten")
    void exemptKeepsNoAddressAndRotatesTheHash() {
        String site = site();
        HttpResponse<String> sent = send(beacon(site, "/tarifs?email=jean@example.org#x", "https://www.search.example/q?s=gestan", null), FIREFOX);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(204);
        assertThat(sent.headers().allValues("Set-Cookie")).as("no cookie").isEmpty();
        Map<String, Object> row = jdbc.sql("SELECT * FROM navigation_exempt_event WHERE site = ?").param(site).query().singleRow();
        assertThat(row.keySet().stream().map(k -> k.toLowerCase()).toList()).as("no column for an address, an agent or a consent")
                .noneMatch(c -> c.contains("ip") || c.contains("agent") || c.contains("consent"));
        assertThat(row.values().stream().map(String::valueOf).toList()).as("the address is nowhere")
                .noneMatch(v -> v.contains("127.0.0.1") || v.contains("Mozilla") || v.contains("jean@example.org"));
        Map<String, Object> lower = new LinkedHashMap<>();
        row.forEach((k, v) -> lower.put(k.toLowerCase(), v));
        assertThat(lower.get("page")).as("no query, no fragment").isEqualTo("/tarifs");
        assertThat(lower.get("referrer_host")).as("only the referring site").isEqualTo("www.search.example");
        assertThat(lower.get("browser")).isEqualTo("Firefox");
        assertThat(lower.get("os")).isEqualTo("Windows NT");
        assertThat(lower.get("country")).as("a loopback address has no country").isNull();
        String today = (String) lower.get("visitor");
        assertThat(today).matches("[0-9a-f]{32}");
        assertThat(count("SELECT COUNT(*) FROM navigation_consented_event WHERE site = ?", site)).isZero();

        send(beacon(site, "/contact", site + "/tarifs", null), FIREFOX);
        assertThat(jdbc.sql("SELECT DISTINCT visitor FROM navigation_exempt_event WHERE site = ?").param(site).query(String.class).list())
                .as("the same visitor the same day").containsExactly(today);
        String other = site();
        assertThat(send(beacon(other, "/tarifs", null, null), FIREFOX).statusCode()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT visitor FROM navigation_exempt_event WHERE site = ?").param(other).query(String.class).single())
                .as("no cross-site: the same person the same day is another visitor on another site").isNotEqualTo(today);

        clock.advance(Duration.ofDays(1));
        assertThat(send(beacon(site, "/tarifs", null, null), FIREFOX).statusCode()).isEqualTo(204);
        LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), Zones.PARIS);
        String next = jdbc.sql("SELECT visitor FROM navigation_exempt_event WHERE site = ? AND view_day = ?").params(site, tomorrow)
                .query(String.class).single();
        assertThat(next).as("the next day, another hash for the same person").isNotEqualTo(today);
        assertThat(jdbc.sql("SELECT salt_day FROM navigation_salt").query(LocalDate.class).list()).as("yesterday's salt is forgotten")
                .containsExactly(tomorrow);
    }

    @Test
    @DisplayName("R3.4 with consent to audience measurement the beacon keeps what the policy lists: IP address, browser and system with versions parsed by Yauaa, time, referrer, page, under the consent id; without that consent only the exempt data")
    void consentedParsesTheAgentAndTiesToTheConsentId() {
        String site = site();
        UUID accepted = UUID.randomUUID();
        choose(accepted, true);
        HttpResponse<String> sent = send(beacon(site, "/offres", "https://news.example/article?id=3", accepted), ConsentRecordsTests.CHROME);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(204);
        Map<String, Object> row = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM navigation_consented_event WHERE consent_id = ?").param(accepted).query().singleRow()
                .forEach((k, v) -> row.put(k.toLowerCase(), v));
        assertThat(row.get("ip_address")).isEqualTo("127.0.0.1");
        assertThat(row.get("browser")).isEqualTo("Chrome");
        assertThat(row.get("browser_version")).as("Chrome says its major version only").isEqualTo("139");
        assertThat(row.get("os")).isEqualTo("Linux");
        assertThat(row.get("page")).isEqualTo("/offres");
        assertThat(row.get("referrer")).as("the referrer without its query").isEqualTo("https://news.example/article");
        assertThat(row.get("site")).isEqualTo(site);
        assertThat(count("SELECT COUNT(*) FROM navigation_exempt_event WHERE site = ?", site)).as("counted once, in one mode").isZero();

        UUID refused = UUID.randomUUID();
        choose(refused, false);
        assertThat(send(beacon(site, "/offres", null, refused), ConsentRecordsTests.CHROME).statusCode()).isEqualTo(204);
        UUID unknown = UUID.randomUUID();
        assertThat(send(beacon(site, "/offres", null, unknown), ConsentRecordsTests.CHROME).statusCode()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM navigation_consented_event WHERE consent_id IN (?, ?)", refused, unknown))
                .as("no consented data without audience consent on record").isZero();
        assertThat(count("SELECT COUNT(*) FROM navigation_exempt_event WHERE site = ?", site)).as("kept as exempt measurement").isEqualTo(2);
    }

    @Test
    @DisplayName("R3.4 L8 withdrawing audience consent erases the navigation data collected under that consent id at once; another id's stays")
    void withdrawalErases() {
        String site = site();
        UUID withdrawing = UUID.randomUUID();
        UUID staying = UUID.randomUUID();
        choose(withdrawing, true);
        choose(staying, true);
        for (int i = 0; i < 3; i++) {
            assertThat(send(beacon(site, "/p" + i, null, withdrawing), FIREFOX).statusCode()).isEqualTo(204);
        }
        assertThat(send(beacon(site, "/p", null, staying), FIREFOX).statusCode()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM navigation_consented_event WHERE consent_id = ?", withdrawing)).isEqualTo(3);

        choose(withdrawing, false);
        assertThat(count("SELECT COUNT(*) FROM navigation_consented_event WHERE consent_id = ?", withdrawing)).as("erased with the withdrawal").isZero();
        assertThat(count("SELECT COUNT(*) FROM navigation_consented_event WHERE consent_id = ?", staying)).isEqualTo(1);
        assertThat(send(beacon(site, "/after", null, withdrawing), FIREFOX).statusCode()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM navigation_consented_event WHERE consent_id = ?", withdrawing)).as("nothing more under it").isZero();
    }

    @Test
    @DisplayName("R5.4 L8 the retention run erases navigation data at 25 months by whole months, exempt and consented, with a proof of erasure each (on PostgreSQL the month's partitions are dropped); younger months stay")
    void retentionAtTwentyFiveMonths() throws SQLException {
        String site = site();
        UUID consent = UUID.randomUUID();
        clock.advance(Duration.ofDays(-800));
        YearMonth oldMonth = YearMonth.from(LocalDate.ofInstant(clock.instant(), Zones.PARIS));
        choose(consent, true);
        assertThat(send(beacon(site, "/old", null, null), FIREFOX).statusCode()).isEqualTo(204);
        assertThat(send(beacon(site, "/old", null, consent), FIREFOX).statusCode()).isEqualTo(204);
        clock.reset();
        clock.advance(Duration.ofDays(-700));
        YearMonth keptMonth = YearMonth.from(LocalDate.ofInstant(clock.instant(), Zones.PARIS));
        assertThat(send(beacon(site, "/kept", null, null), FIREFOX).statusCode()).isEqualTo(204);
        clock.reset();
        LocalDate today = LocalDate.ofInstant(clock.instant(), Zones.PARIS);
        boolean pg;
        try (Connection c = dataSource.getConnection()) {
            pg = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
        if (pg) {
            String partition = "navigation_exempt_event_" + oldMonth.getYear() + "m" + String.format("%02d", oldMonth.getMonthValue());
            assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ?", partition))
                    .as("PostgreSQL: the month's partition, made by the application").isEqualTo(1);
        }

        Report dry = runs.run(new Request(today, true, Trigger.API, 7), RetentionRuns.ProgressListener.NONE);
        assertThat(dry.rules()).filteredOn(r -> r.ruleId().equals("navigation-data")).singleElement()
                .satisfies(r -> assertThat(r.erased()).isGreaterThanOrEqualTo(3));
        assertThat(count("SELECT COUNT(*) FROM navigation_exempt_event WHERE site = ? AND page = '/old'", site)).as("a dry run erases nothing").isEqualTo(1);

        Report run = runs.run(new Request(today, false, Trigger.API, 7), RetentionRuns.ProgressListener.NONE);
        assertThat(run.rules()).filteredOn(r -> r.ruleId().equals("navigation-data")).singleElement()
                .satisfies(r -> assertThat(r.erased()).isGreaterThanOrEqualTo(3));
        assertThat(count("SELECT COUNT(*) FROM navigation_exempt_event WHERE site = ? AND page = '/old'", site)).isZero();
        assertThat(count("SELECT COUNT(*) FROM navigation_consented_event WHERE consent_id = ?", consent)).isZero();
        assertThat(count("SELECT COUNT(*) FROM navigation_visitor WHERE site = ? AND view_day < ?", site, oldMonth.plusMonths(1).atDay(1))).isZero();
        assertThat(count("SELECT COUNT(*) FROM navigation_exempt_event WHERE site = ? AND page = '/kept'", site)).as("23 months old: kept").isEqualTo(1);
        List<String> types = new ArrayList<>();
        runs.proofs(run.id(), 10_000).stream().filter(p -> p.ruleId().equals("navigation-data")).forEach(p -> types.add(p.recordType()));
        assertThat(types).hasSizeGreaterThanOrEqualTo(3).containsOnly("navigation-month");
        assertThat(runs.proofs(run.id(), 10_000)).anySatisfy(p ->
                assertThat(p.recordHash()).isEqualTo(runs.proofHash(NavigationDataRetention.Unit.of("exempt", oldMonth).id())));
        if (pg) {
            for (String table : List.of("navigation_exempt_event_", "navigation_consented_event_")) {
                String old = table + oldMonth.getYear() + "m" + String.format("%02d", oldMonth.getMonthValue());
                String kept = table + keptMonth.getYear() + "m" + String.format("%02d", keptMonth.getMonthValue());
                assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ?", old)).as(old + " dropped").isZero();
                assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ?", kept)).as(kept + " stays").isEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("R4.4 L8 the DPO reads audience statistics (visits, unique visitors per day, pages, entry pages, referrers, browsers, systems, countries) in JSON, CSV and on a page with a server-drawn SVG chart, small cells suppressed; no raw event, no address")
    void statisticsSmallCellsSuppressed() {
        String site = site();
        for (int i = 0; i < 12; i++) {
            assertThat(send(beacon(site, "/accueil", "https://www.search.example/?q=" + i, null), FIREFOX).statusCode()).isEqualTo(204);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(send(beacon(site, "/rare", site + "/accueil", null), FIREFOX).statusCode()).isEqualTo(204);
        }
        Relationship world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        commitments.sign(world.dpo().id());
        Staff dpo = world.dpo();
        String query = "?site=" + site;
        HttpResponse<String> json = dpo.http().get("/api/v1/cookies/audience" + query);
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        JsonNode body = Json.of(json);
        assertThat(body.path("minCell").asInt()).isEqualTo(10);
        assertThat(body.path("views").asLong()).isEqualTo(15);
        assertThat(body.path("visits").asLong()).isEqualTo(12);
        JsonNode todayNode = body.path("days").get(body.path("days").size() - 1);
        assertThat(todayNode.path("views").asLong()).isEqualTo(15);
        assertThat(todayNode.path("visitors").isNull()).as("one visitor: suppressed").isTrue();
        JsonNode pages = body.path("lists").path("page");
        assertThat(pages.path("items")).hasSize(1);
        assertThat(pages.path("items").get(0).path("item").asString()).isEqualTo("/accueil");
        assertThat(pages.path("items").get(0).path("views").asLong()).isEqualTo(12);
        assertThat(pages.path("suppressed").asInt()).as("/rare: 3 views, left out").isEqualTo(1);
        assertThat(body.path("lists").path("entry").path("items").get(0).path("visits").asLong()).isEqualTo(12);
        assertThat(body.path("lists").path("referrer").path("items").get(0).path("item").asString()).isEqualTo("www.search.example");
        assertThat(body.path("lists").path("browser").path("items").get(0).path("item").asString()).isEqualTo("Firefox");
        assertThat(body.path("lists").path("system").path("items").get(0).path("views").asLong()).isEqualTo(15);
        assertThat(body.path("lists").path("country").path("items").get(0).path("item").asString()).isEqualTo("--");
        assertThat(json.body()).doesNotContain("/rare").doesNotContain("ipAddress").doesNotContain("consentId").doesNotContain("visitor\"");

        HttpResponse<String> csv = dpo.http().get("/api/v1/cookies/audience.csv" + query);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("section,item,views,visits,visitors").contains("page,\"/accueil\",12,12,").doesNotContain("/rare");

        HttpResponse<String> page = dpo.http().get("/backoffice/cookies/frequentation" + query);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Fréquentation des sites").contains("<svg").contains("Pages d&#39;entrée").contains("/accueil")
                .doesNotContain("/rare");
        assertThat(dpo.http().get("/backoffice/cookies/frequentation?lang=en&site=" + site).body()).contains("Site audience")
                .contains("Entry pages").contains("Unique visitors");
        // The message never repeats what was typed; only the language link keeps the query, as typed, to switch language (L10).
        assertThat(Jsoup.parse(dpo.http().get("/backoffice/cookies/frequentation?from=xyzzy").body()).select("main").text())
                .contains("La date de début doit être une date").doesNotContain("xyzzy");
        assertThat(dpo.http().get("/backoffice").body()).contains("/backoffice/cookies/frequentation");
        HttpResponse<String> bad = dpo.http().get("/api/v1/cookies/audience?from=2020-01-01&to=2099-01-01&site=xyzzy");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"to\"").contains("\"site\"").doesNotContain("xyzzy");

        Staff adv = world.staff("adv");
        assertThat(adv.http().get("/api/v1/cookies/audience").statusCode()).isEqualTo(403);
        assertThat(adv.http().get("/backoffice/cookies/frequentation").statusCode()).isEqualTo(403);
        assertThat(anonymous.get("/api/v1/cookies/audience").statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("R3.4 R8.5 a malformed beacon is refused with a problem+json naming each field, never echoing it, writing nothing; no sign-in needed")
    void malformedBeacon() {
        String site = site();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("site", beacon("javascript:xyzzy", "/", null, null));
        cases.put("page", beacon(site, "xyzzy", null, null));
        cases.put("referrer", beacon(site, "/", "ftp://xyzzy", null));
        cases.put("consentId", beacon(site, "/", null, null).replace("}", ",\"consentId\":\"xyzzy\"}"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = send(c.getValue(), FIREFOX);
            assertThat(response.statusCode()).as(c.getKey() + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(response.body()).as(c.getKey()).contains("\"" + c.getKey() + "\"").doesNotContain("xyzzy");
        }
        HttpResponse<String> tooLong = send(beacon(site, "/" + "a".repeat(2000), null, null), FIREFOX);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("\"page\"");
        HttpResponse<String> huge = send(beacon(site, "/", null, null) + " ".repeat(5000), FIREFOX);
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(huge.body()).contains("\"body\"");
        HttpResponse<String> notJson = send("{xyzzy", FIREFOX);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"body\"").doesNotContain("xyzzy");
        HttpResponse<String> wrongType = send(beacon(site, "/", null, null).replace("\"page\":\"/\"", "\"page\":[\"xyzzy\"]"), FIREFOX);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("\"page\"").doesNotContain("xyzzy");
        HttpResponse<String> empty = anonymous.raw("POST", "/consent/v1/beacon/script", "text/plain", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(count("SELECT COUNT(*) FROM navigation_exempt_event WHERE site = ?", site)).isZero();
        HttpResponse<String> json = anonymous.raw("POST", "/consent/v1/beacon", "application/json",
                beacon(site, "/", null, null).getBytes(StandardCharsets.UTF_8));
        assertThat(json.statusCode()).as("application/json too").isEqualTo(204);
        HttpResponse<String> form = anonymous.raw("POST", "/consent/v1/beacon", "application/x-www-form-urlencoded", "site=xyzzy".getBytes(StandardCharsets.UTF_8));
        assertThat(form.statusCode()).isEqualTo(415);
    }
}
