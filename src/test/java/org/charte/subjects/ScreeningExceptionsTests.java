package org.charte.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.internal.ApiTokens;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.Staff;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * R3.6 as people's real names and places meet it: names and address lines accept them, free text
 * is screened, and the DPO's reviewed list of accepted false positives (API and back-office page,
 * each change with a reason and audited) is what the screen consults.
 */
@CharteIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreeningExceptionsTests {

    @LocalServerPort int port;
    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired ApiTokens tokens;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    Staff dpo;
    Staff adv;
    ApiTokens.Issued webForm;

    @BeforeAll
    void setUp() {
        dpo = Staff.signedIn(directory, port, "dpo");
        adv = Staff.signedIn(directory, port, "adv");
        commitments.sign(adv.id());
        StaffMember admin = directory.create(new StaffDirectory.NewStaff("admin-" + UUID.randomUUID().toString().substring(0, 8),
                "Admin", "administrator", Staff.PASSWORD));
        webForm = tokens.issue("web form", "adv", Set.of("subjects:write"), null, admin.id());
    }

    HttpResponse<String> record(String lastName, List<String> lines, String otherInformation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identity", Map.of("civility", "Mme", "lastName", lastName, "firstNames", "Camille", "birthDate", "1985-04-12"));
        body.put("contacts", Map.of("addresses", List.of(Map.of("lines", lines, "postalCode", "80000", "commune", "Amiens"))));
        if (otherInformation != null) {
            body.put("purpose", "customer-service");
            body.put("otherInformation", otherInformation);
        }
        return new Http(port).json("POST", "/api/v1/subjects", Json.write(body), "Authorization", "Bearer " + webForm.secret());
    }

    UUID created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(Json.of(response).path("id").asString());
    }

    String otherInformation(UUID id) {
        grants.grantIndividual(adv.id(), "customer-service", Set.of("identity", "other-information"), List.of(ResourceRef.subject(id)),
                clock.instant().plus(Duration.ofDays(1)), "test: reading what was stored", dpo.id());
        HttpResponse<String> read = adv.http().get("/api/v1/subjects/" + id + "?purpose=customer-service&categories=identity,other-information",
                "Accept", "application/json");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return Json.of(read).path("otherInformation").asString();
    }

    static List<String> fields(HttpResponse<String> response) {
        return Json.of(response).path("errors").findValuesAsString("field");
    }

    HttpResponse<String> accept(Staff staff, Object body) {
        return staff.http().json("POST", "/api/v1/screening/accepted-phrases", Json.write(body));
    }

    long phrases() {
        return jdbc.sql("SELECT COUNT(*) FROM screening_accepted_phrase").query(Long.class).single();
    }

    @Test
    @DisplayName("R3.6 real surnames and places are accepted in names and address lines: Juif, Catholique, 5 Rue des Malades, Cancer Research UK")
    void realNamesAccepted() {
        HttpResponse<String> juif = record("Juif", List.of("5 Rue des Malades", "Cancer Research UK"), null);
        UUID id = created(juif);
        assertThat(Json.of(juif).path("redacted").isEmpty()).as(juif.body()).isTrue();
        created(record("Catholique", List.of("Foyer pour personnes handicapées", "2 rue de l'Hôpital"), null));
        assertThat(audit.forSubject(id, 20)).extracting(e -> e.event().action()).doesNotContain("screen");
    }

    @Test
    @DisplayName("R3.6 the DPO accepts a false positive with a reason (API and page, audited): the screen skips it in free text, finds the same word elsewhere, and again once it is removed")
    void acceptedFalsePositives() {
        String note = "Habite 5 rue des Malades ; client diabétique.";
        assertThat(otherInformation(created(record("Martin", List.of("5 rue des Malades"), note))))
                .isEqualTo("Habite 5 rue des […] ; client […].");

        long before = phrases();
        assertThat(accept(adv, Map.of("phrase", "rue des Malades", "reason", "une rue d'Amiens")).statusCode())
                .as("the DPO only").isEqualTo(403);
        HttpResponse<String> bare = accept(dpo, Map.of("phrase", "Malades", "reason", "un mot seul"));
        assertThat(bare.statusCode()).isEqualTo(400);
        assertThat(fields(bare)).containsExactly("phrase");
        HttpResponse<String> nothing = accept(dpo, Map.of("phrase", "rue Pasteur", "reason", "rien à accepter"));
        assertThat(fields(nothing)).containsExactly("phrase");
        HttpResponse<String> noReason = accept(dpo, Map.of("phrase", "rue des Malades"));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(fields(noReason)).containsExactly("reason");
        assertThat(phrases()).as("nothing written").isEqualTo(before);

        HttpResponse<String> accepted = accept(dpo, Map.of("phrase", "rue des Malades", "reason", "Une rue d'Amiens, pas une santé"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        String id = Json.of(accepted).path("id").asString();
        assertThat(Json.of(accepted).path("addedBy").asString()).isEqualTo("staff:" + dpo.id());
        assertThat(fields(accept(dpo, Map.of("phrase", "RUE DES MALADES", "reason", "encore")))).as("accepted already").containsExactly("phrase");
        AuditEntry added = audit.recent(50).stream().filter(e -> e.event().action().equals("accept-screening-phrase")
                && id.equals(e.event().resourceId())).findFirst().orElseThrow();
        assertThat(added.event().actor()).isEqualTo("staff:" + dpo.id());
        assertThat(added.event().toString()).doesNotContainIgnoringCase("malades");

        assertThat(otherInformation(created(record("Martin", List.of("5 rue des Malades"), note))))
                .as("the accepted phrase is kept, the health word is not").isEqualTo("Habite 5 rue des Malades ; client […].");

        // The page: the list, a refused form in French, an accepted one, a removal with its reason.
        HttpResponse<String> page = dpo.http().get("/backoffice/filtrage");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("rue des Malades").contains("Une rue d&#39;Amiens, pas une santé");
        assertThat(adv.http().get("/backoffice/filtrage").statusCode()).isEqualTo(403);
        HttpResponse<String> refused = dpo.http().postForm("/backoffice/filtrage", Map.of("phrase", "cancer", "reason", "un mot seul",
                "_csrf", Http.csrf(page.body())));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Expression refusée");
        HttpResponse<String> added2 = dpo.http().postForm("/backoffice/filtrage", Map.of("phrase", "Institut du Cancer de Montpellier",
                "reason", "Un établissement, pas un diagnostic", "_csrf", Http.csrf(page.body())));
        assertThat(added2.headers().firstValue("Location").orElse("")).endsWith("/backoffice/filtrage");
        String institute = jdbc.sql("SELECT id FROM screening_accepted_phrase WHERE phrase = ?").param("Institut du Cancer de Montpellier")
                .query(String.class).single();

        HttpResponse<String> noRemovalReason = dpo.http().json("POST", "/api/v1/screening/accepted-phrases/" + id + "/removal", "{}");
        assertThat(fields(noRemovalReason)).containsExactly("reason");
        HttpResponse<String> removed = dpo.http().postForm("/backoffice/filtrage/" + id + "/retrait", Map.of("reason",
                "Revu : trop large", "_csrf", Http.csrf(dpo.http().get("/backoffice/filtrage").body())));
        assertThat(removed.headers().firstValue("Location").orElse("")).endsWith("/backoffice/filtrage");
        assertThat(dpo.http().json("POST", "/api/v1/screening/accepted-phrases/" + institute + "/removal",
                Json.write(Map.of("reason", "fin du test"))).statusCode()).isEqualTo(200);
        HttpResponse<String> list = dpo.http().get("/api/v1/screening/accepted-phrases", "Accept", "application/json");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(Json.of(list).findValuesAsString("removalReason")).contains("Revu : trop large", "fin du test");
        assertThat(audit.recent(50)).filteredOn(e -> e.event().action().equals("remove-screening-phrase"))
                .extracting(e -> e.event().resourceId()).contains(id, institute);

        assertThat(otherInformation(created(record("Martin", List.of("5 rue des Malades"), note))))
                .as("removed: the screen finds it again").isEqualTo("Habite 5 rue des […] ; client […].");
    }
}
