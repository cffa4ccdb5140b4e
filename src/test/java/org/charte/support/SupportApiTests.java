package org.charte.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest;
import org.charte.access.Commitments;
import org.charte.access.Grant;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.Subcontractor;
import org.charte.access.Subcontractors;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.commerce.CommerceTables;
import org.charte.commerce.Subscriptions;
import org.charte.hosting.HostedDatabases;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.RecordedEvents;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@CharteIntegrationTest
@Import(RecordedEvents.class)
class SupportApiTests {

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
    AccessDecisions decisions;

    @Autowired
    Clock clock;

    @Autowired
    Subscriptions subscriptions;

    @Autowired
    HostedDatabases hostedDatabases;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    RecordedEvents events;

    Relationship world;
    Staff support;
    UUID client;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        support = world.staff("cloud-support");
        client = world.adultProspect();
    }

    HttpResponse<String> post(Staff staff, String path, Object body) {
        return staff.http().json("POST", path, Json.write(body));
    }

    HttpResponse<String> get(Staff staff, String path) {
        return staff.http().get(path, "Accept", "application/json");
    }

    static List<String> fields(HttpResponse<String> problem) {
        return Json.of(problem).path("errors").findValuesAsString("field");
    }

    /** A ticket opened by Cloud support under its grant on the person (a record added to a person already recorded). */
    String openTicket(UUID subject, String channel, String message) {
        world.grant(support, "customer-service", Set.of("support-requests"), subject);
        HttpResponse<String> opened = post(support, "/api/v1/subjects/" + subject + "/tickets",
                Map.of("channel", channel, "title", "Accès impossible", "message", message));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        return Json.of(opened).path("reference").asString();
    }

    LocalDate lastContact(UUID subject) {
        return jdbc.sql("SELECT last_contact_on FROM data_subject WHERE id = ?").param(subject).query(LocalDate.class).single();
    }

    Subcontractor contracted(String role) {
        Subcontractor company = subcontractors.register("Company " + UUID.randomUUID(), role);
        return subcontractors.recordContract(company.id(), world.today().minusMonths(1), world.today().plusYears(1), true);
    }

    @Test
    @DisplayName("R3.2 support requests on every channel: a unique reference, messages sealed and read back with a grant, inbound ones a contact")
    void ticketsOnEveryChannel() {
        assertThat(lastContact(client)).isBefore(world.today());
        String reference = openTicket(client, "EMAIL", "Je n'arrive plus à me connecter à Gestan depuis ce matin.");
        assertThat(reference).matches("T-" + world.today().getYear() + "-\\d{6}");
        assertThat(lastContact(client)).as("a support request is an inbound contact").isEqualTo(world.today());
        events.await(TicketOpened.class, e -> e.reference().equals(reference) && e.subjectId().equals(client));
        for (String channel : List.of("POST", "PHONE", "CHAT")) {
            assertThat(openTicket(client, channel, "Demande par " + channel)).isNotEqualTo(reference);
        }

        HttpResponse<String> answer = post(support, "/api/v1/tickets/" + reference + "/messages",
                Map.of("direction", "OUTBOUND", "text", "Nous avons réinitialisé votre accès."));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(Json.of(answer).path("channel").asString()).as("the ticket's channel by default").isEqualTo("EMAIL");
        assertThat(post(support, "/api/v1/tickets/" + reference + "/messages",
                Map.of("direction", "INBOUND", "channel", "PHONE", "text", "Merci, cela fonctionne.")).statusCode()).isEqualTo(201);

        String path = "/api/v1/tickets/" + reference + "?purpose=customer-service";
        assertThat(get(world.staff("cloud-support"), path).statusCode()).as("a colleague without a grant").isEqualTo(403);
        HttpResponse<String> read = get(support, path);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode ticket = Json.of(read);
        assertThat(ticket.path("status").asString()).isEqualTo("OPEN");
        assertThat(ticket.path("title").asString()).isEqualTo("Accès impossible");
        assertThat(ticket.path("messages").findValuesAsString("text")).containsExactly(
                "Je n'arrive plus à me connecter à Gestan depuis ce matin.", "Nous avons réinitialisé votre accès.", "Merci, cela fonctionne.");
        assertThat(ticket.path("messages").findValuesAsString("direction")).containsExactly("INBOUND", "OUTBOUND", "INBOUND");

        JsonNode listed = Json.of(get(support, "/api/v1/subjects/" + client + "/tickets?purpose=customer-service"));
        assertThat(listed.findValuesAsString("channel")).containsExactlyInAnyOrder("EMAIL", "POST", "PHONE", "CHAT");
        assertThat(listed.get(0).path("messageCount").asInt()).isEqualTo(3);
        assertThat(listed.get(0).has("messages")).isFalse();

        assertThat(audit.forSubject(client, 50)).extracting(e -> e.event().action() + " " + e.event().purpose() + " " + e.event().outcome())
                .contains("create customer-service ALLOWED", "read customer-service DENIED", "read customer-service ALLOWED");
    }

    @Test
    @DisplayName("R6.1 R6.5 a ticket or a message added to a person already recorded needs a grant on that person: without one, 403 "
            + "problem+json saying why, nothing written, the refusal audited; with one, written and the access audited; a token with "
            + "subjects:write still records by its scope")
    void addingToAKnownPersonNeedsAGrant() {
        String reference = openTicket(client, "EMAIL", "Premier message");
        Staff colleague = world.staff("cloud-support");
        Map<String, Object> message = Map.of("direction", "OUTBOUND", "text", "Nous regardons votre demande.");
        long messages = jdbc.sql("SELECT COUNT(*) FROM ticket_message").query(Long.class).single();
        long tickets = jdbc.sql("SELECT COUNT(*) FROM support_ticket WHERE subject_id = ?").param(client).query(Long.class).single();

        HttpResponse<String> refused = post(colleague, "/api/v1/tickets/" + reference + "/messages", message);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Json.of(refused).path("detail").asString()).startsWith("the person is already recorded: adding to their records needs a grant");
        assertThat(post(colleague, "/api/v1/subjects/" + client + "/tickets", Map.of("channel", "PHONE", "message", "Rappel")).statusCode())
                .isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_message").query(Long.class).single()).as("no message written").isEqualTo(messages);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM support_ticket WHERE subject_id = ?").param(client).query(Long.class).single())
                .as("no ticket written").isEqualTo(tickets);

        world.grant(colleague, "customer-service", Set.of("support-requests"), client);
        HttpResponse<String> added = post(colleague, "/api/v1/tickets/" + reference + "/messages", message);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(audit.forSubject(client, 50).reversed()).filteredOn(e -> e.event().actor().equals("staff:" + colleague.id()))
                .extracting(e -> e.event().action() + " " + e.event().purpose() + " " + e.event().outcome())
                .containsExactly("create customer-service DENIED", "create customer-service DENIED", "create customer-service ALLOWED");
        assertThat(audit.forSubject(client, 50)).filteredOn(e -> e.event().actor().equals("staff:" + colleague.id())
                && e.event().outcome() == AuditOutcome.ALLOWED).singleElement()
                .satisfies(e -> assertThat(e.event().reason()).startsWith("allowed by grant "));

        Staff admin = world.staff("administrator");
        String secret = Json.of(post(admin, "/api/v1/tokens", Map.of("name", "helpdesk " + UUID.randomUUID(), "role", "cloud-support",
                "scopes", List.of("subjects:write")))).path("secret").asString();
        HttpResponse<String> byToken = new Http(port).json("POST", "/api/v1/subjects/" + client + "/tickets",
                Json.write(Map.of("channel", "EMAIL", "message", "Depuis le formulaire d'assistance")), "Authorization", "Bearer " + secret);
        assertThat(byToken.statusCode()).as("a token records by its scope, no grant: " + byToken.body()).isEqualTo(201);
        HttpResponse<String> tokenMessage = new Http(port).json("POST", "/api/v1/tickets/" + Json.of(byToken).path("reference").asString()
                + "/messages", Json.write(Map.of("direction", "INBOUND", "text", "Complément")), "Authorization", "Bearer " + secret);
        assertThat(tokenMessage.statusCode()).as(tokenMessage.body()).isEqualTo(201);
    }

    @Test
    @DisplayName("R6.2 the client's authorisation on a ticket opens a support subcontractor's grant on that client only, and closing the ticket ends it")
    void subcontractorAuthorisation() {
        Subcontractor company = contracted("support-subcontractor");
        Staff presta = world.staff("support-subcontractor", company.id());
        String reference = openTicket(client, "PHONE", "Ma base Gestan hébergée est très lente.");
        UUID otherClient = world.adultProspect();
        String otherReference = openTicket(otherClient, "EMAIL", "Question sur ma facture.");
        assertThat(get(presta, "/api/v1/tickets/" + reference + "?purpose=customer-service").statusCode())
                .as("no way in before the client's authorisation").isEqualTo(403);

        Map<String, Object> body = Map.of("subcontractorUserId", presta.id());
        assertThat(post(world.staff("cloud-support"), "/api/v1/tickets/" + reference + "/subcontractor-authorisations", body).statusCode())
                .as("recording it changes the client's ticket: a colleague without a grant is refused").isEqualTo(403);
        HttpResponse<String> authorised = post(support, "/api/v1/tickets/" + reference + "/subcontractor-authorisations", body);
        assertThat(authorised.statusCode()).as(authorised.body()).isEqualTo(201);
        UUID grantId = UUID.fromString(Json.of(authorised).path("grantId").asString());
        Grant grant = grants.find(grantId).orElseThrow();
        assertThat(grant.kind()).isEqualTo(Grant.Kind.SUPPORT_TICKET);
        assertThat(grant.ticketRef()).isEqualTo(reference);
        assertThat(grant.resources()).containsExactly(ResourceRef.subject(client));
        assertThat(grant.granteeId()).isEqualTo(presta.id());

        HttpResponse<String> mine = get(presta, "/api/v1/tickets/" + reference + "?purpose=customer-service");
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        assertThat(Json.of(mine).path("authorisations").get(0).path("grantId").asString()).isEqualTo(grantId.toString());
        assertThat(get(presta, "/api/v1/tickets/" + otherReference + "?purpose=customer-service").statusCode())
                .as("another client's request").isEqualTo(403);
        assertThat(decisions.decide(new AccessRequest(presta.id(), "customer-service", AccessRequest.Action.READ, Set.of("support-requests"),
                ResourceRef.subject(otherClient))).allowed()).isFalse();

        HttpResponse<String> closed = post(support, "/api/v1/tickets/" + reference + "/closure", Map.of());
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(Json.of(closed).path("status").asString()).isEqualTo("CLOSED");
        assertThat(grants.find(grantId).orElseThrow().revokedAt()).isNotNull();
        assertThat(get(presta, "/api/v1/tickets/" + reference + "?purpose=customer-service").statusCode())
                .as("the grant ended with the ticket").isEqualTo(403);
        events.await(TicketClosed.class, e -> e.reference().equals(reference));

        HttpResponse<String> late = post(support, "/api/v1/tickets/" + reference + "/messages", Map.of("direction", "INBOUND", "text", "Encore moi"));
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(fields(late)).containsExactly("ticketRef");
        assertThat(post(support, "/api/v1/tickets/" + reference + "/subcontractor-authorisations", body).statusCode()).isEqualTo(400);

        Staff adv = world.staff("adv");
        String third = openTicket(client, "CHAT", "Autre question");
        HttpResponse<String> notSubcontractor = post(support, "/api/v1/tickets/" + third + "/subcontractor-authorisations",
                Map.of("subcontractorUserId", adv.id()));
        assertThat(notSubcontractor.statusCode()).isEqualTo(400);
        assertThat(fields(notSubcontractor)).containsExactly("subcontractorUserId");
    }

    @Test
    @DisplayName("R6.3 security monitoring is opened only at a Cloud support staff member's request, recorded on the ticket (the one route), "
            + "for one hosted database, 24 hours unless said and 7 days at most")
    void securityMonitoring() {
        Subcontractor company = contracted("security-monitoring-subcontractor");
        Staff veille = world.staff("security-monitoring-subcontractor", company.id());
        Staff adv = world.staff("adv");
        world.grant(adv, "customer-service", Set.of("support-requests"), client);
        String reference = openTicket(client, "EMAIL", "Connexions suspectes sur ma base.");
        UUID database = world.hostedDatabase(adv, subscriptions, hostedDatabases);
        Map<String, Object> body = Map.of("subcontractorUserId", veille.id(), "hostedDatabaseId", database,
                "reason", "Connexions suspectes signalées par le client");

        assertThat(post(adv, "/api/v1/tickets/" + reference + "/security-monitoring-requests", body).statusCode())
                .as("ADV may not request it").isEqualTo(403);
        assertThat(post(world.staff("cloud-support"), "/api/v1/tickets/" + reference + "/security-monitoring-requests", body).statusCode())
                .as("Cloud support without a grant on the client's ticket").isEqualTo(403);
        HttpResponse<String> requested = post(support, "/api/v1/tickets/" + reference + "/security-monitoring-requests", body);
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        Grant grant = grants.find(UUID.fromString(Json.of(requested).path("grantId").asString())).orElseThrow();
        assertThat(grant.kind()).isEqualTo(Grant.Kind.SECURITY_MONITORING);
        assertThat(grant.requestedBy()).isEqualTo(support.id());
        assertThat(grant.resources()).containsExactly(ResourceRef.hostedDatabase(database));
        assertThat(grant.reason()).doesNotContain("suspectes").isEqualTo("requested on support request " + reference);
        assertThat(Duration.between(grant.validFrom(), grant.validUntil())).as("24 hours when the request names no end")
                .isBetween(Duration.ofHours(24).minusSeconds(1), Duration.ofHours(24));
        Map<String, Object> tooLong = new HashMap<>(body);
        tooLong.put("validUntil", clock.instant().plus(Duration.ofDays(8)).toString());
        HttpResponse<String> refused = post(support, "/api/v1/tickets/" + reference + "/security-monitoring-requests", tooLong);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(fields(refused)).as("7 days at most").containsExactly("validUntil");

        JsonNode recorded = Json.of(get(support, "/api/v1/tickets/" + reference + "?purpose=customer-service")).path("monitoringRequests").get(0);
        assertThat(recorded.path("requestedBy").asString()).isEqualTo(support.id().toString());
        assertThat(recorded.path("hostedDatabaseId").asString()).isEqualTo(database.toString());
        assertThat(recorded.path("reason").asString()).isEqualTo("Connexions suspectes signalées par le client");

        assertThat(decisions.decide(new AccessRequest(veille.id(), "subscription-contract", AccessRequest.Action.READ, Set.of("hosted-data"),
                ResourceRef.hostedDatabase(database))).allowed()).isTrue();
        assertThat(decisions.decide(new AccessRequest(veille.id(), "customer-service", AccessRequest.Action.READ, Set.of("support-requests"),
                ResourceRef.subject(client))).allowed()).as("the client's own data stays closed").isFalse();
        assertThat(audit.forSubject(client, 50)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo("write");
            assertThat(e.event().actor()).isEqualTo("staff:" + support.id());
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.ALLOWED);
        });
    }

    /** What the audit log says of a grant's end: actor, action, purpose and reason, one line an entry. */
    /** The audit entries of a grant: its opening and its end. */
    List<String> grantEntries(UUID grantId) {
        return jdbc.sql("SELECT actor, action, purpose, outcome, reason FROM audit_entry WHERE resource_type = 'access-grant' AND resource_id = ? "
                        + "ORDER BY seq").param(grantId.toString())
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " " + rs.getString(5))
                .list();
    }

    @Test
    @DisplayName("R6.3 R6.5 closing the ticket ends the security-monitoring grants asked on it: the grant names its ticket, ends at the "
            + "closure with the reason, the end audited; another ticket's grant runs on until its own ticket closes, then the "
            + "subcontractor's user is refused")
    void monitoringEndsWithTheTicket() {
        Subcontractor company = contracted("security-monitoring-subcontractor");
        Staff veille = world.staff("security-monitoring-subcontractor", company.id());
        Staff adv = world.staff("adv");
        world.grant(adv, "customer-service", Set.of("support-requests"), client);
        UUID database = world.hostedDatabase(adv, subscriptions, hostedDatabases);
        String reference = openTicket(client, "EMAIL", "Connexions suspectes sur ma base.");
        String other = openTicket(client, "PHONE", "Autre alerte sur ma base.");
        Map<String, Object> body = Map.of("subcontractorUserId", veille.id(), "hostedDatabaseId", database, "reason", "Connexions suspectes");
        HttpResponse<String> requested = post(support, "/api/v1/tickets/" + reference + "/security-monitoring-requests", body);
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        UUID grantId = UUID.fromString(Json.of(requested).path("grantId").asString());
        HttpResponse<String> onOther = post(support, "/api/v1/tickets/" + other + "/security-monitoring-requests", body);
        assertThat(onOther.statusCode()).as(onOther.body()).isEqualTo(201);
        UUID otherGrantId = UUID.fromString(Json.of(onOther).path("grantId").asString());
        assertThat(grants.find(grantId).orElseThrow().ticketRef()).as("the grant names its ticket").isEqualTo(reference);
        AccessRequest look = new AccessRequest(veille.id(), "subscription-contract", AccessRequest.Action.READ, Set.of("hosted-data"),
                ResourceRef.hostedDatabase(database));
        assertThat(decisions.decide(look).allowed()).isTrue();

        HttpResponse<String> closed = post(support, "/api/v1/tickets/" + reference + "/closure", Map.of());
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        Grant ended = grants.find(grantId).orElseThrow();
        assertThat(ended.revokedAt()).as("ended with its ticket, long before its 24 hours").isNotNull();
        assertThat(ended.revokeReason()).isEqualTo("support request closed");
        assertThat(grantEntries(grantId)).containsExactly("staff:" + support.id() + " open-grant subscription-contract ALLOWED requested on support request "
                + reference, "staff:" + support.id() + " end-grant subscription-contract ALLOWED support request closed");
        String log = Jsoup.parse(world.staff("dpo").http().get("/backoffice/audit").body()).text();
        assertThat(log).as("the DPO reads the end in words").contains("Fin d'une autorisation d'accès", "la demande de support (ticket) a été close");
        assertThat(grants.find(otherGrantId).orElseThrow().revokedAt()).as("another ticket's grant runs on").isNull();
        assertThat(decisions.decide(look).allowed()).as("still open through the other ticket").isTrue();

        assertThat(post(support, "/api/v1/tickets/" + other + "/closure", Map.of()).statusCode()).isEqualTo(200);
        assertThat(grants.find(otherGrantId).orElseThrow().revokedAt()).isNotNull();
        assertThat(grantEntries(otherGrantId)).as("opened, then ended once").hasSize(2).last().asString().contains("end-grant");
        assertThat(decisions.decide(look).allowed()).as("no ticket open: the subcontractor's user is refused").isFalse();
    }

    @Test
    @DisplayName("R3.2 R4.5 bad support input is refused as problem+json naming each field; a read names its purpose; nothing is written")
    void badInput() {
        HttpResponse<String> empty = post(support, "/api/v1/subjects/" + client + "/tickets", Map.of("message", " "));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(fields(empty)).containsExactlyInAnyOrder("channel", "message");
        HttpResponse<String> fax = post(support, "/api/v1/subjects/" + client + "/tickets", Map.of("channel", "FAX", "message", "x"));
        assertThat(fields(fax)).containsExactly("channel");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM support_ticket WHERE subject_id = ?").param(client).query(Long.class).single()).isZero();

        HttpResponse<String> nobody = post(support, "/api/v1/subjects/" + UUID.randomUUID() + "/tickets", Map.of("channel", "EMAIL", "message", "x"));
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(fields(nobody)).containsExactly("subjectId");
        HttpResponse<String> noTicket = get(support, "/api/v1/tickets/T-1999-000001?purpose=customer-service");
        assertThat(noTicket.statusCode()).isEqualTo(404);
        assertThat(fields(noTicket)).containsExactly("ticketRef");

        String reference = openTicket(client, "CHAT", "Bonjour");
        assertThat(fields(get(support, "/api/v1/tickets/" + reference))).containsExactly("purpose");
        assertThat(fields(get(support, "/api/v1/tickets/" + reference + "?purpose=Customer%20Service"))).containsExactly("purpose");
        HttpResponse<String> wrong = post(support, "/api/v1/tickets/" + reference + "/messages", Map.of("direction", "SIDEWAYS", "text", "x"));
        assertThat(fields(wrong)).containsExactly("direction");
    }

    @Test
    @DisplayName("R8.4 nothing personal is in clear in the support tables: titles, messages and monitoring reasons are sealed")
    void nothingInClear() {
        String marker = "Zéphyrine-" + UUID.randomUUID().toString().substring(0, 6);
        world.grant(support, "customer-service", Set.of("support-requests"), client);
        HttpResponse<String> opened = post(support, "/api/v1/subjects/" + client + "/tickets",
                Map.of("channel", "EMAIL", "title", "Titre " + marker, "message", "Message de " + marker));
        String reference = Json.of(opened).path("reference").asString();
        post(support, "/api/v1/tickets/" + reference + "/messages", Map.of("direction", "OUTBOUND", "text", "Réponse à " + marker));
        Subcontractor company = contracted("security-monitoring-subcontractor");
        Staff veille = world.staff("security-monitoring-subcontractor", company.id());
        assertThat(post(support, "/api/v1/tickets/" + reference + "/security-monitoring-requests", Map.of("subcontractorUserId", veille.id(),
                "hostedDatabaseId", world.hostedDatabase(world.staff("adv"), subscriptions, hostedDatabases), "reason", "Motif " + marker))
                .statusCode()).isEqualTo(201);

        assertThat(CommerceTables.scan(jdbc, List.of("support_ticket", "ticket_message", "ticket_authorisation", "ticket_monitoring_request",
                "access_grant"), marker)).isEmpty();
        assertThat(Json.of(get(support, "/api/v1/tickets/" + reference + "?purpose=customer-service")).path("messages")
                .findValuesAsString("text")).containsExactly("Message de " + marker, "Réponse à " + marker);
    }

    @Test
    @DisplayName("R3.6 a support message is screened: sensitive words redacted before it is kept, the hit audited without them")
    void messagesScreened() {
        String reference = openTicket(client, "CHAT", "Je suis en arrêt maladie, pouvez-vous prolonger mon essai ?");
        JsonNode ticket = Json.of(get(support, "/api/v1/tickets/" + reference + "?purpose=customer-service"));
        String kept = ticket.path("messages").get(0).path("text").asString();
        assertThat(kept).doesNotContain("maladie").contains("[…]").contains("pouvez-vous prolonger mon essai");
        var screened = audit.forSubject(client, 50).stream().map(e -> e.event()).filter(e -> e.action().equals("screen")).toList();
        assertThat(screened).isNotEmpty();
        assertThat(screened.getFirst().categories()).contains("health");
        assertThat(screened.toString()).doesNotContain("maladie");
    }
}
