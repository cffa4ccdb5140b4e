package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.access.internal.ApiTokens;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.MailServer;
import org.charte.testing.PrivacyCentre;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenDSR 2.0 conformance (issue 14 item 5), checked as a controller would: signatures verified with
 * the certificate discovery publishes, callbacks received by a real HTTP server in this JVM.
 */
class OpenDsrConformanceTests extends RightsTestBase {

    @Autowired JdbcClient jdbc;
    @Autowired StaffDirectory directory;
    @Autowired ApiTokens tokens;
    @Autowired OpenDsrCallbacks callbacks;
    @Autowired OpenDsrSigningKey signingKey;
    @Autowired OpenDsrRateLimit rateLimit;
    @Autowired RequestLapses lapses;

    String integration;
    String integrationName;
    final List<HttpServer> servers = new ArrayList<>();

    /** What a callback server received: the body and the two OpenDSR headers. */
    record Received(String body, String domain, String signature) {}

    @BeforeEach
    void setUp() {
        StaffMember admin = directory.create(new StaffDirectory.NewStaff("admin-" + UUID.randomUUID().toString().substring(0, 8), "Admin",
                "administrator", Staff.PASSWORD));
        ApiTokens.Issued issued = tokens.issue("consent platform", "adv", Set.of("rights:write", "rights:read"), null, admin.id());
        integration = issued.secret();
        integrationName = "token:" + issued.token().id();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }

    /** A controller's callback endpoint on this address: answers the statuses given in turn, then 200. */
    int callbackServer(String address, List<Received> received, int... answers) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
            AtomicInteger calls = new AtomicInteger();
            server.createContext("/opendsr/callbacks", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.add(new Received(new String(body, StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("X-OpenDSR-Processor-Domain"),
                        exchange.getRequestHeaders().getFirst("X-OpenDSR-Signature")));
                int n = calls.getAndIncrement();
                exchange.sendResponseHeaders(n < answers.length ? answers[n] : 200, -1);
                exchange.close();
            });
            server.start();
            servers.add(server);
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String json) {
        return JsonMapper.builder().build().readTree(json);
    }

    static String email() {
        return "conf-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    Map<String, Object> body(UUID id, String type, String email, List<String> callbackUrls) {
        Map<String, Object> body = new HashMap<>(Map.of("subject_request_id", id.toString(), "subject_request_type", type, "submitted_time",
                clock.instant().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString(), "subject_identities",
                List.of(Map.of("identity_type", "email", "identity_value", email, "identity_format", "raw")), "regulation", "gdpr",
                "api_version", "2.0"));
        if (!callbackUrls.isEmpty()) {
            body.put("status_callback_urls", callbackUrls);
        }
        return body;
    }

    HttpResponse<String> post(String path, Object body) {
        return new Http(port).json("POST", path, body instanceof String text ? text : Json.write(body), "Authorization", "Bearer " + integration);
    }

    /** The certificate as a controller gets it: the URL discovery names, downloaded. */
    X509Certificate publishedCertificate() {
        JsonNode discovery = Json.of(new Http(port).get("/opendsr/v1/discovery", "Accept", "application/json"));
        String url = discovery.path("processor_certificate").asString();
        assertThat(url).isEqualTo("http://127.0.0.1:" + port + "/opendsr/v1/certificate.pem");
        HttpResponse<String> pem = new Http(port).get(url.substring(url.indexOf("/opendsr/")));
        assertThat(pem.statusCode()).isEqualTo(200);
        assertThat(pem.body()).startsWith("-----BEGIN CERTIFICATE-----");
        String base64 = pem.body().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return OpenDsrCertificate.parse(Base64.getDecoder().decode(base64));
    }

    static void signedBy(X509Certificate certificate, HttpResponse<String> response) {
        assertThat(response.headers().firstValue("X-OpenDSR-Processor-Domain")).as("domain header").hasValue("127.0.0.1");
        String signature = response.headers().firstValue("X-OpenDSR-Signature").orElseThrow();
        assertThat(OpenDsrCertificate.verify(certificate, response.body().getBytes(StandardCharsets.UTF_8), signature))
                .as("X-OpenDSR-Signature of a %d", response.statusCode()).isTrue();
        assertThat(OpenDsrCertificate.verify(certificate, (response.body() + " ").getBytes(StandardCharsets.UTF_8), signature))
                .as("a changed body does not verify").isFalse();
    }

    /** processor_signature: over the body without it (the field comes last). */
    static void processorSigned(X509Certificate certificate, HttpResponse<String> response) {
        String signature = Json.of(response).path("processor_signature").asString();
        assertThat(signature).isNotBlank();
        String field = ",\"processor_signature\":\"" + signature + "\"";
        assertThat(response.body()).endsWith(field + "}");
        String unsigned = response.body().replace(field, "");
        assertThat(OpenDsrCertificate.verify(certificate, unsigned.getBytes(StandardCharsets.UTF_8), signature)).isTrue();
    }

    void until(BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 15 s").isLessThan(end);
            callbacks.queueChanges();
            callbacks.deliverDue();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    @DisplayName("R9.5 OpenDSR signatures: discovery publishes processor_certificate (Charte's own key, for the processor domain); every "
            + "response, 201, 200, 202, 400, 401, 404, carries X-OpenDSR-Processor-Domain and an X-OpenDSR-Signature that verifies with it; "
            + "creation and cancellation carry processor_signature")
    void signatures() {
        X509Certificate certificate = publishedCertificate();
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=127.0.0.1");
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
        JsonNode discovery = Json.of(new Http(port).get("/opendsr/v1/discovery", "Accept", "application/json"));
        assertThat(discovery.path("processor_key_id").asString()).isEqualTo(OpenDsrSigningKey.keyId(certificate));
        signedBy(certificate, new Http(port).get("/opendsr/v1/discovery", "Accept", "application/json"));

        UUID id = UUID.randomUUID();
        HttpResponse<String> created = post("/opendsr/v1/requests", body(id, "erasure", email(), List.of()));
        assertThat(created.statusCode()).isEqualTo(201);
        signedBy(certificate, created);
        processorSigned(certificate, created);

        HttpResponse<String> status = new Http(port).get("/opendsr/v1/requests/" + id, "Authorization", "Bearer " + integration,
                "Accept", "application/json");
        assertThat(status.statusCode()).isEqualTo(200);
        signedBy(certificate, status);

        HttpResponse<String> cancelled = new Http(port).json("DELETE", "/opendsr/v1/requests/" + id, "", "Authorization", "Bearer " + integration);
        assertThat(cancelled.statusCode()).isEqualTo(202);
        signedBy(certificate, cancelled);
        processorSigned(certificate, cancelled);

        HttpResponse<String> bad = post("/opendsr/v1/requests", "{}");
        assertThat(bad.statusCode()).isEqualTo(400);
        signedBy(certificate, bad);
        HttpResponse<String> anonymous = new Http(port).json("POST", "/opendsr/v1/requests", "{}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        signedBy(certificate, anonymous);
        HttpResponse<String> unknown = new Http(port).get("/opendsr/v1/requests/" + UUID.randomUUID(), "Authorization", "Bearer " + integration,
                "Accept", "application/json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        signedBy(certificate, unknown);

        // The private half is sealed: what the database holds is not a usable PKCS#8 key.
        byte[] stored = jdbc.sql("SELECT private_key FROM opendsr_signing_key WHERE key_id = ?").param(OpenDsrSigningKey.keyId(certificate))
                .query(byte[].class).single();
        assertThat(stored).isNotEmpty();
        assertThat(stored[0]).as("not a DER SEQUENCE in clear").isNotEqualTo((byte) 0x30);
    }

    @Test
    @DisplayName("R9.5 OpenDSR's signing key rotates: discovery then publishes the new certificate, responses verify with it and no longer with the old one")
    void rotation() {
        X509Certificate before = publishedCertificate();
        String newId = signingKey.rotate();
        X509Certificate after = publishedCertificate();
        assertThat(OpenDsrSigningKey.keyId(after)).isEqualTo(newId).isNotEqualTo(OpenDsrSigningKey.keyId(before));
        HttpResponse<String> discovery = new Http(port).get("/opendsr/v1/discovery", "Accept", "application/json");
        signedBy(after, discovery);
        assertThat(OpenDsrCertificate.verify(before, discovery.body().getBytes(StandardCharsets.UTF_8),
                discovery.headers().firstValue("X-OpenDSR-Signature").orElseThrow())).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM opendsr_signing_key WHERE retired_at IS NULL").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("R9.5 OpenDSR requires regulation (gdpr), each identity's identity_format (raw) and a lowercase v4 subject_request_id: "
            + "a 400 problem+json naming the field, nothing stored")
    void requiredFields() {
        String email = email();
        long before = jdbc.sql("SELECT COUNT(*) FROM opendsr_request").query(Long.class).single();
        Map<String, Object> noRegulation = body(UUID.randomUUID(), "access", email, List.of());
        noRegulation.remove("regulation");
        Map<String, Object> ccpa = body(UUID.randomUUID(), "access", email, List.of());
        ccpa.put("regulation", "ccpa");
        Map<String, Object> noFormat = body(UUID.randomUUID(), "access", email, List.of());
        noFormat.put("subject_identities", List.of(Map.of("identity_type", "email", "identity_value", email)));
        Map<String, Object> upperCase = body(UUID.randomUUID(), "access", email, List.of());
        upperCase.put("subject_request_id", UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
        Map<String, Object> version1 = body(UUID.randomUUID(), "access", email, List.of());
        version1.put("subject_request_id", "a7551968-d5d6-14b2-9831-815ac9017798");
        for (var c : List.of(Map.entry(noRegulation, "regulation"), Map.entry(ccpa, "regulation"),
                Map.entry(upperCase, "subject_request_id"), Map.entry(version1, "subject_request_id"),
                Map.entry(noFormat, "subject_identities[0].identity_format"))) {
            HttpResponse<String> refused = post("/opendsr/v1/requests", c.getKey());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            List<String> fields = new ArrayList<>();
            Json.of(refused).path("errors").forEach(e -> fields.add(e.path("field").asString()));
            assertThat(fields).containsExactly(c.getValue());
            assertThat(refused.body()).doesNotContain(email);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM opendsr_request").query(Long.class).single()).isEqualTo(before);
        assertThat(MailServer.to(email)).as("nothing filed").isEmpty();
    }

    @Test
    @DisplayName("R9.5 L10 an OpenDSR POST without a token (or with an unknown one) answers 401 problem+json, as the README says; nothing filed")
    void withoutToken() {
        String email = email();
        String body = Json.write(body(UUID.randomUUID(), "access", email, List.of()));
        for (HttpResponse<String> response : List.of(new Http(port).json("POST", "/opendsr/v1/requests", body),
                new Http(port).json("POST", "/opendsr/v1/requests", body, "Authorization", "Bearer charte_unknown"),
                new Http(port).json("DELETE", "/opendsr/v1/requests/" + UUID.randomUUID(), ""),
                new Http(port).json("POST", "/opendsr/v1/requests/" + UUID.randomUUID() + "/cancel", ""))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(Json.of(response).path("status").asInt()).isEqualTo(401);
        }
        assertThat(MailServer.to(email)).isEmpty();
    }

    @Test
    @DisplayName("R9.5 R8.5 OpenDSR throttles per integration token, generously: a burst of 21 well-formed requests with a token is filed, none refused")
    void burst() {
        for (int i = 0; i < 21; i++) {
            HttpResponse<String> filed = post("/opendsr/v1/requests", body(UUID.randomUUID(), "erasure", email(), List.of()));
            assertThat(filed.statusCode()).as("request %d", i + 1).isEqualTo(201);
        }
    }

    @Test
    @DisplayName("R8.5 R9.5 past its token's limit an integration gets 429 problem+json with Retry-After, signed; another token goes on")
    void overTheTokensLimit() {
        X509Certificate certificate = publishedCertificate();
        HttpResponse<String> refused = null;
        // The bucket refills at 10 calls a second: emptied just before the call, as 600 calls in a minute would.
        for (int i = 0; i < 10 && (refused == null || refused.statusCode() != 429); i++) {
            while (rateLimit.allow(integrationName)) {
                // emptying
            }
            refused = post("/opendsr/v1/requests", body(UUID.randomUUID(), "erasure", email(), List.of()));
        }
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(Json.of(refused).path("status").asInt()).isEqualTo(429);
        signedBy(certificate, refused);
        assertThat(new Http(port).get("/opendsr/v1/discovery", "Accept", "application/json").statusCode()).as("discovery is not counted")
                .isEqualTo(200);
    }

    @Test
    @DisplayName("R9.5 R9.6 OpenDSR callbacks: each status the request goes through (pending, in_progress, completed) is posted to its "
            + "status_callback_url in the specification's body, signed with the published certificate; nothing personal in it")
    void callbacksOnEveryStatus() {
        List<Received> received = new CopyOnWriteArrayList<>();
        int serverPort = callbackServer("127.0.0.1", received);
        String url = "http://127.0.0.1:" + serverPort + "/opendsr/callbacks";
        String email = email();
        UUID id = UUID.randomUUID();
        assertThat(post("/opendsr/v1/requests", body(id, "access", email, List.of(url))).statusCode()).isEqualTo(201);
        until(() -> received.size() >= 1);

        String codeMail = MailServer.latest(email, "code");
        PrivacyCentre.at(port).enter(OpenDsrTests.requestIdFrom(codeMail), MailServer.find(codeMail, "(\\d{6})"));
        until(() -> received.size() >= 3);

        X509Certificate certificate = publishedCertificate();
        List<String> statuses = new ArrayList<>();
        for (Received callback : received) {
            assertThat(callback.domain()).isEqualTo("127.0.0.1");
            assertThat(OpenDsrCertificate.verify(certificate, callback.body().getBytes(StandardCharsets.UTF_8), callback.signature()))
                    .as("signature of %s", callback.body()).isTrue();
            JsonNode json = read(callback.body());
            assertThat(json.path("controller_id").asString()).isEqualTo("44765704000013");
            assertThat(json.path("status_callback_url").asString()).isEqualTo(url);
            assertThat(json.path("subject_request_id").asString()).isEqualTo(id.toString());
            assertThat(Instant.parse(json.path("expected_completion_time").asString())).isNotNull();
            statuses.add(json.path("request_status").asString());
            assertThat(callback.body()).doesNotContain(email);
        }
        assertThat(statuses).containsExactly("pending", "in_progress", "completed");
        callbacks.queueChanges();
        callbacks.deliverDue();
        assertThat(received).as("each status once").hasSize(3);
    }

    @Test
    @DisplayName("R9.5 a cancellation is called back too (pending, then cancelled)")
    void cancellationCalledBack() {
        List<Received> received = new CopyOnWriteArrayList<>();
        String url = "http://127.0.0.1:" + callbackServer("127.0.0.1", received) + "/opendsr/callbacks";
        UUID id = UUID.randomUUID();
        assertThat(post("/opendsr/v1/requests", body(id, "erasure", email(), List.of(url))).statusCode()).isEqualTo(201);
        assertThat(post("/opendsr/v1/requests/" + id + "/cancel", "").statusCode()).isEqualTo(202);
        until(() -> received.size() >= 2);
        assertThat(received.stream().map(r -> read(r.body()).path("request_status").asString()).toList())
                .containsExactly("pending", "cancelled");
    }

    @Test
    @DisplayName("R9.5 R9.6 R9.7 a request that lapses (identity never verified within charte.rights.unverified-lapse) is called back "
            + "as cancelled, as any other status change, once, signed; polling shows it cancelled")
    void lapseCalledBack() {
        List<Received> received = new CopyOnWriteArrayList<>();
        String url = "http://127.0.0.1:" + callbackServer("127.0.0.1", received) + "/opendsr/callbacks";
        UUID id = UUID.randomUUID();
        assertThat(post("/opendsr/v1/requests", body(id, "erasure", email(), List.of(url))).statusCode()).isEqualTo(201);
        until(() -> received.size() >= 1);

        clock.advance(Duration.ofDays(62)); // past its month of waiting, whatever the months' lengths
        assertThat(lapses.run()).isPositive();
        until(() -> received.size() >= 2);
        assertThat(received.stream().map(r -> read(r.body()).path("request_status").asString()).toList())
                .containsExactly("pending", "cancelled");
        X509Certificate certificate = publishedCertificate();
        Received cancelled = received.getLast();
        assertThat(OpenDsrCertificate.verify(certificate, cancelled.body().getBytes(StandardCharsets.UTF_8), cancelled.signature())).isTrue();
        assertThat(read(cancelled.body()).path("subject_request_id").asString()).isEqualTo(id.toString());

        HttpResponse<String> polled = new Http(port).get("/opendsr/v1/requests/" + id, "Accept", "application/json", "Authorization",
                "Bearer " + integration);
        assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
        assertThat(Json.of(polled).path("request_status").asString()).isEqualTo("cancelled");
        callbacks.queueChanges();
        callbacks.deliverDue();
        assertThat(received).as("each status once").hasSize(2);
    }

    @Test
    @DisplayName("R9.5 a failed callback is retried with exponential backoff from the database: a server answering 500 twice then 200 gets three calls, then none")
    void retriedWithBackoff() {
        List<Received> received = new CopyOnWriteArrayList<>();
        String url = "http://127.0.0.1:" + callbackServer("127.0.0.1", received, 500, 500) + "/opendsr/callbacks";
        UUID id = UUID.randomUUID();
        assertThat(post("/opendsr/v1/requests", body(id, "erasure", email(), List.of(url))).statusCode()).isEqualTo(201);
        until(() -> received.size() >= 1);
        callbacks.deliverDue();
        assertThat(received).as("not again before the backoff").hasSize(1);

        clock.advance(Duration.ofSeconds(31));
        until(() -> received.size() >= 2);
        clock.advance(Duration.ofSeconds(31));
        callbacks.deliverDue();
        assertThat(received).as("the second wait is twice the first").hasSize(2);
        clock.advance(Duration.ofSeconds(31));
        until(() -> received.size() >= 3);
        clock.advance(Duration.ofMinutes(10));
        callbacks.deliverDue();
        assertThat(received).hasSize(3);
        var row = jdbc.sql("SELECT attempts, last_status_code, sent_at FROM opendsr_callback WHERE subject_request_id = ?").param(id)
                .query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2), rs.getObject(3) != null)).single();
        assertThat(row).containsExactly(3, 200, true);
        assertThat(OpenDsrCallbacks.delay(Duration.ofSeconds(30), 1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(OpenDsrCallbacks.delay(Duration.ofSeconds(30), 3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(OpenDsrCallbacks.delay(Duration.ofSeconds(30), 40)).isEqualTo(OpenDsrCallbacks.MAX_BACKOFF);
    }

    @Test
    @DisplayName("R9.5 R8.5 a callback host not in charte.opendsr.callback-allowed-hosts is refused at creation (400 naming the field) and never called")
    void unlistedHost() {
        List<Received> received = new CopyOnWriteArrayList<>();
        String url = "http://127.0.0.2:" + callbackServer("127.0.0.2", received) + "/opendsr/callbacks";
        String email = email();
        UUID id = UUID.randomUUID();
        HttpResponse<String> refused = post("/opendsr/v1/requests", body(id, "erasure", email, List.of(url)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Json.of(refused).path("errors").get(0).path("field").asString()).isEqualTo("status_callback_urls[0]");
        assertThat(refused.body()).doesNotContain("127.0.0.2");
        assertThat(MailServer.to(email)).isEmpty();

        // A callback queued for a host since taken off the list is given up, not called.
        UUID listed = UUID.randomUUID();
        assertThat(post("/opendsr/v1/requests", body(listed, "erasure", email(), List.of())).statusCode()).isEqualTo(201);
        UUID row = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO opendsr_callback (id, subject_request_id, url, request_status, body, created_at, next_attempt_at)
                VALUES (?, ?, ?, 'pending', '{}', ?, ?)""")
                .params(row, listed, url, clock.instant().atOffset(ZoneOffset.UTC), clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        callbacks.deliverDue();
        assertThat(jdbc.sql("SELECT given_up_at IS NOT NULL FROM opendsr_callback WHERE id = ?").param(row).query(Boolean.class).single()).isTrue();
        assertThat(received).isEmpty();
    }
}
