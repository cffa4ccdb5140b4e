package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.internal.ApiTokens;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.common.Zones;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.MailServer;
import org.charte.testing.PrivacyCentre;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** OpenDSR 2.0 (R9.5, R9.6): integrations file, follow and cancel rights requests; the person still proves who they are. */
class OpenDsrTests extends RightsTestBase {

    @Autowired
    JdbcClient jdbc;

    @Autowired StaffDirectory directory;
    @Autowired ApiTokens tokens;
    @Autowired Subjects subjects;
    @Autowired IdentityVerification verification;
    @Autowired RequestStore store;

    String integration;
    String otherIntegration;
    String readOnly;
    String wrongScope;

    @BeforeEach
    void setUp() {
        StaffMember admin = directory.create(new StaffDirectory.NewStaff("admin-" + UUID.randomUUID().toString().substring(0, 8), "Admin",
                "administrator", Staff.PASSWORD));
        integration = tokens.issue("consent platform", "adv", Set.of("rights:write", "rights:read"), null, admin.id()).secret();
        otherIntegration = tokens.issue("helpdesk", "adv", Set.of("rights:write", "rights:read"), null, admin.id()).secret();
        readOnly = tokens.issue("dashboard", "adv", Set.of("rights:read"), null, admin.id()).secret();
        wrongScope = tokens.issue("web form", "adv", Set.of("subjects:write", "subjects:read"), null, admin.id()).secret();
    }

    static String email() {
        return "dsr-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    UUID person(String email) {
        return subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("M.", "MARTIN-DSR", "Louis", LocalDate.of(1975, 3, 2)),
                new Contacts(List.of(), List.of(email), List.of()), null), LocalDate.ofInstant(clock.instant(), Zones.PARIS));
    }

    String body(UUID id, String type, String email) {
        return Json.write(Map.of("subject_request_id", id.toString(), "subject_request_type", type, "submitted_time",
                clock.instant().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString(), "subject_identities", List.of(Map.of("identity_type", "email", "identity_value", email, "identity_format", "raw")),
                "property_id", "gestan-cloud", "status_callback_urls", List.of("https://127.0.0.1:9/opendsr/callbacks"),
                "regulation", "gdpr", "api_version", "2.0"));
    }

    HttpResponse<String> post(String token, String path, String body) {
        return new Http(port).json("POST", path, body, "Authorization", "Bearer " + token);
    }

    HttpResponse<String> get(String token, String path) {
        return new Http(port).get(path, "Authorization", "Bearer " + token, "Accept", "application/json");
    }

    /** The internal request id, from the verification link of the code e-mailed to the person. */
    static UUID requestIdFrom(String codeMail) {
        return UUID.fromString(MailServer.find(codeMail, "/verification/([0-9a-f-]{36})"));
    }

    @Test
    @DisplayName("R9.5 OpenDSR discovery says what Charte supports (access, portability, erasure by e-mail) and who the controller and the DPO are")
    void discovery() {
        HttpResponse<String> response = new Http(port).get("/opendsr/v1/discovery", "Accept", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = Json.of(response);
        assertThat(json.path("api_version").asString()).isEqualTo("2.0");
        assertThat(json.path("supported_subject_request_types").toString()).isEqualTo("[\"access\",\"portability\",\"erasure\"]");
        assertThat(json.path("supported_identities").get(0).path("identity_type").asString()).isEqualTo("email");
        assertThat(json.path("supported_identities").get(0).path("identity_format").asString()).isEqualTo("raw");
        assertThat(json.path("controller").path("controller_id").asString()).isEqualTo("44765704000013");
        assertThat(json.path("controller").path("name").asString()).isEqualTo("ICS-Informatique SARL");
        assertThat(json.path("dpo").path("name").asString()).isEqualTo("M. Etienne Neuville");
    }

    @Test
    @DisplayName("R9.5 R9.6 R9.1 an integration files an access request over OpenDSR: pending until the person enters the e-mailed code, then answered to the person, never to the integration")
    void accessOverOpenDsr() {
        String email = email();
        UUID subjectId = person(email);
        UUID id = UUID.randomUUID();
        String body = body(id, "access", email);

        HttpResponse<String> filed = post(integration, "/opendsr/v1/requests", body);
        assertThat(filed.statusCode()).isEqualTo(201);
        JsonNode created = Json.of(filed);
        assertThat(created.path("subject_request_id").asString()).isEqualTo(id.toString());
        assertThat(created.path("controller_id").asString()).isEqualTo("44765704000013");
        assertThat(created.path("request_status").asString()).isEqualTo("pending");
        assertThat(new String(Base64.getDecoder().decode(created.path("encoded_request").asString()))).isEqualTo(body);
        Instant received = Instant.parse(created.path("received_time").asString());
        Instant expected = Instant.parse(created.path("expected_completion_time").asString());
        // The clock: one month from receipt (the end of the due day, Paris).
        assertThat(expected).isAfter(received.plus(Duration.ofDays(27))).isBefore(received.plus(Duration.ofDays(32)));

        // The person is e-mailed a code, exactly as on the privacy centre.
        String codeMail = MailServer.latest(email, "code");
        UUID requestId = requestIdFrom(codeMail);
        RightsRequest request = store.load(requestId).orElseThrow();
        assertThat(request.channel()).isEqualTo(RequestChannel.API);
        assertThat(request.type()).isEqualTo(RequestType.ACCESS);
        assertThat(request.status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);
        assertThat(request.subjectId()).as("nothing linked before the code").isNull();

        HttpResponse<String> status = get(integration, "/opendsr/v1/requests/" + id);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(Json.of(status).path("request_status").asString()).isEqualTo("pending");
        assertThat(Json.of(status).path("expected_completion_time").asString()).isEqualTo(created.path("expected_completion_time").asString());

        HttpResponse<String> verified = PrivacyCentre.at(port).enter(requestId, MailServer.find(codeMail, "(\\d{6})"));
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(store.load(requestId).orElseThrow().subjectId()).isEqualTo(subjectId);
        assertThat(MailServer.latest(email, "Réponse")).contains("/telechargement/", "CNIL");

        JsonNode done = Json.of(get(integration, "/opendsr/v1/requests/" + id));
        assertThat(done.path("request_status").asString()).isEqualTo("completed");
        assertThat(done.has("results_url")).as("the answer goes to the person only").isFalse();
        assertThat(done.toString()).doesNotContain(email, "MARTIN-DSR", "telechargement");
    }

    @Test
    @DisplayName("R9.5 R9.3 a portability request filed over OpenDSR is answered to the person once they enter their code")
    void portabilityOverOpenDsr() {
        String email = email();
        person(email);
        UUID id = UUID.randomUUID();
        assertThat(post(integration, "/opendsr/v1/requests", body(id, "portability", email)).statusCode()).isEqualTo(201);
        String codeMail = MailServer.latest(email, "code");
        PrivacyCentre.at(port).enter(requestIdFrom(codeMail), MailServer.find(codeMail, "(\\d{6})"));
        assertThat(MailServer.latest(email, "Réponse")).contains("/telechargement/");
        assertThat(store.load(requestIdFrom(codeMail)).orElseThrow().type()).isEqualTo(RequestType.PORTABILITY);
        assertThat(Json.of(get(integration, "/opendsr/v1/requests/" + id)).path("request_status").asString()).isEqualTo("completed");
    }

    @Test
    @DisplayName("R9.5 OpenDSR is idempotent: the same subject_request_id and body again is the same request; another body with it, or another integration, is a 409")
    void idempotent() {
        String email = email();
        UUID id = UUID.randomUUID();
        String body = body(id, "erasure", email);
        HttpResponse<String> first = post(integration, "/opendsr/v1/requests", body);
        assertThat(first.statusCode()).isEqualTo(201);
        MailServer.latest(email, "code");

        HttpResponse<String> again = post(integration, "/opendsr/v1/requests", body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.of(again).path("received_time").asString()).isEqualTo(Json.of(first).path("received_time").asString());
        assertThat(MailServer.to(email)).as("no second code for a retry").hasSize(1);

        HttpResponse<String> other = post(integration, "/opendsr/v1/requests", body(id, "access", email));
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Json.of(other).path("errors").get(0).path("field").asString()).isEqualTo("subject_request_id");
        assertThat(post(otherIntegration, "/opendsr/v1/requests", body).statusCode()).isEqualTo(409);
        assertThat(MailServer.to(email)).hasSize(1);
    }

    @Test
    @DisplayName("R9.5 R9.6 OpenDSR discloses nothing about an unknown person: the same answer as for a known one, and the code goes to the address either way")
    void noDisclosure() {
        String known = email();
        person(known);
        String unknown = email();
        HttpResponse<String> forKnown = post(integration, "/opendsr/v1/requests", body(UUID.randomUUID(), "access", known));
        HttpResponse<String> forUnknown = post(integration, "/opendsr/v1/requests", body(UUID.randomUUID(), "access", unknown));
        assertThat(forKnown.statusCode()).isEqualTo(forUnknown.statusCode()).isEqualTo(201);
        JsonNode a = Json.of(forKnown);
        JsonNode b = Json.of(forUnknown);
        assertThat(names(a)).isEqualTo(names(b));
        for (String field : List.of("controller_id", "request_status", "api_version", "expected_completion_time")) {
            assertThat(a.path(field).asString()).as(field).isEqualTo(b.path(field).asString());
        }
        MailServer.latest(known, "code");
        MailServer.latest(unknown, "code");
        UUID unknownRequest = requestIdFrom(MailServer.latest(unknown, "code"));
        assertThat(store.load(unknownRequest).orElseThrow().subjectId()).isNull();
    }

    static List<String> names(JsonNode json) {
        List<String> names = new ArrayList<>(json.propertyNames());
        names.sort(null);
        return names;
    }

    @Test
    @DisplayName("R9.2 R9.5 an erasure request is cancelled over OpenDSR before it is answered: recorded, the person told, the code void; an answered one cannot be cancelled (409)")
    void cancel() {
        String email = email();
        person(email);
        UUID id = UUID.randomUUID();
        assertThat(post(integration, "/opendsr/v1/requests", body(id, "erasure", email)).statusCode()).isEqualTo(201);
        String codeMail = MailServer.latest(email, "code");
        UUID requestId = requestIdFrom(codeMail);

        assertThat(post(otherIntegration, "/opendsr/v1/requests/" + id + "/cancel", "").statusCode()).as("not its request").isEqualTo(404);
        HttpResponse<String> cancelled = post(integration, "/opendsr/v1/requests/" + id + "/cancel", "");
        assertThat(cancelled.statusCode()).isEqualTo(202);
        assertThat(Json.of(cancelled).path("request_status").asString()).isEqualTo("cancelled");
        assertThat(Json.of(cancelled).path("subject_request_id").asString()).isEqualTo(id.toString());
        assertThat(Json.of(get(integration, "/opendsr/v1/requests/" + id)).path("request_status").asString()).isEqualTo("cancelled");

        RightsRequest request = store.load(requestId).orElseThrow();
        assertThat(request.status()).isEqualTo(RequestStatus.CANCELLED);
        assertThat(request.open()).isFalse();
        assertThat(request.outcome()).isEqualTo("cancelled");
        assertThat(store.history(requestId)).extracting(RightsRequests.Step::kind).contains("recorded", "code-sent", "cancelled");
        assertThat(MailServer.latest(email, "annulée")).contains("annulée", "CNIL");
        assertThat(verification.verify(requestId, MailServer.find(codeMail, "(\\d{6})"))).isEqualTo(RightsRequests.Verification.NOT_AWAITED);

        // The DPO sees it closed as cancelled, with its history, among the closed requests.
        Staff dpo = Staff.signedIn(directory, port, "dpo");
        HttpResponse<String> page = dpo.http().get("/backoffice/droits/" + requestId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Annulée avant réponse", "Intégration (API)", "OpenDSR " + id);
        assertThat(dpo.http().get("/backoffice/droits").body()).contains(request.reference());

        // Again: the same answer (a retry); with the specification's DELETE too.
        assertThat(post(integration, "/opendsr/v1/requests/" + id + "/cancel", "").statusCode()).isEqualTo(202);
        assertThat(new Http(port).json("DELETE", "/opendsr/v1/requests/" + id, "", "Authorization", "Bearer " + integration).statusCode())
                .isEqualTo(202);

        // An access request answered at once cannot be cancelled any more.
        String other = email();
        person(other);
        UUID answered = UUID.randomUUID();
        post(integration, "/opendsr/v1/requests", body(answered, "access", other));
        String otherCode = MailServer.latest(other, "code");
        PrivacyCentre.at(port).enter(requestIdFrom(otherCode), MailServer.find(otherCode, "(\\d{6})"));
        HttpResponse<String> tooLate = post(integration, "/opendsr/v1/requests/" + answered + "/cancel", "");
        assertThat(tooLate.statusCode()).isEqualTo(409);
        assertThat(tooLate.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Json.of(get(integration, "/opendsr/v1/requests/" + answered)).path("request_status").asString()).isEqualTo("completed");
    }

    @Test
    @DisplayName("R8.3 R9.5 OpenDSR needs rights:write to file and cancel, rights:read to read; a token sees only its own requests; the DPO sees all")
    void authentication() {
        String email = email();
        UUID id = UUID.randomUUID();
        String body = body(id, "access", email);
        assertThat(new Http(port).json("POST", "/opendsr/v1/requests", body).statusCode()).as("anonymous").isEqualTo(401);
        assertThat(post(wrongScope, "/opendsr/v1/requests", body).statusCode()).as("subjects:write only").isEqualTo(403);
        assertThat(post(readOnly, "/opendsr/v1/requests", body).statusCode()).as("rights:read only").isEqualTo(403);
        assertThat(MailServer.to(email)).as("nothing filed").isEmpty();

        assertThat(post(integration, "/opendsr/v1/requests", body).statusCode()).isEqualTo(201);
        assertThat(get(integration, "/opendsr/v1/requests/" + id).statusCode()).isEqualTo(200);
        assertThat(get(wrongScope, "/opendsr/v1/requests/" + id).statusCode()).isEqualTo(403);
        assertThat(get(otherIntegration, "/opendsr/v1/requests/" + id).statusCode()).as("another integration's request").isEqualTo(404);
        assertThat(get(readOnly, "/opendsr/v1/requests/" + id).statusCode()).as("another integration's request").isEqualTo(404);
        assertThat(post(readOnly, "/opendsr/v1/requests/" + id + "/cancel", "").statusCode()).isEqualTo(403);
        assertThat(get(integration, "/opendsr/v1/requests/" + UUID.randomUUID()).statusCode()).isEqualTo(404);

        Staff dpo = Staff.signedIn(directory, port, "dpo");
        HttpResponse<String> seen = dpo.http().get("/opendsr/v1/requests/" + id, "Accept", "application/json");
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(Json.of(seen).path("request_status").asString()).isEqualTo("pending");
        Staff adv = Staff.signedIn(directory, port, "adv");
        assertThat(adv.http().get("/opendsr/v1/requests/" + id, "Accept", "application/json").statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("R9.5 OpenDSR bad input: a 400 problem+json naming each invalid field by its OpenDSR name, nothing filed; an unsupported type is a 400")
    void badInput() {
        String email = email();
        HttpResponse<String> bad = post(integration, "/opendsr/v1/requests", Json.write(Map.of("subject_request_id", "not-a-uuid",
                "subject_request_type", "rectification", "submitted_time", "yesterday",
                "subject_identities", List.of(Map.of("identity_type", "email", "identity_value", "not an e-mail", "identity_format", "raw")),
                "status_callback_urls", List.of("http://169.254.169.254/latest/meta-data"), "regulation", "gdpr")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        Json.of(bad).path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("subject_request_id", "subject_request_type", "submitted_time",
                "subject_identities[0].identity_value", "status_callback_urls[0]");
        assertThat(bad.body()).doesNotContain("not an e-mail");

        HttpResponse<String> unsupported = post(integration, "/opendsr/v1/requests", body(UUID.randomUUID(), "objection", email));
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(Json.of(unsupported).path("errors").get(0).path("field").asString()).isEqualTo("subject_request_type");

        HttpResponse<String> missing = post(integration, "/opendsr/v1/requests", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        List<String> required = new ArrayList<>();
        Json.of(missing).path("errors").forEach(e -> required.add(e.path("field").asString()));
        assertThat(required).containsExactlyInAnyOrder("subject_request_id", "subject_request_type", "subject_identities", "submitted_time",
                "regulation");

        String future = body(UUID.randomUUID(), "access", email).replaceAll("\"submitted_time\":\"[^\"]+\"",
                "\"submitted_time\":\"" + clock.instant().plus(Duration.ofDays(2)).toString() + "\"");
        assertThat(Json.of(post(integration, "/opendsr/v1/requests", future)).path("errors").get(0).path("field").asString()).isEqualTo("submitted_time");
        assertThat(post(integration, "/opendsr/v1/requests", "not json").statusCode()).isEqualTo(400);
        assertThat(MailServer.to(email)).as("nothing filed").isEmpty();
    }

    @Test
    @DisplayName("R8.5 OpenDSR refuses control and bidi characters in the e-mail, property_id and callback URLs, and a language other than fr or en, naming each field")
    void controlCharactersAndLanguage() {
        String email = email();
        long before = jdbc.sql("SELECT COUNT(*) FROM rights_request").query(Long.class).single();
        for (String c : List.of("\u0000", "\u202e", "\u2066", "\u0085")) {
            Map<String, Object> body = new HashMap<>(Map.of("subject_request_id", UUID.randomUUID().toString(),
                    "subject_request_type", "access", "submitted_time",
                    clock.instant().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString()));
            body.put("subject_identities", List.of(Map.of("identity_type", "email", "identity_value", "a" + c + email, "identity_format", "raw")));
            body.put("property_id", "gestan" + c + "cloud");
            body.put("status_callback_urls", List.of("https://integration.example.org/" + c + "callbacks"));
            body.put("language", "de");
            body.put("regulation", "gdpr");
            HttpResponse<String> refused = post(integration, "/opendsr/v1/requests", Json.write(body));
            assertThat(refused.statusCode()).isEqualTo(400);
            List<String> fields = new ArrayList<>();
            Json.of(refused).path("errors").forEach(e -> fields.add(e.path("field").asString()));
            assertThat(fields).as("U+%04X", (int) c.charAt(0)).containsExactlyInAnyOrder("subject_identities[0].identity_value", "property_id",
                    "status_callback_urls[0]", "language");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rights_request").query(Long.class).single()).as("nothing filed").isEqualTo(before);
        assertThat(MailServer.to(email)).isEmpty();
    }
}
