package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest;
import org.charte.access.Commitments;
import org.charte.access.Grant;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostMortem;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.PrivacyCentre;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The DPO reaches a person's data only through an individual grant, the DPO included (R6.1); a
 * post-mortem matter opens the DPO's grant on that one person for the handling of rights requests
 * (R9.4, R9.6), exactly as a support ticket opens a subcontractor's: a verified post-mortem request
 * until it closes, a death notified until its check is decided. Over real HTTP, on H2 and PostgreSQL.
 */
class PostMortemGrantTests extends RightsTestBase {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired PostMortem postMortem;
    @Autowired AccessDecisions decisions;
    @Autowired AuditLog audit;
    @Autowired RequestStore store;
    @Autowired JdbcClient jdbc;

    Relationship world;
    Staff dpo;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        dpo = world.dpo();
        commitments.sign(dpo.id());
    }

    UUID person(String lastName) {
        return person(lastName, lastName.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
    }

    UUID person(String lastName, String email) {
        return subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", lastName, "Camille", LocalDate.of(1950, 5, 17)),
                new Contacts(List.of(new PostalAddress(List.of("8 rue Pasteur"), "21000", "Dijon", "FR")), List.of(email), List.of()), null),
                world.today().minusMonths(2));
    }

    /** A post-mortem request received by post, its directives in words (nothing Charte can apply by itself), recorded by the DPO. */
    RightsRequest letter(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "post-mortem");
        body.put("channel", "post");
        body.put("receivedOn", world.today().minusDays(2).toString());
        body.put("name", name);
        body.put("postalAddress", "8 rue Pasteur\n21000 Dijon");
        body.put("details", "Je souhaite que tout soit effacé après ma mort.");
        body.put("language", "fr");
        HttpResponse<String> recorded = dpo.http().json("POST", "/api/v1/rights-requests", Json.write(body));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        return store.load(UUID.fromString(Json.of(recorded).path("id").asString())).orElseThrow();
    }

    HttpResponse<String> verify(Staff staff, RightsRequest request, UUID subject) {
        String path = "/backoffice/droits/" + request.id();
        return staff.http().postForm(path + "/verification", Map.of("_csrf", staff.http().csrfFrom(path),
                "how", "lettre signée, pièce d'identité vérifiée", "subjectId", subject.toString()));
    }

    HttpResponse<String> recordDirectives(UUID subject) {
        return dpo.http().json("PUT", "/api/v1/subjects/" + subject + "/post-mortem-directives",
                Json.write(Map.of("choice", "erase-all", "text", "Tout effacer après ma mort.")));
    }

    boolean dpoReads(UUID subject, String category) {
        return decisions.decide(new AccessRequest(dpo.id(), "rights-requests", AccessRequest.Action.READ, Set.of(category),
                ResourceRef.subject(subject))).allowed();
    }

    /** The grants a rights matter opened, whoever holds them (other tests' DPOs too: every DPO gets one). */
    List<Grant> openedBy(String rightsRef) {
        return jdbc.sql("SELECT id FROM access_grant WHERE rights_ref = ?").param(rightsRef).query(UUID.class).list().stream()
                .map(id -> grants.find(id).orElseThrow()).toList();
    }

    Grant dposGrant(String rightsRef) {
        return grants.find(openedBy(rightsRef).stream().filter(g -> g.granteeId().equals(dpo.id())).findFirst().orElseThrow().id()).orElseThrow();
    }

    List<AuditEntry> grantEntries(UUID subject, String action) {
        return audit.forSubject(subject, 500).stream().filter(e -> e.event().action().equals(action)).toList();
    }

    UUID check(UUID subject) {
        DeathNoticeTests.await(() -> jdbc.sql("SELECT COUNT(*) FROM rights_death_check WHERE subject_id = ?").param(subject)
                .query(Long.class).single() > 0, "the death check");
        return jdbc.sql("SELECT id FROM rights_death_check WHERE subject_id = ?").param(subject).query(UUID.class).single();
    }

    /** The DPO records a death under an administrator's grant, ended once it is recorded: what follows is the check's own grant. */
    UUID notifiedDeath(UUID subject) {
        Grant given = world.grantToDpo("rights-requests", Set.of("identity"), subject);
        HttpResponse<String> notified = dpo.http().json("POST", "/api/v1/subjects/" + subject + "/death-notification",
                "{\"diedOn\":\"" + world.today().minusDays(3) + "\",\"source\":\"family\"}");
        assertThat(notified.statusCode()).as(notified.body()).isEqualTo(201);
        grants.revoke(given.id(), dpo.id(), "death recorded");
        return check(subject);
    }

    @Test
    @DisplayName("R6.1 R9.4 R9.6 a post-mortem request by post: the DPO may not record the directives before the person's identity is verified, "
            + "may while the request is open (the grant opened and audited, on the DPO's and the grants' pages), and no longer once it is answered "
            + "(the grant ended with its reason, audited)")
    void verifiedPostMortemRequest() {
        UUID subject = person("LETTRE");
        RightsRequest request = letter("Camille Lettre");

        assertThat(recordDirectives(subject).statusCode()).as("R9.6 before the identity is verified, no grant: refused").isEqualTo(403);
        assertThat(dpoReads(subject, "identity")).isFalse();
        assertThat(openedBy(request.reference())).as("nothing opened before verification").isEmpty();

        HttpResponse<String> verified = verify(dpo, request, subject);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(302);
        assertThat(store.load(request.id()).orElseThrow().status()).as("waits for the DPO").isEqualTo(RequestStatus.IN_PROGRESS);

        Grant grant = dposGrant(request.reference());
        assertThat(grant.kind()).isEqualTo(Grant.Kind.RIGHTS_REQUEST);
        assertThat(grant.purpose()).isEqualTo("rights-requests");
        assertThat(grant.categories()).as("what handling it reads and records, nothing more").containsExactlyInAnyOrder("identity", "other-information");
        assertThat(grant.resources()).as("that one person").containsExactly(ResourceRef.subject(subject));
        assertThat(grant.grantedBy()).as("opened on the verification of the DPO who checked the letter").isEqualTo(dpo.id());
        assertThat(grant.reason()).isEqualTo("post-mortem request " + request.reference() + " verified");
        assertThat(grant.validUntil()).as("three months at most").isBeforeOrEqualTo(clock.instant().plus(Duration.ofDays(92)))
                .isAfter(clock.instant().plus(Duration.ofDays(88)));
        assertThat(grantEntries(subject, "open-grant")).as("R6.5 its opening in the audit log, under the person's id").anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + dpo.id());
            assertThat(e.event().resourceType()).isEqualTo("access-grant");
            assertThat(e.event().resourceId()).isEqualTo(grant.id().toString());
            assertThat(e.event().purpose()).isEqualTo("rights-requests");
            assertThat(e.event().reason()).isEqualTo("post-mortem request " + request.reference() + " verified");
        });
        assertThat(Jsoup.parse(dpo.http().get("/backoffice/mes-acces").body()).text()).as("on the DPO's own page")
                .contains("Demande d'exercice de droits", "Gestion de l'exercice de vos droits", "Personne " + subject.toString().substring(0, 8),
                        "demande post mortem " + request.reference() + " vérifiée");
        assertThat(Jsoup.parse(dpo.http().get("/backoffice/grants").body()).text()).as("on the grants' page, in words")
                .contains("Demande d'exercice de droits", "demande post mortem " + request.reference() + " vérifiée");

        HttpResponse<String> directives = recordDirectives(subject);
        assertThat(directives.statusCode()).as("R6.1 R9.4 the verified request opened the DPO's grant: " + directives.body()).isEqualTo(200);
        assertThat(dpo.http().get("/api/v1/subjects/" + subject + "/post-mortem-directives", "Accept", "application/json").statusCode())
                .as("and read them").isEqualTo(200);
        assertThat(dpoReads(subject, "identity")).isTrue();
        assertThat(dpoReads(subject, "other-information")).isTrue();
        assertThat(decisions.decide(new AccessRequest(dpo.id(), "rights-requests", AccessRequest.Action.READ, Set.of("billing"),
                ResourceRef.subject(subject))).allowed()).as("limited to its categories").isFalse();
        assertThat(decisions.decide(new AccessRequest(dpo.id(), "compliance-checks", AccessRequest.Action.READ, Set.of("identity"),
                ResourceRef.subject(subject))).allowed()).as("and to its purpose").isFalse();

        String path = "/backoffice/droits/" + request.id();
        HttpResponse<String> answered = dpo.http().postForm(path + "/reponse", Map.of("_csrf", dpo.http().csrfFrom(path),
                "answer", "Vos directives sont enregistrées : tout effacer après votre mort."));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(302);
        assertThat(recordDirectives(subject).statusCode()).as("the request answered, its grant ended").isEqualTo(403);
        assertThat(dpoReads(subject, "identity")).isFalse();
        assertThat(openedBy(request.reference())).as("every DPO's grant ended").allSatisfy(g -> {
            assertThat(g.revokedAt()).isNotNull();
            assertThat(g.revokeReason()).isEqualTo("rights request closed");
        });
        assertThat(grantEntries(subject, "end-grant")).as("R6.5 its end in the audit log, with the reason").anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + dpo.id());
            assertThat(e.event().resourceId()).isEqualTo(grant.id().toString());
            assertThat(e.event().reason()).isEqualTo("rights request closed");
        });
        assertThat(Jsoup.parse(dpo.http().get("/backoffice/audit?subject=" + subject).body()).text()).as("the DPO reads both in words")
                .contains("Ouverture d'une autorisation d'accès", "demande post mortem " + request.reference() + " vérifiée",
                        "Fin d'une autorisation d'accès", "la demande d'exercice de droits a été close");
    }

    @Test
    @DisplayName("R6.1 R9.4 a post-mortem request's grant is the DPOs' alone: sales administration and the administrator get nothing from it; "
            + "refused, the request ends it; answered at once on the privacy centre, it opens none")
    void onlyTheDpos() {
        Staff adv = world.staff("adv");
        StaffMember admin = directory.create(new StaffDirectory.NewStaff("admin-" + UUID.randomUUID().toString().substring(0, 8),
                "Test administrator", "administrator", Staff.PASSWORD));
        UUID subject = person("REFUSEE");
        RightsRequest request = letter("Camille Refusée");
        assertThat(verify(dpo, request, subject).statusCode()).isEqualTo(302);

        List<Grant> opened = openedBy(request.reference());
        assertThat(opened).as("one per DPO").isNotEmpty().anySatisfy(g -> assertThat(g.granteeId()).isEqualTo(dpo.id()))
                .allSatisfy(g -> assertThat(directory.find(g.granteeId()).orElseThrow().role()).isEqualTo("dpo"));
        Predicate<Grant> onThisPerson = g -> g.resources().contains(ResourceRef.subject(subject));
        assertThat(grants.forGrantee(adv.id())).as("sales administration gets nothing").noneMatch(onThisPerson);
        assertThat(grants.forGrantee(admin.id())).as("nor the administrator").noneMatch(onThisPerson);
        assertThat(decisions.decide(new AccessRequest(adv.id(), "customer-service", AccessRequest.Action.READ, Set.of("identity"),
                ResourceRef.subject(subject))).allowed()).isFalse();

        String path = "/backoffice/droits/" + request.id();
        HttpResponse<String> refused = dpo.http().postForm(path + "/refus", Map.of("_csrf", dpo.http().csrfFrom(path),
                "ground", "manifestly-unfounded", "reasons", "La lettre n'est pas signée de la personne."));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(302);
        assertThat(openedBy(request.reference())).allSatisfy(g -> assertThat(g.revokeReason()).isEqualTo("rights request closed"));
        assertThat(recordDirectives(subject).statusCode()).isEqualTo(403);

        String email = "enligne-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        person("ENLIGNE", email);
        UUID answeredAtOnce = PrivacyCentre.at(port).askAndVerify("post-mortem", "Camille Enligne", email, "",
                Map.of("choice", "erase-all"));
        RightsRequest atOnce = store.load(answeredAtOnce).orElseThrow();
        assertThat(atOnce.status()).isEqualTo(RequestStatus.ANSWERED);
        assertThat(openedBy(atOnce.reference())).as("nothing waits for the DPO: no grant").isEmpty();
    }

    @Test
    @DisplayName("R6.1 R9.4 R6.5 a DPO whose account is created while a post-mortem request and a death check are open gets both matters' grants "
            + "(same person, categories, end and reason, opened by Charte and audited), may record the directives, and loses them when the matter closes; "
            + "an account of another role gets nothing")
    void dpoJoiningLater() {
        UUID subject = person("TARDIVE");
        RightsRequest request = letter("Camille Tardive");
        assertThat(verify(dpo, request, subject).statusCode()).isEqualTo(302);
        UUID deceased = person("DECEDEE");
        UUID checkId = notifiedDeath(deceased);
        Grant first = dposGrant(request.reference());
        Grant firstCheck = dposGrant(PostMortemAccess.checkRef(checkId));

        Staff later = world.staff("dpo");
        Staff adv = world.staff("adv");
        assertThat(grants.forGrantee(adv.id())).as("another role gets nothing").noneMatch(g -> g.kind() == Grant.Kind.RIGHTS_REQUEST);
        for (Grant matter : List.of(first, firstCheck)) {
            Grant joined = openedBy(matter.rightsRef()).stream().filter(g -> g.granteeId().equals(later.id())).findFirst()
                    .orElseThrow(() -> new AssertionError("no grant of " + matter.rightsRef() + " for the DPO who joined"));
            assertThat(joined.kind()).isEqualTo(Grant.Kind.RIGHTS_REQUEST);
            assertThat(joined.purpose()).isEqualTo(matter.purpose());
            assertThat(joined.categories()).isEqualTo(matter.categories());
            assertThat(joined.resources()).isEqualTo(matter.resources());
            assertThat(joined.validUntil()).as("no longer than the matter's first grant").isEqualTo(matter.validUntil());
            assertThat(joined.reason()).isEqualTo(matter.reason());
            assertThat(joined.revokedAt()).isNull();
            UUID person = matter.resources().getFirst().id();
            assertThat(grantEntries(person, "open-grant")).as("R6.5 its opening audited, by Charte").anySatisfy(e -> {
                assertThat(e.event().actor()).isEqualTo("system");
                assertThat(e.event().resourceId()).isEqualTo(joined.id().toString());
            });
        }
        assertThat(decisions.decide(new AccessRequest(later.id(), "rights-requests", AccessRequest.Action.WRITE, Set.of("other-information"),
                ResourceRef.subject(subject))).allowed()).as("the new DPO may record the directives").isTrue();
        HttpResponse<String> recorded = later.http().json("PUT", "/api/v1/subjects/" + subject + "/post-mortem-directives",
                Json.write(Map.of("choice", "erase-all", "text", "Tout effacer après ma mort.")));
        assertThat(recorded.statusCode()).as(recorded.body()).isIn(200, 201);

        String path = "/backoffice/droits/" + request.id();
        HttpResponse<String> refused = dpo.http().postForm(path + "/refus", Map.of("_csrf", dpo.http().csrfFrom(path),
                "ground", "manifestly-unfounded", "reasons", "La lettre n'est pas signée de la personne."));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(302);
        assertThat(openedBy(request.reference())).as("closing the matter ends every DPO's grant, the late one's too")
                .allSatisfy(g -> assertThat(g.revokeReason()).isEqualTo("rights request closed"));
        assertThat(dpoReads(subject, "identity")).isFalse();

        Staff afterwards = world.staff("dpo");
        assertThat(openedBy(request.reference())).as("a matter closed opens nothing for a DPO who joins after")
                .noneMatch(g -> g.granteeId().equals(afterwards.id()));
        assertThat(openedBy(PostMortemAccess.checkRef(checkId))).as("the check still open does")
                .anyMatch(g -> g.granteeId().equals(afterwards.id()) && g.revokedAt() == null);
    }

    @Test
    @DisplayName("R6.1 R9.4 an heir's post-mortem request, verified and linked to the deceased: the DPO records the death under its grant, "
            + "which the death's check then carries on")
    void heirsRequest() {
        UUID subject = person("HERITIERE");
        HttpResponse<String> before = dpo.http().json("POST", "/api/v1/subjects/" + subject + "/death-notification",
                "{\"diedOn\":\"" + world.today().minusDays(5) + "\",\"source\":\"family\"}");
        assertThat(before.statusCode()).as("no grant yet: nothing recorded").isEqualTo(403);
        assertThat(postMortem.deceasedOn(subject)).isEmpty();

        RightsRequest request = letter("Dominique Héritier");
        assertThat(verify(dpo, request, subject).statusCode()).isEqualTo(302);
        HttpResponse<String> notified = dpo.http().json("POST", "/api/v1/subjects/" + subject + "/death-notification",
                "{\"diedOn\":\"" + world.today().minusDays(5) + "\",\"source\":\"family\"}");
        assertThat(notified.statusCode()).as(notified.body()).isEqualTo(201);
        UUID checkId = check(subject);
        assertThat(dposGrant("death-check:" + checkId).revokedAt()).as("the check's own grant").isNull();
    }

    @Test
    @DisplayName("R6.1 R9.4 a death notified under check: the DPO's check page names the person without an administrator's grant; "
            + "rejected, the check's grant ends, audited with its reason, and the name is hidden again")
    void deathUnderCheckRejected() {
        UUID subject = person("ENATTENTE");
        UUID checkId = notifiedDeath(subject);

        Grant grant = dposGrant("death-check:" + checkId);
        assertThat(grant.kind()).isEqualTo(Grant.Kind.RIGHTS_REQUEST);
        assertThat(grant.categories()).containsExactlyInAnyOrder("identity", "other-information");
        assertThat(grant.resources()).containsExactly(ResourceRef.subject(subject));
        assertThat(grant.grantedBy()).as("opened by Charte on the notification").isNull();
        assertThat(grantEntries(subject, "open-grant")).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("system");
            assertThat(e.event().resourceId()).isEqualTo(grant.id().toString());
            assertThat(e.event().reason()).isEqualTo("death notified: evidence to check");
        });
        String page = dpo.http().get("/backoffice/droits/deces").body();
        assertThat(page).as("the check's grant shows the name").contains("Camille ENATTENTE");
        assertThat(dpoReads(subject, "identity")).isTrue();
        assertThat(dpo.http().get("/api/v1/subjects/" + subject + "/post-mortem-directives", "Accept", "application/json").statusCode())
                .as("and the directives the check is about").isIn(200, 404);

        HttpResponse<String> rejected = dpo.http().postForm("/backoffice/droits/deces/" + checkId + "/rejet",
                Map.of("_csrf", Http.csrf(page), "reasons", "Appel anonyme, aucun acte produit."));
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(302);
        assertThat(grants.find(grant.id()).orElseThrow().revokeReason()).isEqualTo("death not confirmed: evidence wanting");
        assertThat(dpoReads(subject, "identity")).as("the check decided, no grant").isFalse();
        assertThat(grantEntries(subject, "end-grant")).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + dpo.id());
            assertThat(e.event().resourceId()).isEqualTo(grant.id().toString());
            assertThat(e.event().reason()).isEqualTo("death not confirmed: evidence wanting");
        });
    }

    @Test
    @DisplayName("R6.1 R9.4 a death confirmed: the check's grant ends once the directives are carried out, audited with its reason")
    void deathConfirmed() {
        UUID subject = person("CONFIRMEE");
        UUID checkId = notifiedDeath(subject);
        Grant grant = dposGrant("death-check:" + checkId);
        assertThat(grant.revokedAt()).isNull();

        HttpResponse<String> confirmed = dpo.http().postForm("/backoffice/droits/deces/" + checkId + "/confirmation",
                Map.of("_csrf", dpo.http().csrfFrom("/backoffice/droits/deces"), "reference", "Acte n° 2026-12, mairie de Dijon"));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(302);
        DeathNoticeTests.await(() -> grants.find(grant.id()).orElseThrow().revokedAt() != null, "the check's grant to end");
        assertThat(postMortem.actions(subject)).as("ended with the directives carried out")
                .noneMatch(a -> a.status() == PostMortem.ActionStatus.PENDING && a.kind() != PostMortem.ActionKind.NO_DIRECTIVES);
        assertThat(grants.find(grant.id()).orElseThrow().revokeReason()).isEqualTo("death confirmed: directives carried out");
        assertThat(grantEntries(subject, "end-grant")).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + dpo.id());
            assertThat(e.event().resourceId()).isEqualTo(grant.id().toString());
            assertThat(e.event().reason()).isEqualTo("death confirmed: directives carried out");
        });
    }
}
