package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.charte.CharteApplication;
import org.charte.access.StaffDirectory;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.PolicyLoader;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.PolicyFixtures;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@CharteIntegrationTest
class ApiAndSecurityTests {

    @LocalServerPort
    int port;

    @Autowired
    CurrentPolicy current;

    @Autowired
    StaffDirectory staff;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Value("${spring.datasource.username}")
    String databaseUser;

    @Value("${charte.data-dir}")
    String dataDir;

    final ObjectMapper json = new ObjectMapper();
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    @Test
    @DisplayName("R1.1 the API lists the policy versions and returns each file byte for byte")
    void versionsApi() {
        JsonNode versions = body(http.get("/api/v1/policy/versions"));
        assertThat(versions.isArray()).isTrue();
        String id = current.version().id().toString();
        assertThat(versions.findValuesAsString("id")).contains(id);
        HttpResponse<String> file = http.get("/api/v1/policy/versions/" + id + "/file");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(PolicyLoader.defaultContent());
        assertThat(body(http.get("/api/v1/policy")).path("dpo").asString()).isEqualTo("M. Etienne Neuville");
    }

    @Test
    @DisplayName("R1.1 bad input on the API gets problem+json naming the field, unknown ids a 404 problem")
    void problems() {
        HttpResponse<String> bad = http.get("/api/v1/policy/versions/not-a-uuid", "Accept", "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = body(bad);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("id");
        assertThat(bad.body()).doesNotContain("Exception").doesNotContain("at org.");

        HttpResponse<String> unknown = http.get("/api/v1/policy/versions/0190a5e2-7c3b-7def-8abc-0123456789ab");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> noRoute = http.get("/api/v1/policy/nothing-here/at-all");
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(noRoute.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    @DisplayName("L10 L2 L4 L5 the lint of the policy in force is served by the API: the shipped 1.3, which corrects 1.2, has no finding")
    void lintApi() {
        HttpResponse<String> lint = http.get("/api/v1/policy/lint");
        assertThat(lint.statusCode()).isEqualTo(200);
        assertThat(body(lint).isArray()).isTrue();
        assertThat(body(lint).findValuesAsString("law")).isEmpty();
    }

    @Test
    @DisplayName("R8.3 nothing but the public pages is reachable anonymously: API 401 problem, pages to sign-in")
    void anonymousRefused() {
        HttpResponse<String> api = http.get("/api/v1/subjects");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(body(api).path("status").asInt()).isEqualTo(401);
        HttpResponse<String> backOffice = http.get("/backoffice");
        assertThat(backOffice.statusCode()).isEqualTo(302);
        assertThat(backOffice.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/backoffice/connexion"));
    }

    @Test
    @DisplayName("R8.3 R8.5 staff sign in with an Argon2id-hashed password through a CSRF-protected form, then a TOTP code")
    void staffSignIn() {
        staff.create(new StaffDirectory.NewStaff("claire", "Claire Test", "dpo", "correct horse battery staple"));
        assertThat(http.postForm("/backoffice/connexion", Map.of("username", "claire", "password", "correct horse battery staple"))
                .statusCode()).as("no CSRF token: refused").isEqualTo(403);
        HttpResponse<String> wrong = http.password("claire", "wrong password!!");
        assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/backoffice/connexion?error"));
        String secret = http.signInFirstTime("claire", "correct horse battery staple");
        HttpResponse<String> dashboard = http.get("/backoffice");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Claire Test").contains("Écarts avec la loi en vigueur (0)");
        assertThat(secret).matches("[A-Z2-7]{32}");
    }

    @Test
    @DisplayName("R8.5 every page carries the security headers, errors included")
    void securityHeaders() {
        for (String path : List.of("/", "/politique-de-confidentialite", "/en/privacy-policy", "/registre-des-traitements",
                "/backoffice/connexion", "/backoffice", "/politique-de-confidentialite?version=0190a5e2-7c3b-7def-8abc-0123456789ab",
                "/api/v1/policy", "/api/v1/policy/versions/nope", "/actuator/health")) {
            HttpResponse<String> response = http.get(path, "Accept", "text/html");
            var headers = response.headers();
            assertThat(headers.firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
            assertThat(headers.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(headers.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(headers.firstValue("Referrer-Policy")).as(path).hasValue("strict-origin-when-cross-origin");
        }
        HttpResponse<String> missing = http.get("/politique-de-confidentialite?version=0190a5e2-7c3b-7def-8abc-0123456789ab", "Accept", "text/html");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(missing.body()).text()).contains("Erreur 404").contains("Cette page n'existe pas.")
                .doesNotContain("Exception");
    }

    @Test
    @DisplayName("actuator health is up and public, with no details")
    void health() {
        HttpResponse<String> health = http.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(body(health).path("status").asString()).isEqualTo("UP");
        assertThat(health.body()).doesNotContain("db");
    }

    @Test
    @DisplayName("R1.1 a new policy file is stored as a new version and the earlier one stays listed")
    void newVersionKeepsOld(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy-1.4.yaml");
        Files.writeString(file, PolicyFixtures.with("version: \"1.3\"", "version: \"1.4\""), StandardCharsets.UTF_8);
        // Another node of the same installation starts with the new file, against the same database.
        try (var other = new SpringApplicationBuilder(CharteApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + databaseUser,
                        "--charte.policy.file=" + file, "--charte.data-dir=" + dataDir)) {
            var otherPolicy = other.getBean(CurrentPolicy.class);
            assertThat(otherPolicy.version().label()).isEqualTo("1.4");
            assertThat(otherPolicy.versions()).extracting(v -> v.label()).contains("1.4", "1.3", "1.2");
        }
        JsonNode versions = body(http.get("/api/v1/policy/versions"));
        assertThat(versions.findValuesAsString("label")).contains("1.4", "1.3", "1.2");
        assertThat(versions.findValuesAsString("sha256")).doesNotHaveDuplicates();
    }
}
