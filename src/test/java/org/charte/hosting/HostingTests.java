package org.charte.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.commerce.ClientAccounts;
import org.charte.commerce.Subscriptions;
import org.charte.common.InvalidInputException;
import org.charte.retention.LegalHolds;
import org.charte.retention.RetentionRuns;
import org.charte.vault.SigningKeys;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.MutableClock;
import org.charte.testing.Json;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.charte.testing.TestDatabase;
import org.charte.subjects.Subjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import org.charte.hosting.internal.DestructionCertificates;

/**
 * Hosted databases end to end, on H2 and PostgreSQL, with provisioning by staff (automatic
 * provisioning is off here, and tested in {@link AutomaticProvisioningTests}). Time moves through
 * the application's clock.
 */
@CharteIntegrationTest
@Import(MutableClock.Configuration.class)
@TestPropertySource(properties = "charte.hosting.provision-on-subscription=false")
class HostingTests {

    @LocalServerPort
    int port;

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired AuditLog audit;
    @Autowired ClientAccounts accounts;
    @Autowired Subscriptions subscriptions;
    @Autowired HostedDatabases databases;
    @Autowired HostedDatabaseDestruction destruction;
    @Autowired DestructionCertificates certificates;
    @Autowired SigningKeys signingKeys;
    @Autowired RetentionRuns runs;
    @Autowired LegalHolds holds;

    Relationship world;
    Staff support;
    final HttpClient anonymous = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        clock.reset();
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        support = world.staff("cloud-support");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    record Client(UUID subjectId, String accessCode, String password, UUID subscriptionId) {}

    /** An adult with a customer account and a running subscription (taken through the API). */
    Client client() {
        UUID subject = world.adultProspect();
        String code = "client-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "mot de passe du client " + UUID.randomUUID();
        world.grant(support, "subscription-contract", Set.of("account-credentials", "subscriptions", "identity"), subject);
        accounts.open(Actor.staff(support.id()), subject, code, password);
        HttpResponse<String> subscribed = support.http().json("POST", "/api/v1/subjects/" + subject + "/subscriptions",
                Json.write(Map.of("planCode", "GESTAN-CLOUD-PRO")));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        return new Client(subject, code, password, UUID.fromString(Json.of(subscribed).path("id").asString()));
    }

    HttpResponse<String> provision(Staff staff, UUID subscriptionId, String storeId) {
        Map<String, Object> body = new HashMap<>();
        body.put("subscriptionId", subscriptionId);
        body.put("storeId", storeId);
        return staff.http().json("POST", "/api/v1/hosted-databases", Json.write(body));
    }

    UUID provisioned(Client client) {
        HttpResponse<String> created = provision(support, client.subscriptionId(), "hosted-databases");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(Json.of(created).path("id").asString());
    }

    boolean schemaExists(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?").param(name).query(Long.class).single() > 0;
    }

    boolean loginExists(String name) {
        String sql = TestDatabase.postgres() ? "SELECT COUNT(*) FROM pg_roles WHERE rolname = ?"
                : "SELECT COUNT(*) FROM information_schema.users WHERE user_name = ?";
        return jdbc.sql(sql).param(name).query(Long.class).single() > 0;
    }

    long hostedSchemas() {
        return jdbc.sql("SELECT COUNT(*) FROM information_schema.schemata WHERE LOWER(schema_name) LIKE 'hd\\_%' ESCAPE '\\'")
                .query(Long.class).single();
    }

    /** The body of a reveal: the purpose it serves, named (R4.5: there is no default). */
    static final String FOR_CUSTOMER_SERVICE = Json.write(Map.of("purpose", "customer-service"));

    static List<String> fields(HttpResponse<String> problem) {
        return Json.of(problem).path("errors").findValuesAsString("field");
    }

    HttpResponse<byte[]> clientExport(UUID id, String accessCode, String password) {
        try {
            return anonymous.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/client/hosted-databases/" + id + "/export"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("accessCode", accessCode, "password", password)))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> anonymous(String method, String path, String body) {
        try {
            return anonymous.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", "application/json")
                    .header("Accept", "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    List<AuditEntry> auditOf(UUID hostedDatabaseId) {
        return audit.recent(500).stream().filter(e -> hostedDatabaseId.toString().equals(e.event().resourceId())).toList();
    }

    HostedDatabase awaitStatus(UUID id, HostedDatabase.Status status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            HostedDatabase database = databases.find(id);
            if (database.status() == status) {
                return database;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("hosted database never reached " + status);
    }

    // --- R7.1 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("R7.1 a hosted database is provisioned only in a store the policy declares, configured where the policy says (FR); "
            + "an unknown or unconfigured store is refused and nothing is created")
    void locations() {
        Client client = client();
        long before = hostedSchemas();
        for (String store : List.of("offshore-us", "backups", "platform-database", "")) {
            HttpResponse<String> refused = provision(support, client.subscriptionId(), store);
            assertThat(refused.statusCode()).as(store + ": " + refused.body()).isEqualTo(400);
            assertThat(fields(refused)).containsExactly("storeId");
        }
        assertThat(Json.of(provision(support, client.subscriptionId(), "offshore-us")).path("detail").asString())
                .contains("not a data store the policy declares");
        assertThat(hostedSchemas()).as("nothing created").isEqualTo(before);
        assertThat(databases.ofSubscription(client.subscriptionId())).isEmpty();

        assertThat(provision(world.staff("adv"), client.subscriptionId(), "hosted-databases").statusCode())
                .as("only Cloud support or an administrator provisions").isEqualTo(403);
        HttpResponse<String> unknown = provision(support, UUID.randomUUID(), "hosted-databases");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("subscriptionId");

        UUID id = provisioned(client);
        HostedDatabase database = databases.find(id);
        assertThat(database.location()).isEqualTo("FR");
        assertThat(database.storeId()).isEqualTo("hosted-databases");
        assertThat(database.status()).isEqualTo(HostedDatabase.Status.ACTIVE);
        assertThat(schemaExists(database.schemaName())).isTrue();
        assertThat(loginExists(database.schemaName())).isTrue();
        assertThat(database.schemaName()).containsIgnoringCase(id.toString().replace("-", ""));
        assertThat(hostedSchemas()).isEqualTo(before + 1);

        HttpResponse<String> again = provision(Staff.signedIn(directory, port, "administrator"), client.subscriptionId(), "hosted-databases");
        assertThat(again.statusCode()).as("one database per subscription").isEqualTo(400);
        assertThat(fields(again)).containsExactly("subscriptionId");
    }

    // --- R3.3 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("R3.3 a hosted database's password is sealed at rest, revealed only under a grant on that database, and every reveal is audited")
    void credentials() throws SQLException {
        Client client = client();
        UUID id = provisioned(client);
        String path = "/api/v1/hosted-databases/" + id + "/credentials";

        HttpResponse<String> refused = support.http().json("POST", path, FOR_CUSTOMER_SERVICE);
        assertThat(refused.statusCode()).as("no grant yet").isEqualTo(403);
        assertThat(refused.body()).doesNotContain("password\"");
        assertThat(auditOf(id)).extracting(e -> e.event().action() + " " + e.event().outcome())
                .contains("reveal-credentials DENIED");

        grants.grantIndividual(support.id(), "customer-service", Set.of("hosted-credentials"), List.of(ResourceRef.hostedDatabase(id)),
                clock.instant().plus(Duration.ofDays(1)), "client asked for their login", world.dpo().id());
        UUID other = provisioned(client());
        assertThat(support.http().json("POST", "/api/v1/hosted-databases/" + other + "/credentials", FOR_CUSTOMER_SERVICE).statusCode())
                .as("the grant covers that database only").isEqualTo(403);

        HttpResponse<String> revealed = support.http().json("POST", path, FOR_CUSTOMER_SERVICE);
        assertThat(revealed.statusCode()).as(revealed.body()).isEqualTo(200);
        assertThat(revealed.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        JsonNode credentials = Json.of(revealed);
        String password = credentials.path("password").asString();
        String username = credentials.path("username").asString();
        String url = credentials.path("jdbcUrl").asString();
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        assertThat(url).doesNotContainIgnoringCase("user=").doesNotContainIgnoringCase("password=");
        assertThat(auditOf(id)).filteredOn(e -> e.event().action().equals("reveal-credentials"))
                .extracting(e -> e.event().outcome() + " " + e.event().actor() + " " + e.event().categories())
                .contains("ALLOWED staff:" + support.id() + " [hosted-credentials]");

        byte[] sealed = jdbc.sql("SELECT credentials FROM hosted_database WHERE id = ?").param(id).query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).as("sealed at rest").doesNotContain(password);

        // The login works, on its own schema: the sample table is there.
        try (Connection connection = DriverManager.getConnection(url, username, password);
                ResultSet rs = connection.createStatement().executeQuery(
                        "SELECT valeur FROM " + "\"" + username + "\".gestan_parametre WHERE cle = 'application'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Gestan Cloud");
        }
        if (!TestDatabase.postgres()) { // the test cluster trusts local logins: only H2 checks the password here
            assertThatThrownBy(() -> DriverManager.getConnection(url, username, "not the password").close()).isInstanceOf(SQLException.class);
        }

        Staff adv = world.staff("adv");
        grants.grantIndividual(adv.id(), "customer-service", Set.of("subscriptions"), List.of(ResourceRef.hostedDatabase(id)),
                clock.instant().plus(Duration.ofDays(1)), "not for credentials", world.dpo().id());
        assertThat(adv.http().json("POST", path, FOR_CUSTOMER_SERVICE).statusCode()).as("ADV may not reach hosted credentials").isEqualTo(403);
        assertThat(support.http().json("POST", "/api/v1/hosted-databases/" + UUID.randomUUID() + "/credentials", FOR_CUSTOMER_SERVICE).statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("R4.5 R3.3 revealing a hosted database's login or exporting it names its purpose: without one, or with a malformed one, "
            + "400 naming purpose, nothing revealed, nothing exported, nothing recorded")
    void purposeRequired() {
        UUID id = provisioned(client());
        grants.grantIndividual(support.id(), "customer-service", Set.of("hosted-credentials", "hosted-data"), List.of(ResourceRef.hostedDatabase(id)),
                clock.instant().plus(Duration.ofDays(1)), "client asked for their login", world.dpo().id());
        long auditBefore = auditOf(id).size();
        long exportsBefore = jdbc.sql("SELECT COUNT(*) FROM hosted_database_export WHERE hosted_database_id = ?").param(id).query(Long.class).single();
        String credentials = "/api/v1/hosted-databases/" + id + "/credentials";
        String export = "/api/v1/hosted-databases/" + id + "/export";

        for (HttpResponse<String> refused : List.of(
                support.http().json("POST", credentials, "{}"),
                support.http().json("POST", credentials, Json.write(Map.of("purpose", "   "))),
                support.http().json("POST", credentials, Json.write(Map.of("purpose", "Customer Service"))),
                support.http().json("POST", export, "{}"),
                support.http().json("POST", export + "?purpose=", "{}"),
                support.http().json("POST", export + "?purpose=customer_service", "{}"))) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(fields(refused)).containsExactly("purpose");
            assertThat(refused.body()).doesNotContain("password\"", "Customer Service");
        }
        assertThatThrownBy(() -> databases.revealCredentials(Actor.staff(support.id()), null, id))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> databases.export(Actor.staff(support.id()), null, id))
                .isInstanceOf(InvalidInputException.class);
        assertThat(auditOf(id)).as("nothing decided, nothing recorded").hasSize((int) auditBefore);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM hosted_database_export WHERE hosted_database_id = ?").param(id).query(Long.class).single())
                .as("nothing exported").isEqualTo(exportsBefore);

        // Named, the same grant serves.
        HttpResponse<String> revealed = support.http().json("POST", credentials, FOR_CUSTOMER_SERVICE);
        assertThat(revealed.statusCode()).as(revealed.body()).isEqualTo(200);
    }

    // --- R5.5 ---------------------------------------------------------------------------------------

    @Test
    @DisplayName("R5.5 termination schedules destruction 30 days later; the client exports until then; destruction before the date is refused; "
            + "after it the schema and login are gone and a signed certificate is issued, verifiable by anyone, tampering detected")
    void terminationExportDestruction() throws Exception {
        Client client = client();
        UUID id = provisioned(client);
        HostedDatabase provisioned = databases.find(id);
        LocalDate today = world.today();

        // The client downloads their database: a zip with a CSV per table and a manifest; its SHA-256 is recorded.
        HttpResponse<byte[]> first = clientExport(id, client.accessCode(), client.password());
        assertThat(first.statusCode()).as(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/zip");
        assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(first.headers().firstValue("X-Export-Sha256")).contains(sha256(first.body()));
        Map<String, String> files = unzip(first.body());
        assertThat(files).containsKey("manifest.json");
        String csv = files.entrySet().stream().filter(f -> f.getKey().toLowerCase().startsWith("tables/001-gestan_parametre"))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        assertThat(csv.toLowerCase()).startsWith("cle,valeur\r\n");
        assertThat(csv).contains("application,Gestan Cloud", "cree-le," + today);
        assertThat(files.get("manifest.json")).contains(id.toString(), "\"rows\" : 3");

        // Every refusal looks the same: a wrong password, another client, an unknown database.
        HttpResponse<byte[]> wrong = clientExport(id, client.accessCode(), "not the password at all");
        Client stranger = client();
        HttpResponse<byte[]> notTheirs = clientExport(id, stranger.accessCode(), stranger.password());
        HttpResponse<byte[]> unknown = clientExport(UUID.randomUUID(), client.accessCode(), client.password());
        for (HttpResponse<byte[]> refused : List.of(wrong, notTheirs, unknown)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("access code, password or database not recognised");
        }

        // The contract is terminated: destruction is due 30 days later (rule hosted-production-data).
        world.grant(support, "subscription-contract", Set.of("subscriptions"), client.subjectId());
        HttpResponse<String> terminated = support.http().json("POST", "/api/v1/subscriptions/" + client.subscriptionId() + "/termination", "{}");
        assertThat(terminated.statusCode()).as(terminated.body()).isEqualTo(200);
        HostedDatabase scheduled = awaitStatus(id, HostedDatabase.Status.TERMINATED);
        assertThat(scheduled.terminatedOn()).isEqualTo(today);
        LocalDate due = today.plusDays(30);
        assertThat(scheduled.destructionDueOn()).isEqualTo(due);
        assertThat(destruction.dueAsOf(today, null, 100)).extracting(HostedDatabaseDestruction.DueDestruction::hostedDatabaseId).doesNotContain(id);
        assertThat(destruction.dueAsOf(due, null, 10_000)).extracting(HostedDatabaseDestruction.DueDestruction::hostedDatabaseId).contains(id);

        // Before the date: refused, nothing dropped.
        assertThatThrownBy(() -> destruction.destroy(id, today, "retention-run-early")).isInstanceOf(DestructionNotDueException.class)
                .hasMessageContaining(due.toString());
        Staff admin = Staff.signedIn(directory, port, "administrator");
        HttpResponse<String> early = admin.http().json("POST", "/api/v1/hosted-databases/" + id + "/destroy", "{}");
        assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
        assertThat(Json.of(early).path("destructionDueOn").asString()).isEqualTo(due.toString());
        assertThat(schemaExists(provisioned.schemaName())).isTrue();
        assertThatThrownBy(() -> destruction.destroy(id, today.plusDays(31), "retention-run-ahead"))
                .as("never ahead of the clock").isInstanceOf(InvalidInputException.class);

        // The last day the client can export; the export recorded last is the final one.
        clock.reset();
        clock.advance(Duration.ofDays(29));
        HttpResponse<byte[]> last = clientExport(id, client.accessCode(), client.password());
        assertThat(last.statusCode()).isEqualTo(200);
        String finalSha = sha256(last.body());
        assertThat(databases.find(id).finalExportSha256()).isEqualTo(finalSha);

        // The due day: no export any more; the retention run destroys it.
        clock.reset();
        clock.advance(Duration.ofDays(30));
        assertThat(world.today()).isEqualTo(due);
        assertThat(clientExport(id, client.accessCode(), client.password()).statusCode()).isEqualTo(410);
        SignedCertificate signed = destruction.destroy(id, due, "retention-run-42");
        assertThat(schemaExists(provisioned.schemaName())).as("schema dropped").isFalse();
        assertThat(loginExists(provisioned.schemaName())).as("login dropped").isFalse();
        assertThat(jdbc.sql("SELECT credentials FROM hosted_database WHERE id = ?").param(id).query(byte[].class).optional())
                .as("sealed credentials deleted").isEmpty();
        HostedDatabase destroyed = databases.find(id);
        assertThat(destroyed.status()).isEqualTo(HostedDatabase.Status.DESTROYED);
        assertThat(destroyed.certificateId()).isEqualTo(signed.certificate().id());
        assertThat(destruction.destroy(id, due, "retention-run-43").certificate().id()).as("done again: the same certificate")
                .isEqualTo(signed.certificate().id());

        DestructionCertificate certificate = signed.certificate();
        assertThat(certificate.hostedDatabaseId()).isEqualTo(id);
        assertThat(certificate.subscriptionId()).isEqualTo(client.subscriptionId());
        assertThat(certificate.terminatedOn()).isEqualTo(today);
        assertThat(certificate.destructionDueOn()).isEqualTo(due);
        assertThat(certificate.retentionRule()).isEqualTo("hosted-production-data");
        assertThat(certificate.retentionDuration()).isEqualTo("P30D");
        assertThat(certificate.finalExportSha256()).isEqualTo(finalSha);
        assertThat(certificate.runId()).isEqualTo("retention-run-42");
        assertThat(certificate.location()).isEqualTo("FR");
        assertThat(auditOf(id)).extracting(e -> e.event().action() + " " + e.event().outcome())
                .contains("provision ALLOWED", "export ALLOWED", "destroy ALLOWED");

        HttpResponse<byte[]> after = clientExport(id, client.accessCode(), client.password());
        assertThat(after.statusCode()).as("refused after destruction").isEqualTo(410);
        assertThat(new String(after.body(), StandardCharsets.UTF_8)).contains(certificate.id().toString());
        clock.reset();

        // Anyone reads it, fetches the public key, and checks it; a changed field is detected.
        HttpResponse<String> read = anonymous("GET", "/api/v1/destruction-certificates/" + certificate.id(), null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode body = Json.of(read);
        assertThat(body.path("payload").asString()).isEqualTo(signed.payload());
        assertThat(body.path("certificate").path("finalExportSha256").asString()).isEqualTo(finalSha);
        String signature = body.path("signature").asString();

        JsonNode key = Json.of(anonymous("GET", "/api/v1/destruction-certificates/public-key", null));
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(key.path("x509Base64").asString()))));
        ed25519.update(signed.payload().getBytes(StandardCharsets.UTF_8));
        assertThat(ed25519.verify(Base64.getDecoder().decode(signature))).as("verifiable with any Ed25519 tool").isTrue();

        ObjectNode fields = (ObjectNode) body.path("certificate");
        HttpResponse<String> valid = anonymous("POST", "/api/v1/destruction-certificates/verify",
                Json.write(Map.of("certificate", fields, "signature", signature)));
        assertThat(valid.statusCode()).as(valid.body()).isEqualTo(200);
        assertThat(Json.of(valid).path("valid").asBoolean()).isTrue();
        assertThat(Json.of(anonymous("POST", "/api/v1/destruction-certificates/verify",
                Json.write(Map.of("payload", signed.payload(), "signature", signature)))).path("valid").asBoolean()).isTrue();

        ObjectNode tampered = fields.deepCopy();
        tampered.put("destroyedAt", certificate.destroyedAt().plusSeconds(86_400).toString());
        JsonNode verdict = Json.of(anonymous("POST", "/api/v1/destruction-certificates/verify",
                Json.write(Map.of("certificate", tampered, "signature", signature))));
        assertThat(verdict.path("valid").asBoolean()).isFalse();
        assertThat(verdict.path("reason").asString()).contains("altered");
        ObjectNode extra = fields.deepCopy();
        extra.put("note", "added");
        assertThat(certificates.verify(extra.toString(), signature).valid()).isFalse();
        assertThat(certificates.verify(signed.payload(), Base64.getEncoder().encodeToString(new byte[64])).valid()).isFalse();
        assertThat(anonymous("GET", "/api/v1/destruction-certificates/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);

        // The platform's key rotates: the certificate signed before keeps verifying with the retired key.
        String rotated = signingKeys.rotate("destruction-certificates").keyId();
        assertThat(Json.of(anonymous("GET", "/api/v1/destruction-certificates/public-key", null)).path("keyId").asString()).isEqualTo(rotated)
                .isNotEqualTo(certificate.keyId());
        assertThat(certificates.verify(signed.payload(), signature).valid()).as("signed before the rotation").isTrue();
    }

    @Test
    @DisplayName("R5.5 R1.4 an administrator destroys a due database now and gets its certificate; Cloud support exports for the client under a grant "
            + "through the door out, its export being the final one")
    void staffExportAndDestruction() throws Exception {
        // The contract was taken and terminated 31 days ago.
        clock.reset();
        clock.advance(Duration.ofDays(-31));
        UUID subject = world.adultProspect();
        Actor actor = Actor.staff(support.id());
        world.grant(support, "subscription-contract", Set.of("subscriptions", "identity"), subject); // adding to a known person (R6.1)
        UUID subscriptionId = subscriptions.subscribe(actor, subject, new Subscriptions.NewSubscription("GESTAN-CLOUD-PRO", null, null)).id();
        UUID id = databases.provision(actor, subscriptionId, "hosted-databases").id();
        grants.grantIndividual(support.id(), "customer-service", Set.of("hosted-data"), List.of(ResourceRef.hostedDatabase(id)),
                clock.instant().plus(Duration.ofDays(1)), "client asked for an export", world.dpo().id());
        HostedDatabases.Export export = databases.export(actor, "customer-service", id);
        assertThat(unzip(export.zip())).containsKey("manifest.json");
        assertThat(audit.forSubject(subject, 50)).extracting(e -> e.event().action() + " " + e.event().resourceType() + " "
                + e.event().resourceId() + " " + e.event().actor() + " " + e.event().purpose()).as("R1.4 the export passed the door out, to the client")
                .contains("export outbound person " + actor.typedId() + " customer-service");
        world.grant(support, "subscription-contract", Set.of("subscriptions"), subject);
        subscriptions.terminate(actor, subscriptionId, null);
        LocalDate terminatedOn = world.today();
        clock.reset();
        assertThatThrownBy(() -> databases.export(actor, "customer-service", id)).as("the grant ended")
                .isInstanceOf(AccessDecisions.AccessDeniedException.class);
        HostedDatabase scheduled = awaitStatus(id, HostedDatabase.Status.TERMINATED);
        assertThat(scheduled.destructionDueOn()).isEqualTo(terminatedOn.plusDays(30)).isBefore(world.today());

        assertThat(support.http().json("POST", "/api/v1/hosted-databases/" + id + "/destroy", "{}").statusCode())
                .as("Cloud support does not destroy").isEqualTo(403);
        Staff admin = Staff.signedIn(directory, port, "administrator");
        HttpResponse<String> destroyed = admin.http().json("POST", "/api/v1/hosted-databases/" + id + "/destroy", "{}");
        assertThat(destroyed.statusCode()).as(destroyed.body()).isEqualTo(200);
        JsonNode certificate = Json.of(destroyed).path("certificate");
        assertThat(certificate.path("finalExportSha256").asString()).isEqualTo(export.sha256());
        assertThat(certificate.path("runId").asString()).startsWith("staff-");
        assertThat(certificates.verify(Json.of(destroyed).path("payload").asString(), Json.of(destroyed).path("signature").asString()).valid())
                .isTrue();
        assertThat(schemaExists(scheduled.schemaName())).isFalse();
        assertThat(auditOf(id)).filteredOn(e -> e.event().action().equals("destroy"))
                .extracting(e -> e.event().actor() + " " + e.event().outcome()).containsExactly("staff:" + admin.id() + " " + AuditOutcome.ALLOWED);
    }

    @Test
    @DisplayName("R5.5 R5.6 the retention run destroys a hosted database 30 days after termination, with its certificate and a proof; "
            + "a dry run destroys nothing, a hold on the client keeps it until released")
    void retentionRunDestroys() throws Exception {
        clock.reset();
        clock.advance(Duration.ofDays(-31));
        UUID subject = world.adultProspect();
        Actor actor = Actor.staff(support.id());
        world.grant(support, "subscription-contract", Set.of("subscriptions", "identity"), subject); // adding to a known person (R6.1)
        UUID subscriptionId = subscriptions.subscribe(actor, subject, new Subscriptions.NewSubscription("GESTAN-CLOUD-PRO", null, null)).id();
        UUID id = databases.provision(actor, subscriptionId, "hosted-databases").id();
        world.grant(support, "subscription-contract", Set.of("subscriptions"), subject);
        subscriptions.terminate(actor, subscriptionId, null);
        clock.reset();
        HostedDatabase scheduled = awaitStatus(id, HostedDatabase.Status.TERMINATED);
        LocalDate today = world.today();

        RetentionRuns.Report dry = runs.run(new RetentionRuns.Request(today, true, RetentionRuns.Trigger.API, 50), RetentionRuns.ProgressListener.NONE);
        assertThat(dry.rules()).anySatisfy(r -> {
            assertThat(r.ruleId()).isEqualTo("hosted-production-data");
            assertThat(r.due()).isGreaterThanOrEqualTo(1);
        });
        assertThat(schemaExists(scheduled.schemaName())).as("a dry run drops nothing").isTrue();

        Staff dpo = Staff.signedIn(directory, port, "dpo");
        LegalHolds.Hold hold = holds.place(Actor.staff(dpo.id()), new LegalHolds.NewHold("litigation", subject, null, null, "client-dispute", null));
        RetentionRuns.Report kept = runs.run(new RetentionRuns.Request(today, false, RetentionRuns.Trigger.API, 50), RetentionRuns.ProgressListener.NONE);
        assertThat(kept.held()).anySatisfy(h -> {
            assertThat(h.recordId()).isEqualTo(id);
            assertThat(h.holdId()).isEqualTo(hold.id());
        });
        assertThat(schemaExists(scheduled.schemaName())).as("kept by the hold").isTrue();

        holds.release(Actor.staff(dpo.id()), hold.id());
        RetentionRuns.Report run = runs.run(new RetentionRuns.Request(today, false, RetentionRuns.Trigger.API, 50), RetentionRuns.ProgressListener.NONE);
        assertThat(schemaExists(scheduled.schemaName())).as("destroyed by the run").isFalse();
        HostedDatabase destroyed = databases.find(id);
        assertThat(destroyed.status()).isEqualTo(HostedDatabase.Status.DESTROYED);
        DestructionCertificate certificate = certificates.find(destroyed.certificateId()).orElseThrow().certificate();
        assertThat(certificate.runId()).isEqualTo("retention-" + run.id());
        assertThat(runs.proofs(run.id(), 100)).anySatisfy(p -> {
            assertThat(p.recordType()).isEqualTo("hosted-database");
            assertThat(p.recordHash()).isEqualTo(runs.proofHash(id));
        });
    }

    @Test
    @DisplayName("R5.5 one rule, one day: the run as of the due day (termination + 30 days) destroys the database and its dry run "
            + "says it would, none skipped; as of the day before, neither does")
    void destroyedOnTheDueDay() throws Exception {
        clock.reset();
        clock.advance(Duration.ofDays(-30));
        UUID subject = world.adultProspect();
        Actor actor = Actor.staff(support.id());
        world.grant(support, "subscription-contract", Set.of("subscriptions", "identity"), subject); // adding to a known person (R6.1)
        UUID subscriptionId = subscriptions.subscribe(actor, subject, new Subscriptions.NewSubscription("GESTAN-CLOUD-PRO", null, null)).id();
        UUID id = databases.provision(actor, subscriptionId, "hosted-databases").id();
        world.grant(support, "subscription-contract", Set.of("subscriptions"), subject);
        subscriptions.terminate(actor, subscriptionId, null);
        LocalDate terminatedOn = world.today();
        clock.reset();
        HostedDatabase scheduled = awaitStatus(id, HostedDatabase.Status.TERMINATED);
        LocalDate dueDay = world.today();
        assertThat(scheduled.terminatedOn()).isEqualTo(terminatedOn);
        assertThat(scheduled.destructionDueOn()).as("hosting's due day").isEqualTo(terminatedOn.plusDays(30)).isEqualTo(dueDay);

        // The day before: a real run (it also clears whatever else of this suite was due) and a dry run leave it.
        RetentionRuns.Report dayBefore = runs.run(new RetentionRuns.Request(dueDay.minusDays(1), false, RetentionRuns.Trigger.API, 50),
                RetentionRuns.ProgressListener.NONE);
        assertThat(dayBefore.status()).isEqualTo(RetentionRuns.Status.COMPLETED);
        assertThat(databases.find(id).status()).as("not destroyed the day before").isEqualTo(HostedDatabase.Status.TERMINATED);
        RetentionRuns.Report dryBefore = runs.run(new RetentionRuns.Request(dueDay.minusDays(1), true, RetentionRuns.Trigger.API, 50),
                RetentionRuns.ProgressListener.NONE);
        assertThat(hostedCounts(dryBefore).erased()).as("the dry run the day before would destroy nothing more").isZero();

        RetentionRuns.Report dry = runs.run(new RetentionRuns.Request(dueDay, true, RetentionRuns.Trigger.API, 50), RetentionRuns.ProgressListener.NONE);
        RetentionRuns.RuleCounts wouldGo = hostedCounts(dry);
        assertThat(wouldGo.erased()).as("the dry run on the due day says it would destroy it").isGreaterThanOrEqualTo(1);
        assertThat(wouldGo.skipped()).as("nothing due is skipped").isZero();
        assertThat(wouldGo.erased() + wouldGo.held()).isEqualTo(wouldGo.due());
        assertThat(schemaExists(scheduled.schemaName())).as("a dry run drops nothing").isTrue();

        RetentionRuns.Report run = runs.run(new RetentionRuns.Request(dueDay, false, RetentionRuns.Trigger.API, 50), RetentionRuns.ProgressListener.NONE);
        assertThat(hostedCounts(run).skipped()).isZero();
        assertThat(hostedCounts(run).erased()).isEqualTo(wouldGo.erased());
        assertThat(databases.find(id).status()).as("destroyed on its due day").isEqualTo(HostedDatabase.Status.DESTROYED);
        assertThat(schemaExists(scheduled.schemaName())).isFalse();
        assertThat(certificates.find(databases.find(id).certificateId()).orElseThrow().certificate().destructionDueOn()).isEqualTo(dueDay);
    }

    static RetentionRuns.RuleCounts hostedCounts(RetentionRuns.Report report) {
        return report.rules().stream().filter(r -> r.ruleId().equals(DestructionSchedule.RULE)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("R5.5 a fixed-term contract that runs out schedules its hosted database's destruction 30 days after its end, once")
    void fixedTermRunsOut() throws Exception {
        UUID subject = world.adultProspect();
        Actor actor = Actor.staff(support.id());
        LocalDate endsOn = world.today().plusDays(10);
        world.grant(support, "subscription-contract", Set.of("subscriptions", "identity"), subject); // adding to a known person (R6.1)
        UUID subscriptionId = subscriptions.subscribe(actor, subject, new Subscriptions.NewSubscription("GESTAN-CLOUD-PRO", null, endsOn)).id();
        UUID id = databases.provision(actor, subscriptionId, "hosted-databases").id();

        subscriptions.endExpiredContracts(endsOn);
        assertThat(databases.find(id).status()).as("still running on its last day").isEqualTo(HostedDatabase.Status.ACTIVE);
        subscriptions.endExpiredContracts(endsOn.plusDays(1));
        HostedDatabase scheduled = awaitStatus(id, HostedDatabase.Status.TERMINATED);
        assertThat(scheduled.terminatedOn()).isEqualTo(endsOn);
        assertThat(scheduled.destructionDueOn()).isEqualTo(endsOn.plusDays(30));
        subscriptions.endExpiredContracts(endsOn.plusDays(2));
        assertThat(jdbc.sql("SELECT end_announced FROM subscription WHERE id = ?").param(subscriptionId).query(Boolean.class).single())
                .as("announced once").isTrue();
        assertThat(databases.find(id).destructionDueOn()).isEqualTo(endsOn.plusDays(30));
    }

    // --- Client sign-in (issue 16, L6) --------------------------------------------------------------

    @Test
    @DisplayName("R5.5 L6 a client signs in to their hosted database with access code and password (its status, nothing personal); every "
            + "refusal is one 401 problem+json naming accessCode; a missing field is named; five failures lock the database's client doors "
            + "for 15 minutes, even with the right password, in the shared table; then it opens again")
    void clientSignIn() {
        Client client = client();
        UUID id = provisioned(client);
        String path = "/api/v1/client/hosted-databases/" + id + "/sign-in";

        HttpResponse<String> signedIn = anonymous("POST", path, Json.write(Map.of("accessCode", client.accessCode(), "password", client.password())));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        assertThat(Json.of(signedIn).path("hostedDatabaseId").asString()).isEqualTo(id.toString());
        assertThat(Json.of(signedIn).path("status").asString()).isEqualTo("ACTIVE");
        assertThat(signedIn.body()).doesNotContain(client.password(), client.accessCode());

        HttpResponse<String> missing = anonymous("POST", path, "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(fields(missing)).containsExactlyInAnyOrder("accessCode", "password");

        String wrong = Json.write(Map.of("accessCode", client.accessCode(), "password", "pas le bon mot de passe"));
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> refused = anonymous("POST", path, wrong);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(fields(refused)).containsExactly("accessCode");
            assertThat(refused.body()).doesNotContain("pas le bon mot de passe");
        }
        HttpResponse<String> locked = anonymous("POST", path, Json.write(Map.of("accessCode", client.accessCode(), "password", client.password())));
        assertThat(locked.statusCode()).as("locked, even with the right password").isEqualTo(429);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM client_sign_in_attempt WHERE hosted_database_id = ? AND locked_until IS NOT NULL").param(id)
                .query(Long.class).single()).as("the lock is in the table every node reads").isEqualTo(1);
        assertThat(clientExport(id, client.accessCode(), client.password()).statusCode()).as("the export is locked too").isEqualTo(429);

        clock.advance(Duration.ofMinutes(16));
        HttpResponse<String> again = anonymous("POST", path, Json.write(Map.of("accessCode", client.accessCode(), "password", client.password())));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM client_sign_in_attempt WHERE hosted_database_id = ?").param(id).query(Long.class).single())
                .as("a success forgets the failures").isZero();
    }
}
