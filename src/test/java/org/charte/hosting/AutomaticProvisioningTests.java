package org.charte.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Json;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.charte.subjects.Subjects;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@CharteIntegrationTest
class AutomaticProvisioningTests {

    @LocalServerPort
    int port;

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired Clock clock;
    @Autowired JdbcClient jdbc;
    @Autowired HostedDatabases databases;

    @Test
    @DisplayName("R3.3 R7.1 a new subscription gets its own hosted database in the default store, in France, as soon as it is taken")
    void provisionedOnSubscription() throws InterruptedException {
        Relationship world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        Staff support = world.staff("cloud-support");
        UUID client = world.adultProspect();
        world.grant(support, "subscription-contract", Set.of("subscriptions", "identity"), client);
        HttpResponse<String> subscribed = support.http().json("POST", "/api/v1/subjects/" + client + "/subscriptions",
                Json.write(Map.of("planCode", "GESTAN-CLOUD-PRO")));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        UUID subscriptionId = UUID.fromString(Json.of(subscribed).path("id").asString());

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Optional<HostedDatabase> database = Optional.empty();
        while (database.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            database = databases.ofSubscription(subscriptionId);
        }
        assertThat(database).as("provisioned after SubscriptionStarted").isPresent();
        assertThat(database.get().storeId()).isEqualTo("hosted-databases");
        assertThat(database.get().location()).isEqualTo("FR");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?").param(database.get().schemaName())
                .query(Long.class).single()).isEqualTo(1);
        HttpResponse<String> view = support.http().get("/api/v1/hosted-databases?subscriptionId=" + subscriptionId, "Accept", "application/json");
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        assertThat(Json.of(view).path("id").asString()).isEqualTo(database.get().id().toString());
        assertThat(view.body()).doesNotContain("password").doesNotContain(client.toString());
    }
}
