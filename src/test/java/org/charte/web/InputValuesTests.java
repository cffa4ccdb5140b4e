package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.access.Subcontractor;
import org.charte.access.Subcontractors;
import org.charte.commerce.Subscriptions;
import org.charte.hosting.HostedDatabases;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Values that are not real never reach the database (R8.5; R3.1 for identity and contact data):
 * each is refused with a 400 problem naming the field (a readable message on a page), nothing is
 * written (row counts before and after), and neither the answer nor the log repeats what was sent.
 * The examples are those measured on the running system: the nine 500s, and the values it accepted.
 */
@CharteIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class InputValuesTests {

    /** Tables a refused request could have written to. */
    static final List<String> TABLES = List.of("api_token", "access_grant", "access_grant_resource", "staff_account", "subcontractor",
            "subscription", "hosted_database", "invoice", "payment", "customer_order", "data_subject", "rights_request", "legal_hold",
            "death_notification", "ticket_monitoring_request");

    @LocalServerPort
    int port;

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired Subcontractors subcontractors;
    @Autowired Subscriptions subscriptions;
    @Autowired HostedDatabases hostedDatabases;
    @Autowired Clock clock;
    @Autowired JdbcClient jdbc;

    Relationship world;
    Staff admin;
    Staff dpo;
    Staff adv;
    /** A value no answer or log line may repeat. */
    String marker;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        admin = world.staff("administrator");
        dpo = world.staff("dpo");
        adv = world.staff("adv");
        marker = "Zorglub" + UUID.randomUUID().toString().substring(0, 8);
    }

    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        TABLES.forEach(t -> counts.put(t, jdbc.sql("SELECT COUNT(*) FROM " + t).query(Long.class).single()));
        return counts;
    }

    String huge() {
        return (marker + " ").repeat(600_000 / (marker.length() + 1) + 1);
    }

    /** A support request on a client of its own, opened by Cloud support under a grant on that client: where monitoring is asked for. */
    String ticket(Staff support) {
        UUID client = world.adultProspect();
        world.grant(support, "customer-service", Set.of("support-requests"), client);
        HttpResponse<String> opened = support.http().json("POST", "/api/v1/subjects/" + client + "/tickets",
                Json.write(body("channel", "EMAIL", "message", "Connexions inhabituelles")));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        return Json.of(opened).path("reference").asString();
    }

    String in(Duration duration) {
        return clock.instant().plus(duration).toString();
    }

    static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    /** The request is refused with a 400 problem naming exactly these fields, without the values sent; nothing is written. */
    void refused(Staff staff, String method, String path, Object body, String... fields) {
        Map<String, Long> before = counts();
        HttpResponse<String> answer = staff.http().json(method, path, body instanceof String text ? text : Json.write(body));
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Json.of(answer).path("errors").findValuesAsString("field").stream().distinct().toList()).as(answer.body())
                .containsExactlyInAnyOrder(fields);
        assertThat(answer.body()).doesNotContain(marker);
        assertThat(counts()).as("nothing written").isEqualTo(before);
    }

    @Test
    @DisplayName("R8.5 nulls and blanks inside arrays are refused naming the element: scopes[0] of a token, subjects[0] of a grant (were 500s)")
    void nullsInArrays(CapturedOutput output) {
        for (String scopes : List.of("[null]", "[\"\"]", "[\"   \"]")) {
            refused(admin, "POST", "/api/v1/tokens", "{\"name\": \"script\", \"role\": \"adv\", \"scopes\": " + scopes + "}", "scopes[0]");
        }
        refused(admin, "POST", "/api/v1/tokens", "{\"name\": \"script\", \"role\": \"adv\", \"scopes\": [\"subjects:read\", null]}", "scopes[1]");
        for (String subjectsList : List.of("[null]", "[\"\"]", "[\"   \"]")) {
            refused(dpo, "POST", "/api/v1/grants", "{\"granteeId\": \"" + adv.id() + "\", \"purpose\": \"customer-service\", "
                    + "\"categories\": [\"identity\"], \"subjects\": " + subjectsList + ", \"validUntil\": \"" + in(Duration.ofDays(1))
                    + "\", \"reason\": \"follow-up\"}", "subjects[0]");
        }
        refused(dpo, "POST", "/api/v1/grants", "{\"granteeId\": \"" + adv.id() + "\", \"purpose\": \"customer-service\", "
                + "\"categories\": [null], \"subjects\": [\"" + world.adultProspect() + "\"], \"validUntil\": \"" + in(Duration.ofDays(1))
                + "\", \"reason\": \"follow-up\"}", "categories[0]");
        assertThat(output.getAll()).doesNotContain("NullPointerException");
    }

    @Test
    @DisplayName("R8.5 a grant on a person or a hosted database that does not exist is refused naming it, and nothing is written")
    void grantsOnWhatExists() {
        UUID client = world.adultProspect();
        Map<String, Object> grant = body("granteeId", adv.id(), "purpose", "customer-service", "categories", List.of("identity"),
                "subjects", List.of(client, UUID.randomUUID()), "validUntil", in(Duration.ofDays(1)), "reason", "follow-up");
        refused(dpo, "POST", "/api/v1/grants", grant, "subjects[1]");

        Staff support = world.staff("cloud-support");
        grant = body("granteeId", support.id(), "purpose", "customer-service", "categories", List.of("hosted-data"),
                "hostedDatabases", List.of(UUID.randomUUID()), "validUntil", in(Duration.ofDays(1)), "reason", "follow-up");
        refused(dpo, "POST", "/api/v1/grants", grant, "hostedDatabases[0]");

        Subcontractor company = subcontractors.register("Veille " + UUID.randomUUID(), "security-monitoring-subcontractor");
        LocalDate today = LocalDate.now(clock);
        subcontractors.recordContract(company.id(), today.minusMonths(1), today.plusYears(1), true);
        Staff veille = world.staff("security-monitoring-subcontractor", company.id());
        String monitoring = "/api/v1/tickets/" + ticket(support) + "/security-monitoring-requests";
        refused(support, "POST", monitoring, body("subcontractorUserId", veille.id(),
                "hostedDatabaseId", UUID.randomUUID(), "reason", "unusual load", "validUntil", in(Duration.ofHours(12))), "hostedDatabaseId");

        UUID database = world.hostedDatabase(adv, subscriptions, hostedDatabases);
        HttpResponse<String> opened = support.http().json("POST", monitoring, Json.write(body(
                "subcontractorUserId", veille.id(), "hostedDatabaseId", database, "reason", "unusual load", "validUntil", in(Duration.ofHours(12)))));
        assertThat(opened.statusCode()).as("a database that exists: " + opened.body()).isEqualTo(201);
    }

    @Test
    @DisplayName("R8.5 600,000 characters in a staff displayName, a subcontractor name, a security-monitoring reason are refused before the database, "
            + "and neither the answer nor the log holds them")
    void hugeStrings(CapturedOutput output) {
        refused(admin, "POST", "/api/v1/staff", body("login", "huge-" + UUID.randomUUID().toString().substring(0, 8), "displayName", huge(),
                "role", "adv", "password", Staff.PASSWORD), "displayName");
        refused(dpo, "POST", "/api/v1/subcontractors", body("name", huge(), "role", "support-subcontractor"), "name");
        Staff support = world.staff("cloud-support");
        refused(support, "POST", "/api/v1/tickets/T-1999-000001/security-monitoring-requests", body("subcontractorUserId", UUID.randomUUID(),
                "hostedDatabaseId", UUID.randomUUID(), "reason", huge(), "validUntil", in(Duration.ofHours(12))), "reason");
        UUID client = world.adultProspect();
        refused(adv, "POST", "/api/v1/subjects/" + client + "/litigations", body("reason", huge()), "reason");
        refused(dpo, "POST", "/api/v1/rights-requests", body("type", "access", "channel", "post", "receivedOn", world.today().toString(),
                "name", "Jean Courrier", "postalAddress", "1 rue de la Paix, 75002 Paris", "details", huge()), "details");
        refused(admin, "POST", "/api/v1/tokens", body("name", huge(), "role", "adv", "scopes", List.of("subjects:read")), "name");
        HttpResponse<String> answer = dpo.http().json("POST", "/api/v1/subcontractors", Json.write(body("name", huge(), "role", "support-subcontractor")));
        assertThat(Json.of(answer).path("errors").findValuesAsString("message")).as("in English, as every API message")
                .containsExactly("size must be between 0 and 200");
        assertThat(output.getAll()).doesNotContain(marker);
    }

    @Test
    @DisplayName("R8.5 an unknown plan code is refused: no subscription, no hosted database provisioned")
    void unknownPlan() throws InterruptedException {
        UUID client = world.adultProspect();
        refused(adv, "POST", "/api/v1/subjects/" + client + "/subscriptions", body("planCode", "GESTAN-CLOUD-GRATUIT"), "planCode");
        Thread.sleep(300); // a provisioning listener, were one triggered, would have written by now
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hosted_database WHERE subject_id = ?").param(client).query(Long.class).single()).isZero();
        world.grant(adv, "subscription-contract", Set.of("subscriptions", "identity"), client);
        HttpResponse<String> known = adv.http().json("POST", "/api/v1/subjects/" + client + "/subscriptions",
                Json.write(body("planCode", "GESTAN-CLOUD-ESSENTIEL")));
        assertThat(known.statusCode()).as(known.body()).isEqualTo(201);
    }

    @Test
    @DisplayName("R8.5 real-world dates outside 1900-01-01..2199-12-31 are refused naming the field: an invoice of 0000-01-01, a last contact in year 0, "
            + "an assessment of +999999999-12-31, contract, payment, order, litigation, hold and death dates")
    void implausibleDates() {
        UUID client = world.adultProspect();
        refused(adv, "POST", "/api/v1/subjects/" + client + "/invoices", body("issuedOn", "0000-01-01", "dueOn", "0000-02-01",
                "amount", "10.00", "currency", "EUR"), "issuedOn", "dueOn");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM invoice WHERE number LIKE 'F-0-%'").query(Long.class).single()).isZero();
        refused(adv, "POST", "/api/v1/subjects", body("identity", Map.of("lastName", "Zéro"), "lastContactOn", "0000-06-01"), "lastContactOn");

        Subcontractor company = subcontractors.register("Presta " + UUID.randomUUID(), "support-subcontractor");
        refused(dpo, "PUT", "/api/v1/subcontractors/" + company.id() + "/assessment", body("assessedOn", "+999999999-12-31"), "assessedOn");
        refused(dpo, "PUT", "/api/v1/subcontractors/" + company.id() + "/contract", body("signedOn", "0001-01-01", "endsOn", "+10000-01-01",
                "dataProtectionClauses", true), "signedOn", "endsOn");
        assertThat(subcontractors.find(company.id()).orElseThrow().lastAssessmentOn()).isNull();

        refused(adv, "POST", "/api/v1/subjects/" + client + "/orders", body("orderedOn", "1000-01-01", "currency", "EUR",
                "lines", List.of(Map.of("productCode", "FORMATION-1J", "quantity", 1, "unitPrice", "450.00"))), "orderedOn");
        refused(adv, "POST", "/api/v1/subjects/" + client + "/subscriptions", body("planCode", "GESTAN-CLOUD-PRO",
                "endsOn", "+999999999-12-31"), "endsOn");
        refused(adv, "POST", "/api/v1/subjects/" + client + "/litigations", body("openedOn", "0000-01-01", "reason", "impayé"), "openedOn");
        refused(dpo, "POST", "/api/v1/legal-holds", body("kind", "litigation", "subjectId", client, "reason", "court-case",
                "endsOn", "+999999999-12-31"), "endsOn");
        refused(dpo, "POST", "/api/v1/subjects/" + client + "/death-notification", body("diedOn", "0000-01-01", "source", "family"), "diedOn");

        world.grant(adv, "billing", Set.of("billing"), client);
        HttpResponse<String> issued = adv.http().json("POST", "/api/v1/subjects/" + client + "/invoices",
                Json.write(body("issuedOn", world.today().toString(), "dueOn", world.today().plusDays(30).toString(), "amount", "10.00",
                        "currency", "EUR")));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        refused(adv, "POST", "/api/v1/invoices/" + Json.of(issued).path("id").asString() + "/payments", body("amount", "10.00",
                "currency", "EUR", "paidOn", "0000-01-01", "method", "TRANSFER"), "paidOn");
    }

    @Test
    @DisplayName("R8.5 R3.1 NUL, other control characters and bidi overrides are refused in names, addresses and e-mails, the field named")
    void controlCharacters() {
        List<String> bad = List.of("\u0000", "\u001b", "\u0085", "\u202e", "\u2066");
        for (String c : bad) {
            Map<String, Object> person = new HashMap<>();
            person.put("identity", Map.of("lastName", "Du" + c + "pont"));
            person.put("contacts", Map.of("addresses", List.of(Map.of("lines", List.of("12 rue" + c + " Pasteur"), "postalCode", "21000",
                    "commune", "Dijon")), "emails", List.of("du" + c + "pont@exemple.fr"), "phones", List.of("06 12 34 56 78" + c)));
            refused(adv, "POST", "/api/v1/subjects", person, "identity.lastName", "contacts.addresses[0].lines[0]", "contacts.emails[0]",
                    "contacts.phones[0]");
            refused(admin, "POST", "/api/v1/staff", body("login", "ctl-" + UUID.randomUUID().toString().substring(0, 8),
                    "displayName", "Anne" + c + " Admin", "role", "adv", "password", Staff.PASSWORD), "displayName");
            refused(dpo, "POST", "/api/v1/subcontractors", body("name", "Presta" + c + " SARL", "role", "support-subcontractor"), "name");
            refused(dpo, "POST", "/api/v1/rights-requests", body("type", "access", "channel", "post", "receivedOn", world.today().toString(),
                    "name", "Jean" + c + " Courrier", "email", "jean" + c + "@exemple.fr", "postalAddress", "1 rue" + c + " de la Paix"),
                    "name", "email", "postalAddress");
        }
        UUID client = world.adultProspect();
        refused(adv, "POST", "/api/v1/subjects/" + client + "/litigations", body("reason", "impayé\u0000"), "reason");
        world.grant(adv, "unpaid-litigation", Set.of("billing"), client);
        HttpResponse<String> multiLine = adv.http().json("POST", "/api/v1/subjects/" + client + "/litigations",
                Json.write(body("reason", "Facture impayée.\n\tRelance envoyée.")));
        assertThat(multiLine.statusCode()).as("free text keeps its line breaks and tabs: " + multiLine.body()).isEqualTo(201);
    }

    @Test
    @DisplayName("R8.5 only the languages Charte speaks (fr, en) are accepted for a rights request, on the API and the back office")
    void languages() {
        Map<String, Object> request = body("type", "access", "channel", "post", "receivedOn", world.today().toString(),
                "name", "Jean Courrier", "postalAddress", "1 rue de la Paix, 75002 Paris");
        for (String language : List.of("de", "EN", "français", "e\u0000")) {
            Map<String, Object> withLanguage = new LinkedHashMap<>(request);
            withLanguage.put("language", language);
            refused(dpo, "POST", "/api/v1/rights-requests", withLanguage, "language");
        }
        Map<String, Object> english = new LinkedHashMap<>(request);
        english.put("language", "en");
        HttpResponse<String> recorded = dpo.http().json("POST", "/api/v1/rights-requests", Json.write(english));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        assertThat(Json.of(recorded).path("language").asString()).isEqualTo("en");

        Map<String, Long> before = counts();
        Http http = dpo.http();
        Map<String, String> form = new LinkedHashMap<>(Map.of("type", "access", "channel", "post", "receivedOn", world.today().toString(),
                "name", "Jean Courrier", "postalAddress", "1 rue de la Paix", "language", "de"));
        form.put("_csrf", Http.csrf(http.get("/backoffice/droits/nouvelle").body()));
        HttpResponse<String> page = http.postForm("/backoffice/droits/nouvelle", form);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("language");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    @DisplayName("R8.5 R3.1 on the privacy centre a name with a NUL or a bidi override is refused with a message in the page's language, nothing recorded")
    void privacyCentreForm() {
        Map<String, Long> before = counts();
        Http visitor = new Http(port);
        String form = visitor.get("/mes-droits/demande?type=access").body();
        HttpResponse<String> page = visitor.postForm("/mes-droits/demande", Map.of("_csrf", Http.csrf(form), "type", "access",
                "name", "Jean\u202e" + marker, "email", "jean.visiteur@exemple.fr", "details", "Mes données, s'il vous plaît."));
        assertThat(page.statusCode()).isEqualTo(200);
        String errors = page.body().substring(page.body().indexOf("class=\"error\""));
        errors = errors.substring(0, errors.indexOf("</div>"));
        assertThat(errors).contains("pas été enregistrée").contains("indiquez votre nom").doesNotContain(marker);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    @DisplayName("R8.5 a back-office form refuses 600,000 characters in a staff name with a readable message, nothing created")
    void backOfficeForm(CapturedOutput output) {
        Map<String, Long> before = counts();
        Http http = admin.http();
        Map<String, String> form = new LinkedHashMap<>(Map.of("login", "page-" + UUID.randomUUID().toString().substring(0, 8),
                "displayName", huge(), "role", "adv", "password", Staff.PASSWORD));
        form.put("_csrf", Http.csrf(http.get("/backoffice/staff").body()));
        HttpResponse<String> page = http.postForm("/backoffice/staff", form);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("200").doesNotContain(marker);
        assertThat(counts()).isEqualTo(before);
        assertThat(output.getAll()).doesNotContain(marker);
    }

    @Test
    @DisplayName("R8.5 values that cannot be converted (an id in a path, a day or a yes/no in a form, a content type) are refused, none of them in a log line")
    void unconvertibleValuesNotLogged(CapturedOutput output) {
        Http http = dpo.http();
        assertThat(http.get("/backoffice/droits/" + marker).statusCode()).isBetween(400, 404);
        assertThat(http.get("/api/v1/subjects/" + marker).statusCode()).isBetween(400, 404);
        Map<String, String> form = new LinkedHashMap<>(Map.of("type", "access", "channel", "post", "receivedOn", marker, "name", "Jean Test"));
        form.put("_csrf", Http.csrf(http.get("/backoffice/droits/nouvelle").body()));
        assertThat(http.postForm("/backoffice/droits/nouvelle", form).statusCode()).isLessThan(500);
        assertThat(new Http(port).raw("POST", "/consent/v1/records", "text/" + marker, "{}".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isBetween(400, 415);
        assertThat(output.getAll()).doesNotContain(marker);
    }
}
