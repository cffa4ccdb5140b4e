package org.charte.registers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.Objections;
import org.charte.access.StaffDirectory;
import org.charte.access.Subcontractor;
import org.charte.access.Subcontractors;
import org.charte.policy.Policy;
import org.charte.retention.LegalHolds;
import org.charte.rights.OpenRequests;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.MailServer;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The DPO's desk over real HTTP, on the rights tests' shared context (its database sees other
 * tests' requests and people: each test finds its own items, and compares counts with what the
 * modules say, never with a fixed total), its meters at {@code /actuator/prometheus}, and its
 * weekly digest received by GreenMail.
 */
class DeskTests extends RightsTestBase {

    static final String PAGE = "/backoffice/bureau-dpo";
    static final Pattern METER = Pattern.compile("^charte_desk_items\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired Objections objections;
    @Autowired LegalHolds holds;
    @Autowired Subcontractors subcontractors;
    @Autowired OpenRequests openRequests;
    @Autowired Policy policy;
    @Autowired DeskDigest digest;

    Relationship world;
    Staff dpo;
    LocalDate today;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        dpo = world.dpo();
        commitments.sign(dpo.id());
        today = world.today();
    }

    record Recorded(UUID id, String reference) {}

    /** A request received by post on that day, recorded by the DPO over the API. */
    Recorded request(LocalDate receivedOn) {
        HttpResponse<String> recorded = dpo.http().json("POST", "/api/v1/rights-requests", Json.write(Map.of("type", "access", "channel", "post",
                "receivedOn", receivedOn.toString(), "name", "Dominique Bureau", "postalAddress", "3 place Wilson, 21000 Dijon")));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        return new Recorded(UUID.fromString(Json.of(recorded).path("id").asString()), Json.of(recorded).path("reference").asString());
    }

    UUID person(String lastName, LocalDate lastContact) {
        return subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("M.", lastName, "Dominique", LocalDate.of(1968, 9, 12)),
                new Contacts(List.of(new PostalAddress(List.of("3 place Wilson"), "21000", "Dijon", "FR")),
                        List.of(lastName.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 6) + "@desk.example.org"),
                        List.of()), null), lastContact);
    }

    static String random() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    Document page(Http http, String path) {
        HttpResponse<String> response = http.get(path, "Accept", "text/html");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("??").doesNotContain("Exception");
        return Jsoup.parse(response.body());
    }

    static Element item(Document html, String section, String text) {
        return html.select("section[data-section=" + section + "] li").stream().filter(li -> li.text().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no item '" + text + "' in section " + section + ": "
                        + html.select("section[data-section=" + section + "]").text()));
    }

    static double meter(String body, String section, String severity) {
        Matcher m = METER.matcher(body);
        while (m.find()) {
            if (m.group(1).contains("section=\"" + section + "\"") && m.group(1).contains("severity=\"" + severity + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no charte_desk_items line for " + section + "/" + severity);
    }

    long overdueRequests() {
        return openRequests.asOfToday().stream().filter(r -> r.standing() == OpenRequests.Standing.OVERDUE).count();
    }

    @Test
    @DisplayName("R9.7 R9.2 R9.4 R5.6 R6.4 the DPO's desk lists what is due, each item by name with its link: requests overdue (in red) and near due, "
            + "objections awaiting a decision, post-mortem actions, legal holds ending and the erasures of the next 30 days, subcontractors' contracts; "
            + "linked from the DPO's dashboard, in French and English, for the DPO only")
    void page() {
        Recorded overdue = request(today.minusDays(40));
        Recorded nearDue = request(today.minusMonths(1).plusDays(3));
        Recorded onTime = request(today);
        String purpose = objections.purposesNeedingMotive().stream().sorted().findFirst().orElseThrow();
        objections.object(person("Objecteur", today.minusMonths(1)), purpose, "Je ne veux plus être suivi", null, "staff:" + dpo.id());
        UUID deceased = person("Defunt", today.minusMonths(3));
        world.grantToDpo("rights-requests", Set.of("identity"), deceased);
        assertThat(dpo.http().json("POST", "/api/v1/subjects/" + deceased + "/death-notification",
                "{\"diedOn\":\"" + today.minusDays(3) + "\",\"source\":\"family\"}").statusCode()).isEqualTo(201);
        String reason = "desk-review-" + random();
        holds.place(Actor.staff(dpo.id()), new LegalHolds.NewHold("litigation", person("Bloque", today.minusMonths(1)), null, null, reason,
                today.plusDays(10)));
        String lateHold = "desk-later-" + random();
        holds.place(Actor.staff(dpo.id()), new LegalHolds.NewHold("litigation", person("Bloquetard", today.minusMonths(1)), null, null, lateHold,
                today.plusDays(90)));
        person("Bientoteffacee", today.minusYears(3).plusDays(10));
        Subcontractor ending = subcontractors.register("Desk Ending " + random(), "support-subcontractor");
        subcontractors.recordContract(ending.id(), today.minusYears(1), today.plusDays(12), true);
        Subcontractor ended = subcontractors.register("Desk Ended " + random(), "support-subcontractor");
        subcontractors.recordContract(ended.id(), today.minusYears(1), today.minusDays(2), true);

        Document html = page(dpo.http(), PAGE);
        assertThat(html.select("h1").text()).isEqualTo("Bureau du DPO");
        assertThat(html.select("section[data-section]").eachAttr("data-section")).containsExactly("breach-clocks", "rights-requests", "objections", "post-mortem",
                "legal-holds", "retention-forecast", "subcontractor-contracts", "subcontractor-assessments");

        Element late = item(html, "rights-requests", overdue.reference());
        assertThat(late.hasClass("overdue")).isTrue();
        assertThat(late.selectFirst("a").attr("href")).isEqualTo("/backoffice/droits/" + overdue.id());
        assertThat(late.text()).contains("En retard").contains("accès");
        Element soon = item(html, "rights-requests", nearDue.reference());
        assertThat(soon.hasClass("near-due")).isTrue();
        assertThat(soon.text()).contains("Échéance proche");
        assertThat(html.select("section[data-section=rights-requests]").text()).doesNotContain(onTime.reference());
        Element requests = html.selectFirst("section[data-section=rights-requests]");
        assertThat(Long.parseLong(requests.attr("data-overdue"))).isEqualTo(overdueRequests());
        assertThat(requests.hasClass("worst-overdue")).isTrue();

        String purposeLabel = policy.purpose(purpose).orElseThrow().label().fr();
        Element objection = item(html, "objections", purposeLabel);
        assertThat(objection.hasClass("to-do")).isTrue();
        assertThat(objection.selectFirst("a").attr("href")).isEqualTo("/backoffice/droits/oppositions");
        Element death = item(html, "post-mortem", "Pas de directives");
        assertThat(death.selectFirst("a").attr("href")).isEqualTo("/backoffice/droits/deces");
        Element hold = item(html, "legal-holds", reason);
        assertThat(hold.hasClass("near-due")).isTrue();
        assertThat(hold.text()).contains("Contentieux");
        assertThat(html.select("section[data-section=legal-holds]").text()).as("a hold ending in 90 days is beyond the horizon").doesNotContain(lateHold);
        String prospects = policy.retentionRules().stream().filter(r -> r.id().equals("prospects")).findFirst().orElseThrow().label().fr();
        assertThat(item(html, "retention-forecast", prospects).selectFirst("a").attr("href")).isEqualTo("/backoffice/conservation#prevision");
        assertThat(item(html, "subcontractor-contracts", ending.name()).hasClass("near-due")).isTrue();
        assertThat(item(html, "subcontractor-contracts", ended.name()).hasClass("overdue")).isTrue();
        assertThat(html.text()).as("names, not ids").doesNotContain(deceased.toString()).doesNotContain(overdue.id().toString());

        Document english = page(dpo.http(), PAGE + "?lang=en");
        assertThat(english.select("h1").text()).isEqualTo("DPO’s desk");
        assertThat(item(english, "rights-requests", overdue.reference()).text()).contains("Overdue").contains("access");
        assertThat(item(english, "post-mortem", "No directives").text()).contains("To do");

        assertThat(page(dpo.http(), "/backoffice").selectFirst("#desk-link").attr("href")).isEqualTo(PAGE);
        Staff adv = world.staff("adv");
        assertThat(adv.http().get(PAGE, "Accept", "text/html").statusCode()).isEqualTo(403);
        assertThat(page(adv.http(), "/backoffice").selectFirst("#desk-link")).isNull();
    }

    @Test
    @DisplayName("R9.7 R8.3 the desk's counts are meters at /actuator/prometheus, in Prometheus text format: anonymous 401, other staff 403, "
            + "the DPO, an administrator or a token with metrics:read 200; the overdue requests' gauge follows the requests recorded")
    void meters() throws InterruptedException {
        request(today.minusDays(45));
        Http anonymous = new Http(port);
        assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(world.staff("adv").http().get("/actuator/prometheus").statusCode()).isEqualTo(403);
        assertThat(world.staff("administrator").http().get("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(dpo.http().get("/actuator/prometheus").statusCode()).isEqualTo(200);

        Http administrator = world.staff("administrator").http();
        HttpResponse<String> issued = administrator.json("POST", "/api/v1/tokens",
                Json.write(Map.of("name", "prometheus", "role", "dpo", "scopes", Set.of("metrics:read"))));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String[] bearer = {"Authorization", "Bearer " + Json.of(issued).path("secret").asString()};
        HttpResponse<String> other = administrator.json("POST", "/api/v1/tokens",
                Json.write(Map.of("name", "not-metrics", "role", "dpo", "scopes", Set.of("policy:read"))));
        assertThat(anonymous.get("/actuator/prometheus", "Authorization", "Bearer " + Json.of(other).path("secret").asString()).statusCode())
                .isEqualTo(403);

        HttpResponse<String> scraped = anonymous.get("/actuator/prometheus", bearer);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(scraped.body()).contains("# TYPE charte_desk_items gauge");
        for (String section : List.of("rights-requests", "objections", "post-mortem", "legal-holds", "retention-forecast", "subcontractor-contracts")) {
            for (String severity : List.of("overdue", "near-due", "to-do")) {
                assertThat(meter(scraped.body(), section, severity)).isGreaterThanOrEqualTo(0);
            }
        }
        long before = overdueRequests();
        assertThat(before).isGreaterThanOrEqualTo(1);
        assertThat(meter(scraped.body(), "rights-requests", "overdue")).isEqualTo((double) before);

        request(today.minusDays(50));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        double after = -1;
        while (System.nanoTime() < deadline) {
            after = meter(anonymous.get("/actuator/prometheus", bearer).body(), "rights-requests", "overdue");
            if (after == before + 1) {
                break;
            }
            Thread.sleep(250); // a scrape reads the desk once for all its gauges, kept 2 seconds
        }
        assertThat(after).isEqualTo((double) before + 1).isEqualTo((double) overdueRequests());
    }

    @Test
    @DisplayName("R9.7 R9.4 the weekly digest mails the DPO the policy names the desk's counts and items, with links from charte.public-url (French by "
            + "configuration); in English when configured so")
    void digest() {
        Recorded overdue = request(today.minusDays(42));
        UUID deceased = person("Defuntdigest", today.minusMonths(3));
        world.grantToDpo("rights-requests", Set.of("identity"), deceased);
        assertThat(dpo.http().json("POST", "/api/v1/subjects/" + deceased + "/death-notification",
                "{\"diedOn\":\"" + today.minusDays(2) + "\",\"source\":\"notary\"}").statusCode()).isEqualTo(201);
        String to = policy.dpo().email();

        digest.weekly();
        String french = MailServer.latest(to, "Bureau du DPO").replace("\r\n", "\n");
        String base = "http://127.0.0.1:" + port;
        assertThat(french).contains("Bonjour " + policy.dpo().name())
                .contains("Demandes de droits en retard ou à échéance proche")
                .contains("[En retard] " + overdue.reference())
                .contains("Pas de directives")
                .contains(base + "/backoffice/droits\n")
                .contains(base + "/backoffice/droits/deces")
                .contains(base + "/backoffice/bureau-dpo")
                .doesNotContain(deceased.toString());
        assertThat(french).as("the counts per section").containsPattern("Demandes de droits en retard ou à échéance proche — \\d+ en retard");

        digest.send(Locale.ENGLISH);
        String english = MailServer.latest(to, "DPO’s desk");
        assertThat(english).contains("Hello " + policy.dpo().name()).contains("[Overdue] " + overdue.reference())
                .contains("Rights requests overdue or near due").contains(base + "/backoffice/bureau-dpo?lang=en");
    }
}
