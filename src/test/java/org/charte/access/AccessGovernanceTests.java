package org.charte.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.commerce.Subscriptions;
import org.charte.hosting.HostedDatabases;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Json;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@CharteIntegrationTest
class AccessGovernanceTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Autowired
    Subjects subjects;

    @Autowired
    Subcontractors subcontractors;

    @Autowired
    Grants grants;

    @Autowired
    Commitments commitments;

    @Autowired
    AccessDecisions decisions;

    @Autowired
    Clock clock;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    HostedDatabases hostedDatabases;

    @Autowired
    AuditLog audit;

    Staff dpo;
    UUID client;

    @BeforeEach
    void setUp() {
        dpo = Staff.signedIn(directory, port, "dpo");
        client = subjects.register(SubjectStatus.CLIENT_ACTIVE, new PersonalData(
                new Identity("M.", "TESTEUR", "Paul", LocalDate.of(1970, 1, 1)), new Contacts(List.of(),
                        List.of("paul." + UUID.randomUUID() + "@exemple.fr"), List.of()), null), LocalDate.of(2026, 11, 1));
    }

    String in(Duration duration) {
        return clock.instant().plus(duration).toString();
    }

    HttpResponse<String> grantAsDpo(Map<String, Object> body) {
        return dpo.http().json("POST", "/api/v1/grants", Json.write(body));
    }

    static AccessRequest read(UUID actor, String purpose, Set<String> categories, UUID subject) {
        return new AccessRequest(actor, purpose, AccessRequest.Action.READ, categories, ResourceRef.subject(subject));
    }

    @Test
    @DisplayName("R6.1 R8.2 the DPO grants ADV an individual, limited access; it works only once the commitment is signed")
    void individualGrant() {
        Staff adv = Staff.signedIn(directory, port, "adv");
        HttpResponse<String> created = grantAsDpo(Map.of("granteeId", adv.id(), "purpose", "customer-service",
                "categories", List.of("identity", "contact"), "subjects", List.of(client), "validUntil", in(Duration.ofDays(7)),
                "reason", "client called about an invoice"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode grant = Json.of(created);
        assertThat(grant.path("kind").asString()).isEqualTo("INDIVIDUAL");
        assertThat(grant.path("grantedBy").asString()).isEqualTo(dpo.id().toString());

        AccessRequest request = read(adv.id(), "customer-service", Set.of("identity"), client);
        assertThat(decisions.decide(request).reason()).isEqualTo("the current confidentiality commitment is not signed");
        Commitments.Signature signature = commitments.sign(adv.id());
        assertThat(signature.version()).isEqualTo(commitments.current().version());
        assertThat(signature.signedAt()).isNotNull();
        Decision decision = decisions.decide(request);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.grantId()).hasToString(grant.path("id").asString());

        assertThat(decisions.decide(read(adv.id(), "customer-service", Set.of("billing"), client)).allowed()).isFalse();
    }

    @Test
    @DisplayName("R6.1 a grant outside the grantee's role, to oneself, or without an end is refused with the field named")
    void grantRefusals() {
        Staff adv = Staff.signedIn(directory, port, "adv");
        HttpResponse<String> wrongPurpose = grantAsDpo(Map.of("granteeId", adv.id(), "purpose", "rights-requests",
                "categories", List.of("identity"), "subjects", List.of(client), "validUntil", in(Duration.ofDays(1)), "reason", "x"));
        assertThat(wrongPurpose.statusCode()).isEqualTo(400);
        assertThat(Json.of(wrongPurpose).path("errors").get(0).path("field").asString()).isEqualTo("purpose");

        HttpResponse<String> self = grantAsDpo(Map.of("granteeId", dpo.id(), "purpose", "rights-requests",
                "categories", List.of("identity"), "subjects", List.of(client), "validUntil", in(Duration.ofDays(1)), "reason", "x"));
        assertThat(Json.of(self).path("errors").get(0).path("field").asString()).isEqualTo("granteeId");

        HttpResponse<String> past = grantAsDpo(Map.of("granteeId", adv.id(), "purpose", "customer-service",
                "categories", List.of("identity"), "subjects", List.of(client), "validUntil", "2020-01-01T00:00:00Z", "reason", "x"));
        assertThat(Json.of(past).path("errors").get(0).path("field").asString()).isEqualTo("validUntil");

        HttpResponse<String> empty = grantAsDpo(Map.of());
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(Json.of(empty).path("errors").findValuesAsString("field"))
                .contains("granteeId", "purpose", "categories", "validUntil", "reason");

        HttpResponse<String> byAdv = adv.http().json("POST", "/api/v1/grants", Json.write(Map.of("granteeId", adv.id())));
        assertThat(byAdv.statusCode()).as("ADV may not grant").isEqualTo(403);
        assertThat(grants.forGrantee(adv.id())).isEmpty();
    }

    Subcontractor contracted(String role) {
        Subcontractor company = subcontractors.register("Company " + UUID.randomUUID(), role);
        LocalDate today = LocalDate.now(clock);
        return subcontractors.recordContract(company.id(), today.minusMonths(1), today.plusYears(1), true);
    }

    @Test
    @DisplayName("R6.2 R6.5 a support subcontractor reaches only the client who asked for support, until the ticket closes; both audited")
    void supportTicketGrant() {
        Subcontractor company = contracted("support-subcontractor");
        Staff presta = Staff.signedIn(directory, port, "support-subcontractor", company.id());
        commitments.sign(presta.id());
        Staff support = Staff.signedIn(directory, port, "cloud-support");
        UUID otherClient = subjects.register(SubjectStatus.CLIENT_ACTIVE, new Identity("Mme", "AUTRE", "Anne", null),
                LocalDate.of(2026, 11, 1));

        // The support module opens this grant from a real ticket (SupportApiTests); here the rule itself.
        Grant opened = grants.openForSupportTicket("T-2026-0042", client, presta.id(), Set.of("identity", "support-requests"),
                clock.instant().plus(Duration.ofDays(3)), support.id());
        assertThat(opened.ticketRef()).isEqualTo("T-2026-0042");
        assertThat(opened.kind()).isEqualTo(Grant.Kind.SUPPORT_TICKET);

        AccessRequest mine = read(presta.id(), "customer-service", Set.of("support-requests"), client);
        assertThat(decisions.decide(mine).allowed()).isTrue();
        assertThat(decisions.decide(read(presta.id(), "customer-service", Set.of("support-requests"), otherClient)).allowed()).isFalse();

        assertThat(grants.closeSupportTicket("T-2026-0042", support.id())).isEqualTo(1);
        assertThat(decisions.decide(mine).reason()).isEqualTo("the grant for this resource has ended or is revoked");
        assertThat(audit.forSubject(client, 500)).as("R6.5 the ticket's grant opened and ended, under the client's id")
                .filteredOn(e -> opened.id().toString().equals(e.event().resourceId()))
                .extracting(e -> e.event().action() + " by " + e.event().actor())
                .containsExactlyInAnyOrder("open-grant by staff:" + support.id(), "end-grant by staff:" + support.id());

        HttpResponse<String> individual = grantAsDpo(Map.of("granteeId", presta.id(), "purpose", "customer-service",
                "categories", List.of("identity"), "subjects", List.of(client), "validUntil", in(Duration.ofDays(1)), "reason", "x"));
        assertThat(Json.of(individual).path("errors").get(0).path("field").asString()).as("no way in but the ticket").isEqualTo("granteeId");
    }

    @Test
    @DisplayName("R6.1 R9.4 a rights matter opens a grant to each DPO and nobody else, on that person, for rights-requests within the DPO's role, "
            + "once; it ends with the matter; bad input is refused naming the field and opens nothing")
    void rightsRequestGrant() {
        commitments.sign(dpo.id());
        Staff adv = Staff.signedIn(directory, port, "adv");
        commitments.sign(adv.id());
        String ref = "R-TEST-" + UUID.randomUUID().toString().substring(0, 8);
        Instant until = clock.instant().plus(Duration.ofDays(30));
        Set<String> categories = Set.of("identity", "other-information");

        // The rights module opens these from a verified post-mortem request or a death check (PostMortemGrantTests); here the rule itself.
        assertThatThrownBy(() -> grants.openForRightsRequest(" ", client, categories, until, "post-mortem request x verified", "system"))
                .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.field()).isEqualTo("rightsRef"));
        assertThatThrownBy(() -> grants.openForRightsRequest(ref, UUID.randomUUID(), categories, until, "post-mortem request x verified", "system"))
                .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.field()).isEqualTo("subjectId"));
        assertThatThrownBy(() -> grants.openForRightsRequest(ref, client, Set.of("hosted-data"), until, "post-mortem request x verified", "system"))
                .as("outside the DPO's role").isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.field()).isEqualTo("categories"));
        assertThatThrownBy(() -> grants.openForRightsRequest(ref, client, categories, until, "post-mortem request x verified", "Jean Dupont"))
                .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.field()).isEqualTo("openedBy"));
        assertThatThrownBy(() -> grants.openForRightsRequest(ref, client, categories, clock.instant().plus(Duration.ofDays(400)),
                "post-mortem request x verified", "system")).isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.field()).isEqualTo("validUntil"));
        assertThat(grants.all()).as("nothing opened by a refusal").noneMatch(g -> ref.equals(g.rightsRef()));

        List<Grant> opened = grants.openForRightsRequest(ref, client, categories, until, "post-mortem request x verified", "staff:" + dpo.id());
        assertThat(opened).as("each DPO, nobody else").isNotEmpty().anySatisfy(g -> assertThat(g.granteeId()).isEqualTo(dpo.id()))
                .allSatisfy(g -> {
                    assertThat(directory.find(g.granteeId()).orElseThrow().role()).isEqualTo("dpo");
                    assertThat(g.kind()).isEqualTo(Grant.Kind.RIGHTS_REQUEST);
                    assertThat(g.purpose()).isEqualTo("rights-requests");
                    assertThat(g.resources()).containsExactly(ResourceRef.subject(client));
                    assertThat(g.rightsRef()).isEqualTo(ref);
                    assertThat(g.grantedBy()).isEqualTo(dpo.id());
                });
        assertThat(grants.forGrantee(adv.id())).noneMatch(g -> ref.equals(g.rightsRef()));
        assertThat(grants.openForRightsRequest(ref, client, categories, until, "post-mortem request x verified", "system"))
                .as("once: an event handled again opens nothing more").isEmpty();
        assertThat(decisions.decide(read(dpo.id(), "rights-requests", Set.of("identity"), client)).allowed()).isTrue();
        assertThat(audit.forSubject(client, 500)).filteredOn(e -> e.event().action().equals("open-grant")).hasSize(opened.size());

        assertThatThrownBy(() -> grants.closeRightsRequest(ref, "system", " "))
                .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        assertThat(grants.closeRightsRequest(ref, "system", "rights request closed")).isEqualTo(opened.size());
        assertThat(grants.closeRightsRequest(ref, "system", "rights request closed")).as("ended once").isZero();
        assertThat(decisions.decide(read(dpo.id(), "rights-requests", Set.of("identity"), client)).reason())
                .isEqualTo("the grant for this resource has ended or is revoked");
        assertThat(audit.forSubject(client, 500)).filteredOn(e -> e.event().action().equals("end-grant")).hasSize(opened.size())
                .allSatisfy(e -> {
                    assertThat(e.event().actor()).isEqualTo("system");
                    assertThat(e.event().reason()).isEqualTo("rights request closed");
                });
    }

    @Test
    @DisplayName("R6.3 a security-monitoring grant exists only at the request of a Cloud support staff member on a ticket, "
            + "24 hours unless said and 7 days at most; the ticket's route is the only way in")
    void securityMonitoringGrant() {
        Subcontractor company = contracted("security-monitoring-subcontractor");
        Staff veille = Staff.signedIn(directory, port, "security-monitoring-subcontractor", company.id());
        Staff support = Staff.signedIn(directory, port, "cloud-support");
        Staff adv = Staff.signedIn(directory, port, "adv");
        Relationship world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        UUID database = world.hostedDatabase(world.staff("adv"), subscriptions, hostedDatabases);
        String ticket = "T-2026-000042";

        HttpResponse<String> oldRoute = support.http().json("POST", "/api/v1/security-monitoring-requests", Json.write(Map.of(
                "subcontractorUserId", veille.id(), "hostedDatabaseId", database, "reason", "x", "validUntil", in(Duration.ofHours(12)))));
        assertThat(oldRoute.statusCode()).as("the access module's own route is gone: a ticket records every request").isEqualTo(404);
        assertThatThrownBy(() -> grants.openSecurityMonitoring(ticket, adv.id(), veille.id(), database, null))
                .isInstanceOf(AccessException.class).hasMessageContaining("Cloud support");
        assertThatThrownBy(() -> grants.openSecurityMonitoring(" ", support.id(), veille.id(), database, null))
                .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.field()).isEqualTo("ticketRef"));
        assertThatThrownBy(() -> grants.openSecurityMonitoring(ticket, support.id(), veille.id(), database,
                clock.instant().plus(Duration.ofDays(7)).plusSeconds(60)))
                .isInstanceOfSatisfying(AccessException.class, e -> assertThat(e.field()).isEqualTo("validUntil"));

        Grant grant = grants.openSecurityMonitoring(ticket, support.id(), veille.id(), database, null);
        assertThat(grant.kind()).isEqualTo(Grant.Kind.SECURITY_MONITORING);
        assertThat(grant.requestedBy()).isEqualTo(support.id());
        assertThat(grant.reason()).isEqualTo("requested on support request " + ticket);
        assertThat(Duration.between(grant.validFrom(), grant.validUntil())).as("24 hours when the request names no end")
                .isBetween(Duration.ofHours(24).minusSeconds(1), Duration.ofHours(24));
        commitments.sign(veille.id());
        assertThat(decisions.decide(new AccessRequest(veille.id(), "subscription-contract", AccessRequest.Action.READ,
                Set.of("hosted-data"), ResourceRef.hostedDatabase(database))).allowed()).isTrue();
        assertThat(decisions.decide(new AccessRequest(veille.id(), "subscription-contract", AccessRequest.Action.READ,
                Set.of("hosted-data"), ResourceRef.hostedDatabase(UUID.randomUUID()))).allowed()).isFalse();
    }

    @Test
    @DisplayName("R6.4 R8.6 a subcontractor is recorded with its contract and assessment; without a contract in force its users get nothing")
    void subcontractorContracts() {
        HttpResponse<String> registered = dpo.http().json("POST", "/api/v1/subcontractors",
                Json.write(Map.of("name", "Helpdesk " + UUID.randomUUID(), "role", "support-subcontractor")));
        assertThat(registered.statusCode()).isEqualTo(201);
        String id = Json.of(registered).path("id").asString();
        Staff presta = Staff.signedIn(directory, port, "support-subcontractor", UUID.fromString(id));
        commitments.sign(presta.id());
        Staff support = Staff.signedIn(directory, port, "cloud-support");
        Supplier<Grant> ticketGrant = () -> grants.openForSupportTicket("T-1", client, presta.id(),
                Set.of("support-requests"), clock.instant().plus(Duration.ofDays(1)), support.id());
        assertThatThrownBy(ticketGrant::get).isInstanceOf(AccessException.class)
                .hasMessageContaining("no contract with data-protection clauses");

        LocalDate today = LocalDate.now(clock);
        HttpResponse<String> contract = dpo.http().json("PUT", "/api/v1/subcontractors/" + id + "/contract", Json.write(Map.of(
                "signedOn", today.minusDays(10).toString(), "endsOn", today.plusYears(1).toString(), "dataProtectionClauses", true)));
        assertThat(contract.statusCode()).isEqualTo(200);
        HttpResponse<String> assessed = dpo.http().json("PUT", "/api/v1/subcontractors/" + id + "/assessment",
                Json.write(Map.of("assessedOn", today.minusDays(5).toString())));
        assertThat(Json.of(assessed).path("lastAssessmentOn").asString()).isEqualTo(today.minusDays(5).toString());
        assertThat(ticketGrant.get().kind()).isEqualTo(Grant.Kind.SUPPORT_TICKET);
        AccessRequest request = read(presta.id(), "customer-service", Set.of("support-requests"), client);
        assertThat(decisions.decide(request).allowed()).isTrue();

        // The contract ends: access stops at once, grant or not.
        subcontractors.recordContract(UUID.fromString(id), today.minusYears(2), today.minusDays(1), true);
        assertThat(decisions.decide(request).reason()).isEqualTo("the subcontractor has no contract with data-protection clauses in force");

        HttpResponse<String> badDates = dpo.http().json("PUT", "/api/v1/subcontractors/" + id + "/contract", Json.write(Map.of(
                "signedOn", "2026-05-01", "endsOn", "2026-01-01", "dataProtectionClauses", true)));
        assertThat(Json.of(badDates).path("errors").get(0).path("field").asString()).isEqualTo("endsOn");
    }

    @Test
    @DisplayName("R8.2 a new commitment text asks everyone again; each signature keeps its date and version")
    void newCommitmentVersion() {
        Staff adv = Staff.signedIn(directory, port, "adv");
        grants.grantIndividual(adv.id(), "orders", Set.of("orders"), List.of(ResourceRef.subject(client)),
                clock.instant().plus(Duration.ofDays(1)), "order follow-up", dpo.id());
        commitments.sign(adv.id());
        AccessRequest request = read(adv.id(), "orders", Set.of("orders"), client);
        assertThat(decisions.decide(request).allowed()).isTrue();

        Commitments.Version next = commitments.publish("Texte révisé de l'engagement.", "Revised commitment text.", dpo.id());
        assertThat(decisions.decide(request).reason()).isEqualTo("the current confidentiality commitment is not signed");
        commitments.sign(adv.id());
        assertThat(decisions.decide(request).allowed()).isTrue();
        assertThat(commitments.signatures(adv.id())).extracting(Commitments.Signature::version)
                .containsExactly(next.version(), next.version() - 1);
    }

    @Test
    @DisplayName("R6.1 R6.5 a revoked grant opens nothing; the revocation keeps who and why; the grant and its revocation are in the audit log")
    void revocation() {
        Staff adv = Staff.signedIn(directory, port, "adv");
        commitments.sign(adv.id());
        Grant grant = grants.grantIndividual(adv.id(), "billing", Set.of("billing"), List.of(ResourceRef.subject(client)),
                clock.instant().plus(Duration.ofDays(1)), "dunning", dpo.id());
        HttpResponse<String> revoked = dpo.http().json("POST", "/api/v1/grants/" + grant.id() + "/revocation",
                Json.write(Map.of("reason", "no longer needed")));
        assertThat(Json.of(revoked).path("revokeReason").asString()).isEqualTo("no longer needed");
        assertThat(decisions.decide(read(adv.id(), "billing", Set.of("billing"), client)).allowed()).isFalse();
        dpo.http().json("POST", "/api/v1/grants/" + grant.id() + "/revocation", Json.write(Map.of("reason", "again")));
        assertThat(audit.forSubject(client, 500)).as("R6.5 the grant given and revoked, each once, with who and why, under the person's id")
                .filteredOn(e -> grant.id().toString().equals(e.event().resourceId()))
                .extracting(e -> e.event().action() + " by " + e.event().actor() + ": " + e.event().reason())
                .containsExactlyInAnyOrder("open-grant by staff:" + dpo.id() + ": dunning", "end-grant by staff:" + dpo.id() + ": no longer needed");
    }

    @Test
    @DisplayName("R6.5 R4.5 every decision, allowed or refused, is in the audit log with its actor, purpose and reason, and the DPO sees it per person")
    void decisionsAreAudited() {
        Staff adv = Staff.signedIn(directory, port, "adv");
        commitments.sign(adv.id());
        grants.grantIndividual(adv.id(), "customer-service", Set.of("identity"), List.of(ResourceRef.subject(client)),
                clock.instant().plus(Duration.ofDays(1)), "call back", dpo.id());
        assertThat(decisions.decide(read(adv.id(), "customer-service", Set.of("identity"), client)).allowed()).isTrue();
        assertThat(decisions.decide(read(adv.id(), "loyalty-prospecting", Set.of("contact"), client)).allowed()).isFalse();
        assertThat(decisions.decide(new AccessRequest(adv.id(), "Sell to jean.dupont@example.com", AccessRequest.Action.EXPORT,
                Set.of("identity"), ResourceRef.subject(client))).allowed()).isFalse();

        var entries = audit.forSubject(client, 10);
        assertThat(entries).hasSize(4);
        assertThat(entries.get(3).event().action()).as("the grant given first, under the person's id").isEqualTo("open-grant");
        var unknown = entries.get(0).event();
        assertThat(unknown.action()).isEqualTo("export");
        assertThat(unknown.purpose()).isNull();
        assertThat(unknown.reason()).isEqualTo("unknown purpose");
        var refused = entries.get(1).event();
        assertThat(refused.outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(refused.purpose()).isEqualTo("loyalty-prospecting");
        assertThat(refused.reason()).contains("no grant in force");
        var allowed = entries.get(2).event();
        assertThat(allowed.actor()).isEqualTo("staff:" + adv.id());
        assertThat(allowed.outcome()).isEqualTo(AuditOutcome.ALLOWED);
        assertThat(allowed.categories()).containsExactly("identity");
        assertThat(audit.verify().intact()).isTrue();

        Staff dpoReader = Staff.signedIn(directory, port, "dpo");
        String page = Jsoup.parse(dpoReader.http().get("/backoffice/audit?subject=" + client).body()).text();
        assertThat(page).contains(adv.member().displayName()).contains("Relation clients").doesNotContain("staff:" + adv.id())
                .doesNotContain("loyalty-prospecting").doesNotContain("jean.dupont");
    }
}
