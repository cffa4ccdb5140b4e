package org.charte.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Json;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Restriction (Art. 18) and objection (Art. 21) as the DPO records them over HTTP and as the
 * decision point enforces them on the next access, on the real database.
 */
@CharteIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestrictionAndObjectionTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Autowired
    Commitments commitments;

    @Autowired
    Grants grants;

    @Autowired
    Subjects subjects;

    @Autowired
    Subcontractors subcontractors;

    @Autowired
    AuditLog audit;

    @Autowired
    AccessDecisions decisions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    Relationship world;
    Staff adv;
    Staff dpo;

    @BeforeAll
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        adv = world.staff("adv");
        dpo = world.dpo();
        commitments.sign(dpo.id());
    }

    HttpResponse<String> read(Staff staff, UUID subject, String purpose) {
        return staff.http().get("/api/v1/subjects/" + subject + "?purpose=" + purpose + "&categories=identity", "Accept", "application/json");
    }

    HttpResponse<String> post(Staff staff, String path, Object body) {
        return staff.http().json("POST", path, Json.write(body));
    }

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }

    static List<String> fields(HttpResponse<String> response) {
        List<String> fields = new ArrayList<>();
        Json.of(response).path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    AuditEntry lastDenied(UUID subject) {
        return audit.forSubject(subject, 20).stream().filter(e -> e.event().outcome() == AuditOutcome.DENIED).findFirst().orElseThrow();
    }

    long rows(String table, UUID subject) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE subject_id = ?").param(subject).query(Long.class).single();
    }

    // --- restriction ----------------------------------------------------------------------------

    @Test
    @DisplayName("L5 restriction refuses any processing but storage (reason 'restricted', audited); legal claims stay allowed; lifting restores access")
    void restrictionRefusesProcessing() {
        UUID client = world.adultProspect();
        world.grant(adv, "customer-service", Set.of("identity"), client);
        world.grant(adv, "unpaid-litigation", Set.of("identity"), client);
        assertThat(read(adv, client, "customer-service").statusCode()).isEqualTo(200);

        HttpResponse<String> restricted = post(dpo, "/api/v1/restrictions",
                body("subjectId", client.toString(), "reason", "accuracy-contested", "reference", "RR-2026-0001"));
        assertThat(restricted.statusCode()).as(restricted.body()).isEqualTo(201);
        assertThat(Json.of(restricted).path("reason").asString()).isEqualTo("accuracy-contested");

        HttpResponse<String> refused = read(adv, client, "customer-service");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Json.of(refused).path("detail").asString()).startsWith("restricted:");
        AuditEntry denied = lastDenied(client);
        assertThat(denied.event().purpose()).isEqualTo("customer-service");
        assertThat(denied.event().reason()).startsWith("restricted:");
        // Recording new data about the person is processing too.
        Decision create = decisions.decide(new AccessRequest(adv.id(), "customer-service", AccessRequest.Action.CREATE, Set.of("identity"),
                ResourceRef.subject(client)));
        assertThat(create.allowed()).isFalse();
        assertThat(create.reason()).startsWith("restricted:");

        // Art. 18(2): legal claims go on under their grant.
        assertThat(read(adv, client, "unpaid-litigation").statusCode()).isEqualTo(200);

        JsonNode list = Json.of(dpo.http().get("/api/v1/restrictions", "Accept", "application/json"));
        assertThat(list.path("allowedWhileRestricted").toString()).contains("rights-requests", "unpaid-litigation");
        assertThat(list.path("restrictions").toString()).contains(client.toString());

        HttpResponse<String> lifted = post(dpo, "/api/v1/restrictions/" + client + "/lifting", body("reason", "accuracy-verified"));
        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
        assertThat(Json.of(lifted).path("liftReason").asString()).isEqualTo("accuracy-verified");
        assertThat(read(adv, client, "customer-service").statusCode()).isEqualTo(200);
        assertThat(Json.of(dpo.http().get("/api/v1/restrictions?subject=" + client, "Accept", "application/json"))
                .path("restrictions").size()).isEqualTo(1);
    }

    @Test
    @DisplayName("L5 restricting tells the recipients who received the person's data (Art. 19), recorded for the DPO")
    void restrictionTellsRecipients() {
        UUID client = world.adultProspect();
        Subcontractor presta = subcontractors.register("Presta restriction " + UUID.randomUUID(), "support-subcontractor");
        subcontractors.recordContract(presta.id(), world.today().minusYears(1), null, true);
        Staff user = world.staff("support-subcontractor", presta.id());
        grants.openForSupportTicket("T-L5-1", client, user.id(), Set.of("support-requests"), clock.instant().plus(Duration.ofDays(1)),
                dpo.id());

        assertThat(post(dpo, "/api/v1/restrictions", body("subjectId", client.toString(), "reason", "unlawful-processing"))
                .statusCode()).isEqualTo(201);
        JsonNode notices = Json.of(dpo.http().get("/api/v1/recipient-notices?subject=" + client, "Accept", "application/json"))
                .path("notices");
        assertThat(notices.size()).isEqualTo(1);
        assertThat(notices.get(0).path("cause").asString()).isEqualTo("RESTRICTION");
        assertThat(notices.get(0).path("subcontractorId").asString()).isEqualTo(presta.id().toString());
        assertThat(notices.get(0).path("toldOn").asString()).isEqualTo(world.today().toString());
    }

    @Test
    @DisplayName("L5 restriction of an unknown person is refused (400, field subjectId) and records nothing; only the DPO restricts")
    void restrictionBadInput() {
        UUID nobody = UUID.randomUUID();
        HttpResponse<String> response = post(dpo, "/api/v1/restrictions", body("subjectId", nobody.toString(), "reason", "accuracy-contested"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(fields(response)).containsExactly("subjectId");
        assertThat(rows("processing_restriction", nobody)).isZero();

        UUID client = world.adultProspect();
        assertThat(fields(post(dpo, "/api/v1/restrictions", body("subjectId", client.toString(), "reason", "because")))).containsExactly("reason");
        assertThat(post(adv, "/api/v1/restrictions", body("subjectId", client.toString(), "reason", "accuracy-contested")).statusCode())
                .isEqualTo(403);
        assertThat(rows("processing_restriction", client)).isZero();
    }

    // --- objection ------------------------------------------------------------------------------

    @Test
    @DisplayName("R1.3 R9.2 L5 an objection to direct marketing is upheld at once, without motive, and refuses every marketing purpose")
    void marketingObjection() {
        UUID client = world.adultProspect();
        world.grant(adv, "loyalty-prospecting", Set.of("identity"), client);
        world.grant(adv, "newsletters", Set.of("identity"), client);
        world.grant(adv, "customer-service", Set.of("identity"), client);
        assertThat(read(adv, client, "loyalty-prospecting").statusCode()).isEqualTo(200);

        HttpResponse<String> objected = post(dpo, "/api/v1/objections", body("subjectId", client.toString(), "reference", "RR-2026-0002"));
        assertThat(objected.statusCode()).as(objected.body()).isEqualTo(201);
        List<String> purposes = new ArrayList<>();
        Json.of(objected).path("objections").forEach(o -> {
            purposes.add(o.path("purpose").asString());
            assertThat(o.path("status").asString()).isEqualTo("upheld");
            assertThat(o.path("kind").asString()).isEqualTo("direct-marketing");
        });
        assertThat(purposes).containsExactlyInAnyOrder("loyalty-prospecting", "customer-reviews", "commercial-statistics", "newsletters");

        for (String purpose : List.of("loyalty-prospecting", "newsletters")) {
            HttpResponse<String> refused = read(adv, client, purpose);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(Json.of(refused).path("detail").asString()).startsWith("objection:");
        }
        assertThat(lastDenied(client).event().reason()).startsWith("objection:");
        assertThat(read(adv, client, "customer-service").statusCode()).isEqualTo(200);
        // Objecting again records nothing more.
        assertThat(Json.of(post(dpo, "/api/v1/objections", body("subjectId", client.toString(), "purpose", "direct-marketing")))
                .path("objections").size()).isZero();
    }

    @Test
    @DisplayName("R1.3 R9.2 an objection to another legitimate interest needs a motive and waits for the DPO, who upholds it: the purpose is then refused")
    void legitimateInterestObjectionUpheld() {
        UUID client = world.adultProspect();
        world.grant(adv, "satisfaction-surveys", Set.of("identity"), client);

        HttpResponse<String> noMotive = post(dpo, "/api/v1/objections", body("subjectId", client.toString(), "purpose", "satisfaction-surveys"));
        assertThat(noMotive.statusCode()).isEqualTo(400);
        assertThat(fields(noMotive)).containsExactly("motive");
        assertThat(rows("objection", client)).isZero();

        HttpResponse<String> recorded = post(dpo, "/api/v1/objections", body("subjectId", client.toString(), "purpose", "satisfaction-surveys",
                "motive", "Je ne souhaite plus être sollicitée pour des enquêtes après mon expérience."));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        JsonNode objection = Json.of(recorded).path("objections").get(0);
        assertThat(objection.path("status").asString()).isEqualTo("pending");
        String id = objection.path("id").asString();
        // The motive is sealed at rest.
        byte[] sealed = jdbc.sql("SELECT motive FROM objection WHERE id = ?").param(UUID.fromString(id)).query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("enquêtes", "sollicit");
        // Pending: nothing refused yet.
        assertThat(read(adv, client, "satisfaction-surveys").statusCode()).isEqualTo(200);
        assertThat(Json.of(dpo.http().get("/api/v1/objections", "Accept", "application/json")).path("objections").toString()).contains(id);

        assertThat(post(adv, "/api/v1/objections/" + id + "/decision", body("outcome", "upheld")).statusCode()).isEqualTo(403);
        HttpResponse<String> decided = post(dpo, "/api/v1/objections/" + id + "/decision", body("outcome", "upheld"));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        assertThat(Json.of(decided).path("status").asString()).isEqualTo("upheld");
        assertThat(Json.of(decided).path("decidedBy").asString()).isEqualTo("staff:" + dpo.id());

        HttpResponse<String> refused = read(adv, client, "satisfaction-surveys");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Json.of(refused).path("detail").asString()).startsWith("objection:");
        assertThat(post(dpo, "/api/v1/objections/" + id + "/decision", body("outcome", "rejected", "reasons", "x")).statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("R9.2 the DPO rejects an objection only with reasons, recorded and readable (under a grant) with the motive; processing goes on")
    void legitimateInterestObjectionRejected() {
        UUID client = world.adultProspect();
        world.grant(adv, "unpaid-litigation", Set.of("identity"), client);
        String id = Json.of(post(dpo, "/api/v1/objections", body("subjectId", client.toString(), "purpose", "unpaid-litigation",
                "motive", "La facture contestée a été réglée."))).path("objections").get(0).path("id").asString();

        HttpResponse<String> noReasons = post(dpo, "/api/v1/objections/" + id + "/decision", body("outcome", "rejected"));
        assertThat(noReasons.statusCode()).isEqualTo(400);
        assertThat(fields(noReasons)).containsExactly("reasons");

        String reasons = "Une procédure de recouvrement est en cours : motifs légitimes impérieux (constatation de droits en justice).";
        HttpResponse<String> rejected = post(dpo, "/api/v1/objections/" + id + "/decision", body("outcome", "rejected", "reasons", reasons));
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(Json.of(rejected).path("status").asString()).isEqualTo("rejected");
        assertThat(read(adv, client, "unpaid-litigation").statusCode()).isEqualTo(200);

        // Reading the texts is a READ for rights-requests: refused without a grant, then allowed under one.
        assertThat(dpo.http().get("/api/v1/objections/" + id + "/statement", "Accept", "application/json").statusCode()).isEqualTo(403);
        StaffMember admin = directory.create(new StaffDirectory.NewStaff("admin-" + UUID.randomUUID().toString().substring(0, 8), "Admin",
                "administrator", Staff.PASSWORD));
        grants.grantIndividual(dpo.id(), "rights-requests", Set.of("other-information"), List.of(ResourceRef.subject(client)),
                clock.instant().plus(Duration.ofDays(1)), "answer the objection", admin.id());
        JsonNode statement = Json.of(dpo.http().get("/api/v1/objections/" + id + "/statement", "Accept", "application/json"));
        assertThat(statement.path("motive").asString()).isEqualTo("La facture contestée a été réglée.");
        assertThat(statement.path("reasons").asString()).isEqualTo(reasons);
    }

    @Test
    @DisplayName("R1.3 L5 objection to a purpose that is not legitimate interest or marketing is refused clearly; an unknown person changes nothing")
    void objectionBadInput() {
        UUID client = world.adultProspect();
        HttpResponse<String> contract = post(dpo, "/api/v1/objections", body("subjectId", client.toString(), "purpose", "customer-service",
                "motive", "any"));
        assertThat(contract.statusCode()).isEqualTo(400);
        assertThat(fields(contract)).containsExactly("purpose");
        assertThat(Json.of(contract).path("detail").asString()).contains("does not apply to customer-service", "contract");
        HttpResponse<String> legal = post(dpo, "/api/v1/objections", body("subjectId", client.toString(), "purpose", "rights-requests",
                "motive", "any"));
        assertThat(Json.of(legal).path("detail").asString()).contains("legal-obligation");
        assertThat(fields(post(dpo, "/api/v1/objections", body("subjectId", client.toString(), "purpose", "no-such-purpose"))))
                .containsExactly("purpose");
        assertThat(rows("objection", client)).isZero();

        UUID nobody = UUID.randomUUID();
        HttpResponse<String> unknown = post(dpo, "/api/v1/objections", body("subjectId", nobody.toString()));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("subjectId");
        assertThat(fields(post(dpo, "/api/v1/objections", body("subjectId", nobody.toString(), "purpose", "satisfaction-surveys",
                "motive", "any")))).containsExactly("subjectId");
        assertThat(rows("objection", nobody)).isZero();
        assertThat(fields(post(dpo, "/api/v1/objections/" + UUID.randomUUID() + "/decision", body("outcome", "upheld"))))
                .containsExactly("id");
    }
}
