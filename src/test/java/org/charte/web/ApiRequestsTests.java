package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.charte.access.StaffDirectory;
import org.charte.access.Subcontractors;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Json;
import org.charte.testing.Staff;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@CharteIntegrationTest
class ApiRequestsTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Autowired
    Subcontractors subcontractors;

    @Test
    @DisplayName("R1.1 a POST retried with the same Idempotency-Key creates once and answers the same; another body is refused")
    void idempotentPost() {
        Staff dpo = Staff.signedIn(directory, port, "dpo");
        String name = "Idempotent " + UUID.randomUUID();
        String body = Json.write(Map.of("name", name, "role", "support-subcontractor"));
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = dpo.http().json("POST", "/api/v1/subcontractors", body, "Idempotency-Key", key);
        HttpResponse<String> retry = dpo.http().json("POST", "/api/v1/subcontractors", body, "Idempotency-Key", key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(Json.of(retry).path("id").asString()).isEqualTo(Json.of(first).path("id").asString());
        assertThat(subcontractors.all()).filteredOn(s -> s.name().equals(name)).hasSize(1);

        HttpResponse<String> other = dpo.http().json("POST", "/api/v1/subcontractors",
                Json.write(Map.of("name", name + " bis", "role", "support-subcontractor")), "Idempotency-Key", key);
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(subcontractors.all()).noneMatch(s -> s.name().equals(name + " bis"));
    }

    @Test
    @DisplayName("R1.1 a refused POST is answered the same on retry, and a request body over 1 MB is refused with 413")
    void refusalsAndSize() {
        Staff dpo = Staff.signedIn(directory, port, "dpo");
        String key = UUID.randomUUID().toString();
        String bad = Json.write(Map.of("name", "x", "role", "janitor"));
        assertThat(dpo.http().json("POST", "/api/v1/subcontractors", bad, "Idempotency-Key", key).statusCode()).isEqualTo(400);
        assertThat(dpo.http().json("POST", "/api/v1/subcontractors", bad, "Idempotency-Key", key).statusCode()).isEqualTo(400);

        String huge = Json.write(Map.of("name", "y".repeat(1024 * 1024 + 10), "role", "support-subcontractor"));
        HttpResponse<String> tooBig = dpo.http().json("POST", "/api/v1/subcontractors", huge);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }
}
