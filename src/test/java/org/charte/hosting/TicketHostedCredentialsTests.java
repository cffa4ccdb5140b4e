package org.charte.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grant;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.Subcontractor;
import org.charte.access.Subcontractors;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.commerce.ClientAccounts;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Json;
import org.charte.testing.MutableClock;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.charte.subjects.Subjects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A client's support ticket authorising a support subcontractor for {@code hosted-credentials}: it
 * opens that client's own hosted databases, and only until the ticket closes (R6.2, R3.3).
 */
@CharteIntegrationTest
@Import(MutableClock.Configuration.class)
@TestPropertySource(properties = "charte.hosting.provision-on-subscription=false") // HostingTests' context, shared
class TicketHostedCredentialsTests {

    @LocalServerPort int port;
    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired Subcontractors subcontractors;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired AuditLog audit;
    @Autowired ClientAccounts accounts;

    Relationship world;
    Staff support;
    Staff presta;

    @BeforeEach
    void setUp() {
        clock.reset();
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        support = world.staff("cloud-support");
        Subcontractor company = subcontractors.register("Company " + UUID.randomUUID(), "support-subcontractor");
        subcontractors.recordContract(company.id(), world.today().minusMonths(1), world.today().plusYears(1), true);
        presta = world.staff("support-subcontractor", company.id());
    }

    HttpResponse<String> post(Staff staff, String path, Object body) {
        return staff.http().json("POST", path, Json.write(body));
    }

    /** A client with a running subscription; with its hosted database when asked. */
    record Client(UUID subjectId, List<UUID> databases) {}

    Client client(boolean hosted) {
        UUID subject = world.adultProspect();
        if (!hosted) {
            return new Client(subject, List.of());
        }
        world.grant(support, "subscription-contract", Set.of("account-credentials", "subscriptions", "identity"), subject); // R6.1
        accounts.open(Actor.staff(support.id()), subject, "client-" + UUID.randomUUID().toString().substring(0, 8), "mot de passe " + UUID.randomUUID());
        HttpResponse<String> subscribed = post(support, "/api/v1/subjects/" + subject + "/subscriptions", Map.of("planCode", "GESTAN-CLOUD-PRO"));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        Map<String, Object> body = new HashMap<>();
        body.put("subscriptionId", Json.of(subscribed).path("id").asString());
        body.put("storeId", "hosted-databases");
        HttpResponse<String> created = post(support, "/api/v1/hosted-databases", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Client(subject, List.of(UUID.fromString(Json.of(created).path("id").asString())));
    }

    String openTicket(UUID subject) {
        world.grant(support, "customer-service", Set.of("support-requests"), subject);
        HttpResponse<String> opened = post(support, "/api/v1/subjects/" + subject + "/tickets",
                Map.of("channel", "PHONE", "title", "Base inaccessible", "message", "Ma base Gestan hébergée ne répond plus."));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        return Json.of(opened).path("reference").asString();
    }

    HttpResponse<String> reveal(Staff staff, UUID database) {
        return staff.http().json("POST", "/api/v1/hosted-databases/" + database + "/credentials", Json.write(Map.of("purpose", "customer-service")));
    }

    List<AuditEntry> revealsOf(UUID database) {
        return audit.recent(500).stream()
                .filter(e -> database.toString().equals(e.event().resourceId()) && e.event().action().equals("reveal-credentials")).toList();
    }

    @Test
    @DisplayName("R6.2 R3.3 a ticket authorising a support subcontractor for hosted-credentials opens that client's hosted database, revealed and audited, until the ticket closes")
    void ticketOpensTheClientsDatabase() {
        Client client = client(true);
        Client other = client(true);
        UUID database = client.databases().getFirst();
        String reference = openTicket(client.subjectId());
        assertThat(reveal(presta, database).statusCode()).as("nothing before the client's authorisation").isEqualTo(403);

        HttpResponse<String> authorised = post(support, "/api/v1/tickets/" + reference + "/subcontractor-authorisations",
                Map.of("subcontractorUserId", presta.id(), "categories", List.of("hosted-credentials", "support-requests")));
        assertThat(authorised.statusCode()).as(authorised.body()).isEqualTo(201);
        Grant grant = grants.find(UUID.fromString(Json.of(authorised).path("grantId").asString())).orElseThrow();
        assertThat(grant.resources()).containsExactlyInAnyOrder(ResourceRef.subject(client.subjectId()), ResourceRef.hostedDatabase(database));
        assertThat(grant.categories()).contains("hosted-credentials");

        HttpResponse<String> revealed = reveal(presta, database);
        assertThat(revealed.statusCode()).as(revealed.body()).isEqualTo(200);
        assertThat(revealed.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(Json.of(revealed).path("password").asString()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(revealsOf(database)).extracting(e -> e.event().outcome() + " " + e.event().actor() + " " + e.event().categories())
                .contains("ALLOWED staff:" + presta.id() + " [hosted-credentials]");
        assertThat(reveal(presta, other.databases().getFirst()).statusCode()).as("another client's database").isEqualTo(403);

        HttpResponse<String> closed = post(support, "/api/v1/tickets/" + reference + "/closure", Map.of());
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(reveal(presta, database).statusCode()).as("the access ended with the ticket").isEqualTo(403);
        assertThat(revealsOf(database)).extracting(e -> e.event().outcome() + " " + e.event().actor())
                .contains("DENIED staff:" + presta.id());
    }

    @Test
    @DisplayName("R6.2 R3.3 hosted-credentials on the ticket of a client without a hosted database is refused (400 naming categories) and opens nothing")
    void noHostedDatabaseRefused() {
        Client client = client(false);
        String reference = openTicket(client.subjectId());
        long grantsBefore = jdbc.sql("SELECT COUNT(*) FROM access_grant").query(Long.class).single();

        HttpResponse<String> refused = post(support, "/api/v1/tickets/" + reference + "/subcontractor-authorisations",
                Map.of("subcontractorUserId", presta.id(), "categories", List.of("hosted-credentials")));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Json.of(refused).path("errors").findValuesAsString("field")).containsExactly("categories");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_grant").query(Long.class).single()).isEqualTo(grantsBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_authorisation a JOIN support_ticket t ON t.id = a.ticket_id WHERE t.reference = ?")
                .param(reference).query(Long.class).single()).isZero();
    }
}
