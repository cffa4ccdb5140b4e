package org.charte.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.common.Zones;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Json;
import org.charte.testing.MutableClock;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** The adults-only rule (R3.5) through the subscription API, on a day the application's clock is moved to. */
@CharteIntegrationTest
@Import(MutableClock.Configuration.class)
@TestPropertySource(properties = "charte.hosting.provision-on-subscription=false") // HostingTests' context, shared
class SubscriptionAdulthoodTests {

    @LocalServerPort int port;
    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    void moveTo(LocalDate day) {
        clock.advance(Duration.between(clock.instant(), day.atTime(12, 0).atZone(Zones.PARIS).toInstant()));
    }

    @Test
    @DisplayName("R3.5 born on 29 February 2008: a subscription is refused on 28 February 2026 and accepted on 1 March 2026")
    void leapDayBirthday() {
        clock.reset();
        Relationship world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        Staff adv = world.staff("adv"); // signed in on real time: TOTP follows it
        UUID born29February = world.prospect(LocalDate.of(2008, 2, 29));
        String path = "/api/v1/subjects/" + born29February + "/subscriptions";

        moveTo(LocalDate.of(2026, 2, 28));
        world.grant(adv, "subscription-contract", Set.of("subscriptions", "identity"), born29February); // a day's grant, from the clock's day
        HttpResponse<String> refused = adv.http().json("POST", path, Json.write(Map.of("planCode", "GESTAN-CLOUD-PRO")));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(Json.of(refused).path("errors").get(0).path("field").asString()).isEqualTo("subjectId");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM subscription WHERE subject_id = ?").param(born29February).query(Long.class).single()).isZero();

        moveTo(LocalDate.of(2026, 3, 1));
        world.grant(adv, "subscription-contract", Set.of("subscriptions", "identity"), born29February);
        HttpResponse<String> accepted = adv.http().json("POST", path, Json.write(Map.of("planCode", "GESTAN-CLOUD-PRO")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(Json.of(accepted).path("subscribedOn").asString()).isEqualTo("2026-03-01");
        assertThat(subjects.status(born29February)).contains(SubjectStatus.CLIENT_ACTIVE);
    }
}
