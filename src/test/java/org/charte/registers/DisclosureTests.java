package org.charte.registers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.common.Zones;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.MailServer;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Disclosures to authorities (R6.6) over real HTTP on the real database: four eyes on the approval,
 * the answer gathered through the decision point, its single-use expiring link, the person told by
 * mail (GreenMail) unless the request forbids it.
 */
class DisclosureTests extends RightsTestBase {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;

    Staff recorder;
    Staff otherDpo;

    @BeforeEach
    void dpos() {
        recorder = Staff.signedIn(directory, port, "dpo");
        otherDpo = Staff.signedIn(directory, port, "dpo");
        commitments.sign(recorder.id());
        commitments.sign(otherDpo.id());
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Zones.PARIS);
    }

    UUID person(String email) {
        return subjects.register(SubjectStatus.CLIENT_INACTIVE, new PersonalData(new Identity("Mme", "REQUISE", "Claire", LocalDate.of(1970, 4, 9)),
                new Contacts(List.of(), List.of(email), List.of()), null), today());
    }

    static String email() {
        return "requise-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    Map<String, Object> request(UUID person, boolean doNotInform) {
        Map<String, Object> body = body("authority", "Brigade de recherches de Lyon", "legalBasis", "cpp-77-1-1", "reference",
                "PV-" + UUID.randomUUID().toString().substring(0, 6), "receivedOn", today().toString(), "deadline", today().plusDays(10).toString(),
                "subjectIds", List.of(person.toString()), "categories", List.of("identity"), "doNotInform", doNotInform);
        if (doNotInform) {
            body.put("doNotInformReason", "secret de l'enquête");
        }
        return body;
    }

    HttpResponse<String> post(Staff staff, String path, Object body) {
        return staff.http().json("POST", path, Json.write(body));
    }

    UUID recorded(UUID person, boolean doNotInform) {
        HttpResponse<String> created = post(recorder, "/api/v1/disclosures", request(person, doNotInform));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(Json.of(created).path("id").asString());
    }

    HttpResponse<byte[]> download(String link) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + link)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("R6.6 whoever recorded a disclosure cannot approve it (409 problem+json, nothing changes); another DPO approves it")
    void fourEyes() {
        UUID person = person(email());
        UUID id = recorded(person, false);
        int grantsBefore = grants.forGrantee(recorder.id()).size();

        HttpResponse<String> refused = post(recorder, "/api/v1/disclosures/" + id + "/approval", Map.of());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Json.of(refused).path("detail").asString()).contains("another DPO");
        assertThat(jdbc.sql("SELECT approved_by FROM disclosure_request WHERE id = ?").param(id).query(UUID.class).optional()).isEmpty();
        assertThat(grants.forGrantee(recorder.id())).hasSize(grantsBefore);
        assertThat(Json.of(recorder.http().get("/api/v1/disclosures/" + id, "Accept", "application/json")).path("status").asString())
                .isEqualTo("awaiting-approval");

        HttpResponse<String> approved = post(otherDpo, "/api/v1/disclosures/" + id + "/approval", Map.of());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode view = Json.of(approved);
        assertThat(view.path("status").asString()).isEqualTo("approved");
        assertThat(view.path("approvedBy").path("name").asString()).isEqualTo(otherDpo.member().displayName());
        assertThat(view.path("recordedBy").path("id").asString()).isEqualTo(recorder.id().toString());
        var grant = grants.find(UUID.fromString(view.path("grantId").asString())).orElseThrow();
        assertThat(grant.granteeId()).isEqualTo(recorder.id());
        assertThat(grant.purpose()).isEqualTo("legal-obligations");
        assertThat(grant.categories()).contains("identity", "contact");

        assertThat(post(otherDpo, "/api/v1/disclosures/" + id + "/approval", Map.of()).statusCode()).isEqualTo(409);
    }

    @Test
    @DisplayName("R6.6 the answer is gathered through the decision point (audited), downloaded once through its link, its SHA-256 in the register; the person is told by mail")
    void answerOnceAndTell() throws Exception {
        String address = email();
        UUID person = person(address);
        UUID id = recorded(person, false);
        assertThat(post(otherDpo, "/api/v1/disclosures/" + id + "/approval", Map.of()).statusCode()).isEqualTo(200);
        // Only the recorder, under the approval's grant, produces the answer.
        assertThat(post(otherDpo, "/api/v1/disclosures/" + id + "/answer", Map.of()).statusCode()).isEqualTo(409);

        HttpResponse<String> answered = post(recorder, "/api/v1/disclosures/" + id + "/answer", Map.of());
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        JsonNode answer = Json.of(answered);
        String link = answer.path("link").asString();
        String sha256 = answer.path("sha256").asString();
        assertThat(link).startsWith(DisclosureAnswerLink.PATH);
        String secret = link.substring(DisclosureAnswerLink.PATH.length());
        // Only the link's hash is kept, never the link.
        String kept = jdbc.sql("SELECT link_hash FROM disclosure_request WHERE id = ?").param(id).query(String.class).single();
        assertThat(kept).isEqualTo(DisclosureAnswerLink.hash(secret)).doesNotContain(secret);

        HttpResponse<byte[]> first = download(link);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(DisclosureAnswerLink.sha256Hex(first.body())).isEqualTo(sha256);
        JsonNode file = new ObjectMapper().readTree(new String(first.body(), StandardCharsets.UTF_8));
        assertThat(file.path("people").get(0).path("identity").path("lastName").asString()).isEqualTo("REQUISE");
        assertThat(file.path("people").get(0).has("contacts")).isFalse();
        assertThat(file.path("legalBasis").asString()).isEqualTo("cpp-77-1-1");

        HttpResponse<byte[]> second = download(link);
        assertThat(second.statusCode()).isEqualTo(410);
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).doesNotContain("REQUISE");
        assertThat(jdbc.sql("SELECT sealed_answer FROM disclosure_request WHERE id = ?").param(id).query((rs, n) -> rs.getBytes(1)).list().getFirst()).isNull();

        List<AuditEntry> trail = audit.forSubject(person, 20);
        assertThat(trail).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo("read");
            assertThat(e.event().purpose()).isEqualTo("legal-obligations");
            assertThat(e.event().actor()).isEqualTo("staff:" + recorder.id());
        });
        assertThat(trail).anySatisfy(e -> assertThat(e.event().action()).isEqualTo("disclose"));
        assertThat(audit.recent(50)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo("download-disclosure-answer");
            assertThat(e.event().reason()).isEqualTo("the link was used already");
        });

        String mail = MailServer.latest(address, "Communication de vos données");
        assertThat(mail).contains("Brigade de recherches de Lyon").contains("Code de procédure pénale").contains("Identité")
                .contains("disclosed data about you");

        JsonNode register = Json.of(recorder.http().get("/api/v1/disclosures/" + id, "Accept", "application/json"));
        assertThat(register.path("answerSha256").asString()).isEqualTo(sha256);
        assertThat(register.path("status").asString()).isEqualTo("downloaded");
        assertThat(register.path("informed").asInt()).isEqualTo(1);
        String page = recorder.http().get("/backoffice/registres/communications", "Accept", "text/html").body();
        assertThat(page).contains(sha256).contains(otherDpo.member().displayName()).contains(recorder.member().displayName())
                .doesNotContain(otherDpo.id().toString());
    }

    @Test
    @DisplayName("R6.6 an expired link gives nothing; a request that forbids telling the person, with its reason, tells nobody")
    void expiredAndNotTold() throws Exception {
        String address = email();
        UUID person = person(address);
        UUID id = recorded(person, true);
        assertThat(post(otherDpo, "/api/v1/disclosures/" + id + "/approval", Map.of()).statusCode()).isEqualTo(200);
        String link = Json.of(post(recorder, "/api/v1/disclosures/" + id + "/answer", Map.of())).path("link").asString();
        JsonNode register = Json.of(recorder.http().get("/api/v1/disclosures/" + id, "Accept", "application/json"));
        assertThat(register.path("doNotInform").asBoolean()).as(register.toString()).isTrue();
        assertThat(register.path("doNotInformReason").asString()).isEqualTo("secret de l'enquête");
        assertThat(register.path("status").asString()).isEqualTo("answered");
        assertThat(register.path("informed").asInt()).isZero();

        clock.advance(DisclosureAnswerLink.VALIDITY.plusMinutes(1));
        assertThat(download(link).statusCode()).isEqualTo(410);
        assertThat(jdbc.sql("SELECT sealed_answer FROM disclosure_request WHERE id = ?").param(id).query((rs, n) -> rs.getBytes(1)).list().getFirst()).isNull();
        assertThat(jdbc.sql("SELECT link_used_at FROM disclosure_request WHERE id = ?").param(id).query((rs, n) -> rs.getObject(1)).list().getFirst()).isNull();
        assertThat(download(DisclosureAnswerLink.PATH + DisclosureAnswerLink.newSecret()).statusCode()).isEqualTo(410);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM disclosure_subject WHERE disclosure_id = ? AND informed_at IS NOT NULL").param(id)
                .query(Long.class).single()).isZero();
        Thread.sleep(Duration.ofMillis(500));
        assertThat(MailServer.to(address)).isEmpty();
    }

    @Test
    @DisplayName("R6.6 a request with bad fields is refused naming each one (problem+json), nothing recorded")
    void badInput() {
        long before = jdbc.sql("SELECT COUNT(*) FROM disclosure_request").query(Long.class).single();
        HttpResponse<String> refused = post(recorder, "/api/v1/disclosures", body("authority", " ", "legalBasis", "cpp-1", "reference", "R-1",
                "receivedOn", today().plusDays(1).toString(), "subjectIds", List.of(UUID.randomUUID().toString()),
                "categories", List.of("identity", "hosted-data"), "doNotInform", true));
        assertThat(refused.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        Json.of(refused).path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("authority", "legalBasis", "receivedOn", "subjectIds[0]", "categories[1]", "doNotInformReason");
        assertThat(refused.body()).doesNotContain("cpp-1\"").doesNotContain("hosted-data\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM disclosure_request").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    @DisplayName("R6.6 on the register page, a request is recorded from the form; its recorder's approval is refused in words, another DPO's accepted")
    void registerPage() {
        UUID person = person(email());
        String reference = "REQ-" + UUID.randomUUID().toString().substring(0, 6);
        String page = recorder.http().get("/backoffice/registres/communications").body();
        HttpResponse<String> recorded = recorder.http().postForm("/backoffice/registres/communications", Map.of("_csrf", Http.csrf(page),
                "authority", "DGFiP, direction des vérifications nationales", "legalBasis", "lpf-l81", "reference", reference,
                "receivedOn", today().toString(), "people", person.toString(), "categories", "identity"));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(302);
        UUID id = jdbc.sql("SELECT id FROM disclosure_request WHERE reference = ?").param(reference).query(UUID.class).single();

        page = recorder.http().get("/backoffice/registres/communications").body();
        assertThat(page).contains(reference).contains("droit de communication de l&#39;administration fiscale").contains("en attente d&#39;approbation")
                .doesNotContain("/communications/" + id + "/approbation");
        HttpResponse<String> refused = recorder.http().postForm("/backoffice/registres/communications/" + id + "/approbation",
                Map.of("_csrf", Http.csrf(page)));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("la personne qui a enregistré une demande ne l&#39;approuve pas");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM disclosure_request WHERE id = ? AND approved_by IS NULL").param(id).query(Long.class).single())
                .isEqualTo(1);

        String other = otherDpo.http().get("/backoffice/registres/communications").body();
        assertThat(other).contains("/communications/" + id + "/approbation");
        assertThat(otherDpo.http().postForm("/backoffice/registres/communications/" + id + "/approbation", Map.of("_csrf", Http.csrf(other)))
                .statusCode()).isEqualTo(302);
        String answered = recorder.http().postForm("/backoffice/registres/communications/" + id + "/reponse",
                Map.of("_csrf", Http.csrf(recorder.http().get("/backoffice/registres/communications").body()))).body();
        assertThat(answered).contains("Lien de téléchargement de la réponse").contains(DisclosureAnswerLink.PATH)
                .as("the link's end in French, Paris time").containsPattern("[0-9]{2}/[0-9]{2}/[0-9]{4} à [0-9]{2}:[0-9]{2}")
                .doesNotContainPattern("[0-9]{4}-[0-9]{2}-[0-9]{2}");

        HttpResponse<String> invalid = recorder.http().postForm("/backoffice/registres/communications", Map.of("_csrf", Http.csrf(page),
                "authority", "", "legalBasis", "lpf-l81", "reference", "X", "receivedOn", "pas une date", "people", "quelqu'un"));
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.body()).contains("La demande n&#39;est pas enregistrée").contains("la date de réception").contains("les personnes concernées")
                .doesNotContain("pas une date");
    }
}
