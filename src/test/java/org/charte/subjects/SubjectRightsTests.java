package org.charte.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ProcessingRestrictions;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.access.Subcontractor;
import org.charte.access.Subcontractors;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Json;
import org.charte.testing.RecordedEvents;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Rectification (R9.1, L5) and post-mortem directives (R9.4) over HTTP, on the real database. */
@CharteIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(RecordedEvents.class)
class SubjectRightsTests {

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
    ProcessingRestrictions restrictions;

    @Autowired
    PostMortem postMortem;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    RecordedEvents events;

    Relationship world;
    Staff dpo;
    Staff adv;
    StaffMember admin;

    @BeforeAll
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        dpo = world.dpo();
        commitments.sign(dpo.id());
        adv = world.staff("adv");
        admin = directory.create(new StaffDirectory.NewStaff("admin-" + UUID.randomUUID().toString().substring(0, 8), "Admin",
                "administrator", Staff.PASSWORD));
    }

    UUID person() {
        return person("camille.durand@example.org");
    }

    UUID person(String email) {
        return subjects.register(SubjectStatus.CLIENT_ACTIVE, new PersonalData(new Identity("Mme", "DURAND", "Camille", LocalDate.of(1980, 5, 17)),
                new Contacts(List.of(), List.of(email), List.of("+33612345678")), null), world.today());
    }

    /** The DPO's grant for rights-requests on one person, given by an administrator (nobody grants themselves). */
    void rightsGrant(UUID subject, String... categories) {
        grants.grantIndividual(dpo.id(), "rights-requests", Set.of(categories), List.of(ResourceRef.subject(subject)),
                clock.instant().plus(Duration.ofDays(1)), "answer a rights request", admin.id());
    }

    HttpResponse<String> send(Staff staff, String method, String path, Object body) {
        return staff.http().json(method, path, Json.write(body));
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

    Subject stored(UUID id) {
        rightsGrant(id, "identity", "contact");
        return subjects.read(AccessRequest.Actor.staff(dpo.id()), "rights-requests", Set.of("identity", "contact"), id);
    }

    // --- rectification --------------------------------------------------------------------------

    @Test
    @DisplayName("R9.1 L5 rectification is applied, audited for rights-requests with field names only, and every recipient is told (Art. 19)")
    void rectification() {
        UUID client = person("camille.rectifiee@example.org");
        Subcontractor presta = subcontractors.register("Presta rectification " + UUID.randomUUID(), "support-subcontractor");
        subcontractors.recordContract(presta.id(), world.today().minusYears(1), null, true);
        Staff user = world.staff("support-subcontractor", presta.id());
        grants.openForSupportTicket("T-R91-1", client, user.id(), Set.of("support-requests"), clock.instant().plus(Duration.ofDays(1)), dpo.id());
        rightsGrant(client, "identity", "contact", "other-information");

        HttpResponse<String> response = send(dpo, "POST", "/api/v1/subjects/" + client + "/rectifications", body(
                "identity", Map.of("civility", "Mme", "lastName", "Durand-Martin", "firstNames", "Camille", "birthDate", "1980-05-17"),
                "contacts", Map.of("emails", List.of("Camille.Martin@Example.org"), "phones", List.of("+33612345678")),
                "otherInformation", "Préfère être contactée le matin.",
                "reference", "RR-2026-0042"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = Json.of(response);
        List<String> changed = new ArrayList<>();
        answer.path("changedFields").forEach(f -> changed.add(f.asString()));
        assertThat(changed).containsExactly("identity.lastName", "contacts.emails", "otherInformation");
        assertThat(answer.path("recipientsTold").size()).isEqualTo(1);
        assertThat(answer.path("recipientsTold").get(0).path("subcontractorId").asString()).isEqualTo(presta.id().toString());

        Subject after = subjects.read(AccessRequest.Actor.staff(dpo.id()), "rights-requests", Set.of("identity", "contact"), client);
        assertThat(after.identity().lastName()).isEqualTo("Durand-Martin");
        assertThat(after.contacts().emails()).containsExactly("camille.martin@example.org");
        assertThat(subjects.findByEmail("camille.martin@example.org")).contains(client);
        assertThat(subjects.findByEmail("camille.rectifiee@example.org")).isEmpty();

        List<AuditEntry> entries = audit.forSubject(client, 20);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo("write");
            assertThat(e.event().purpose()).isEqualTo("rights-requests");
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.ALLOWED);
        });
        AuditEntry rectify = entries.stream().filter(e -> e.event().action().equals("rectify")).findFirst().orElseThrow();
        assertThat(rectify.event().reason()).contains("identity.lastName", "contacts.emails", "1 recipient(s) told")
                .doesNotContain("DURAND", "martin", "matin");

        JsonNode notices = Json.of(dpo.http().get("/api/v1/recipient-notices?subject=" + client, "Accept", "application/json")).path("notices");
        assertThat(notices.size()).isEqualTo(1);
        assertThat(notices.get(0).path("cause").asString()).isEqualTo("RECTIFICATION");
        assertThat(notices.get(0).path("reference").asString()).isEqualTo("RR-2026-0042");
        assertThat(notices.get(0).path("fields").toString()).contains("identity.lastName");
        assertThat(notices.get(0).path("toldOn").asString()).isEqualTo(world.today().toString());
    }

    @Test
    @DisplayName("R9.1 an invalid or sensitive rectification is refused naming each field, and changes nothing; same value: nothing changed, nobody told")
    void rectificationValidated() {
        UUID client = person();
        rightsGrant(client, "identity", "contact", "other-information");
        HttpResponse<String> invalid = send(dpo, "POST", "/api/v1/subjects/" + client + "/rectifications", body(
                "identity", Map.of("lastName", "Durand", "birthDate", "2999-01-01"),
                "contacts", Map.of("emails", List.of("not an e-mail"))));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(fields(invalid)).contains("identity.birthDate").anyMatch(f -> f.startsWith("contacts.emails"));
        HttpResponse<String> sensitive = send(dpo, "POST", "/api/v1/subjects/" + client + "/rectifications", body(
                "identity", Map.of("lastName", "Durand", "firstNames", "Camille dossier médical")));
        assertThat(sensitive.statusCode()).isEqualTo(400);
        Subject after = stored(client);
        assertThat(after.identity().lastName()).isEqualTo("DURAND");
        assertThat(after.contacts().emails()).containsExactly("camille.durand@example.org");

        HttpResponse<String> same = send(dpo, "POST", "/api/v1/subjects/" + client + "/rectifications", body(
                "contacts", Map.of("emails", List.of("camille.durand@example.org"), "phones", List.of("+33612345678"))));
        assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
        assertThat(Json.of(same).path("changedFields").size()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM recipient_notice WHERE subject_id = ?").param(client).query(Long.class).single()).isZero();
    }

    @Test
    @DisplayName("R9.1 rectifying an unknown person is a 404 problem; without a grant for rights-requests, a 403 and nothing changed")
    void rectificationRefused() {
        HttpResponse<String> unknown = send(dpo, "POST", "/api/v1/subjects/" + UUID.randomUUID() + "/rectifications",
                body("identity", Map.of("lastName", "Durand")));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");

        UUID client = person();
        HttpResponse<String> noGrant = send(adv, "POST", "/api/v1/subjects/" + client + "/rectifications",
                body("identity", Map.of("lastName", "Autre")));
        assertThat(noGrant.statusCode()).isEqualTo(403);
        assertThat(stored(client).identity().lastName()).isEqualTo("DURAND");
    }

    // --- post-mortem directives -----------------------------------------------------------------

    @Test
    @DisplayName("R9.4 post-mortem directives are stored sealed, one current version with its history")
    void directivesStored() {
        UUID client = person();
        String path = "/api/v1/subjects/" + client + "/post-mortem-directives";
        HttpResponse<String> noTrusted = send(dpo, "PUT", path, body("choice", "communicate-to-trusted-person"));
        assertThat(noTrusted.statusCode()).isEqualTo(400);
        assertThat(fields(noTrusted)).containsExactly("trustedPerson");
        assertThat(fields(send(dpo, "PUT", path, body("choice", "forget-me")))).containsExactly("choice");
        assertThat(send(adv, "PUT", path, body("choice", "erase-all")).statusCode()).isEqualTo(403);
        assertThat(send(dpo, "PUT", path, body("choice", "erase-all")).statusCode())
                .as("the DPO adds to a person already recorded under a grant on them, as reading").isEqualTo(403);
        rightsGrant(client, "other-information");

        HttpResponse<String> first = send(dpo, "PUT", path, body("choice", "erase-all", "text", "Tout effacer après ma mort."));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(Json.of(first).path("version").asInt()).isEqualTo(1);
        HttpResponse<String> second = send(dpo, "PUT", path, body("choice", "communicate-to-trusted-person",
                "trustedPerson", Map.of("name", "Jeanne Durand", "email", "Jeanne.Durand@example.org"),
                "text", "Transmettre mes factures à ma sœur Jeanne."));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(Json.of(second).path("version").asInt()).isEqualTo(2);

        byte[] text = jdbc.sql("SELECT text FROM post_mortem_directive WHERE subject_id = ? AND version = 2").param(client)
                .query(byte[].class).single();
        assertThat(new String(text, StandardCharsets.ISO_8859_1)).doesNotContain("Transmettre", "Jeanne");

        JsonNode current = Json.of(dpo.http().get(path, "Accept", "application/json"));
        assertThat(current.path("version").asInt()).isEqualTo(2);
        assertThat(current.path("choice").asString()).isEqualTo("communicate-to-trusted-person");
        assertThat(current.path("trustedPerson").path("email").asString()).isEqualTo("jeanne.durand@example.org");
        assertThat(current.path("text").asString()).isEqualTo("Transmettre mes factures à ma sœur Jeanne.");
        assertThat(current.path("history").size()).isEqualTo(2);
        assertThat(current.path("history").get(1).path("supersededAt").isNull()).isFalse();
        assertThat(current.path("history").get(0).path("supersededAt").isNull()).isTrue();
    }

    @Test
    @DisplayName("R9.4 a death notified applies the directives: deceased, actions opened, DeathNotified published, carried out by the rights workflow once the DPO confirmed the death")
    void directivesAppliedOnDeath() {
        UUID client = person();
        world.grant(adv, "customer-service", Set.of("identity"), client);
        rightsGrant(client, "identity", "other-information");
        postMortem.record(AccessRequest.Actor.staff(dpo.id()), client, new PostMortem.NewDirectives(PostMortem.Choice.COMMUNICATE_TO_TRUSTED_PERSON,
                new PostMortem.TrustedPerson("Jeanne Durand", null, "3 rue des Lilas, 21000 Dijon"), null));

        String path = "/api/v1/subjects/" + client + "/death-notification";
        assertThat(fields(send(dpo, "POST", path, body("diedOn", world.today().plusDays(1).toString(), "source", "family"))))
                .containsExactly("diedOn");
        assertThat(fields(send(dpo, "POST", path, body("diedOn", world.today().toString())))).containsExactly("source");
        assertThat(send(adv, "POST", path, body("diedOn", world.today().toString(), "source", "family")).statusCode()).isEqualTo(403);
        assertThat(postMortem.deceasedOn(client)).isEmpty();

        HttpResponse<String> notified = send(dpo, "POST", path, body("diedOn", world.today().minusDays(3).toString(), "source", "notary"));
        assertThat(notified.statusCode()).as(notified.body()).isEqualTo(201);
        JsonNode answer = Json.of(notified);
        assertThat(answer.path("directive").asString()).isEqualTo("communicate-to-trusted-person");
        List<String> kinds = new ArrayList<>();
        answer.path("actions").forEach(a -> kinds.add(a.path("kind").asString() + "/" + a.path("status").asString()));
        assertThat(kinds).containsExactlyInAnyOrder("communication-to-trusted-person/pending", "erasure/pending");

        assertThat(postMortem.deceasedOn(client)).contains(world.today().minusDays(3));

        DeathNotified event = events.await(DeathNotified.class, e -> e.subjectId().equals(client));
        assertThat(event.directive()).isEqualTo(PostMortem.Choice.COMMUNICATE_TO_TRUSTED_PERSON);
        assertThat(event.diedOn()).isEqualTo(world.today().minusDays(3));

        // The rights module waits for the DPO to check the evidence (DeathNoticeTests), then carries the actions out
        // (RightsFulfilmentTests follows them through): communication, then erasure.
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // a first PDF loads its fonts
        while (jdbc.sql("SELECT COUNT(*) FROM rights_death_check WHERE subject_id = ?").param(client).query(Long.class).single() == 0
                && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(postMortem.actions(client)).as("nothing carried out before the evidence is checked")
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(PostMortem.ActionStatus.PENDING));
        UUID checkId = jdbc.sql("SELECT id FROM rights_death_check WHERE subject_id = ?").param(client).query(UUID.class).single();
        assertThat(dpo.http().postForm("/backoffice/droits/deces/" + checkId + "/confirmation", Map.of("_csrf",
                dpo.http().csrfFrom("/backoffice/droits/deces"), "reference", "Acte de décès n° 2026-7")).statusCode()).isEqualTo(302);
        while (!postMortem.pendingActions().stream().filter(a -> a.subjectId().equals(client)).toList().isEmpty() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(postMortem.actions(client)).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(PostMortem.ActionStatus.DONE);
            assertThat(a.doneBy()).as("carried out on the DPO's confirmation").isEqualTo("staff:" + dpo.id());
        });
        HttpResponse<String> again = send(dpo, "POST", "/api/v1/post-mortem-actions/" + postMortem.actions(client).getFirst().id() + "/completion",
                Map.of());
        assertThat(again.statusCode()).as("done once").isEqualTo(400);
        assertThat(subjects.status(client)).as("erased as the directives ask").isEmpty();
        assertThat(send(dpo, "POST", path, body("diedOn", world.today().toString(), "source", "family")).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("R9.4 L5 a death without directives restricts processing and leaves the heirs' rights to the DPO; an unknown person is a 404 and nothing is recorded")
    void deathWithoutDirectives() {
        UUID client = person();
        rightsGrant(client, "identity");
        PostMortem.Notified notified = postMortem.notifyDeath(AccessRequest.Actor.staff(dpo.id()), client,
                new PostMortem.DeathNotice(world.today(), PostMortem.Source.CIVIL_REGISTRY));
        assertThat(notified.directive()).isNull();
        assertThat(notified.actions()).extracting(PostMortem.Action::kind).containsExactly(PostMortem.ActionKind.NO_DIRECTIVES);
        assertThat(restrictions.current(client)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(ProcessingRestrictions.Reason.DECEASED));
        world.grant(adv, "customer-service", Set.of("identity"), client);
        HttpResponse<String> read = adv.http().get("/api/v1/subjects/" + client + "?purpose=customer-service&categories=identity",
                "Accept", "application/json");
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(Json.of(read).path("detail").asString()).startsWith("restricted:");
        events.await(DeathNotified.class, e -> e.subjectId().equals(client));

        JsonNode pending = Json.of(dpo.http().get("/api/v1/post-mortem-actions", "Accept", "application/json")).path("actions");
        List<String> ids = new ArrayList<>();
        pending.forEach(a -> {
            if (a.path("subjectId").asString().equals(client.toString())) {
                ids.add(a.path("id").asString());
            }
        });
        assertThat(ids).as("the heirs' rights: left to the DPO").hasSize(1);
        HttpResponse<String> done = send(dpo, "POST", "/api/v1/post-mortem-actions/" + ids.getFirst() + "/completion", Map.of());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(Json.of(done).path("status").asString()).isEqualTo("done");
        assertThat(postMortem.pendingActions().stream().filter(a -> a.subjectId().equals(client))).isEmpty();
        assertThat(fields(send(dpo, "POST", "/api/v1/subjects/" + client + "/death-notification",
                body("diedOn", world.today().toString(), "source", "family")))).as("once per person").containsExactly("subjectId");

        UUID nobody = UUID.randomUUID();
        HttpResponse<String> unknown = send(dpo, "POST", "/api/v1/subjects/" + nobody + "/death-notification",
                body("diedOn", world.today().toString(), "source", "family"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(send(dpo, "PUT", "/api/v1/subjects/" + nobody + "/post-mortem-directives", body("choice", "erase-all")).statusCode())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM death_notification WHERE subject_id = ?").param(nobody).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM processing_restriction WHERE subject_id = ?").param(nobody).query(Long.class).single()).isZero();
    }
}
