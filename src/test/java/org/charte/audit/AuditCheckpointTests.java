package org.charte.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.StaffDirectory;
import org.charte.testing.Http;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.charte.vault.SigningKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Signed checkpoints of the audit chain over real HTTP and mail (R6.5). */
@Tag("db")
class AuditCheckpointTests extends RightsTestBase {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired AuditLog log;
    @Autowired AuditCheckpoints checkpoints;
    @Autowired StaffDirectory staff;
    @Autowired SigningKeys keys;

    static AuditEvent read() {
        UUID subject = UUID.randomUUID();
        return AuditEvent.allowed("staff:" + UUID.randomUUID(), "read", "customer-service", "subject", subject.toString(), subject,
                List.of("identity"));
    }

    @Test
    @DisplayName("R6.5 the DPO signs the chain's head on demand; anyone reads the checkpoints and keys, with no personal data, and checks the Ed25519 signature")
    void signedAndPublished() {
        log.append(read());
        AuditEntry last = log.append(read());
        Http dpo = Staff.signedIn(staff, port, "dpo").http();
        HttpResponse<String> signed = dpo.json("POST", "/api/v1/audit/checkpoints", "");
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        JsonNode made = JSON.readTree(signed.body());
        assertThat(made.path("entryCount").asLong()).isGreaterThanOrEqualTo(last.seq());

        assertThat(new Http(port).json("POST", "/api/v1/audit/checkpoints", "").statusCode()).as("signing is the DPO's").isIn(401, 403);

        HttpResponse<String> published = new Http(port).get("/api/v1/audit/checkpoints?limit=5");
        assertThat(published.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(published.body());
        assertThat(document.path("format").asString()).isEqualTo(AuditCheckpoint.FORMAT);
        JsonNode newest = document.path("checkpoints").get(0);
        assertThat(newest.path("signature").asString()).isEqualTo(made.path("signature").asString());
        assertThat(newest.propertyNames()).containsExactlyInAnyOrder("entryCount", "headHash", "signedAt", "keyId", "algorithm", "signature");
        assertThat(published.body()).doesNotContain(last.event().subjectId().toString()).doesNotContain("staff:");

        JsonNode key = document.path("keys").get(0);
        assertThat(key.path("keyId").asString()).isEqualTo(newest.path("keyId").asString());
        byte[] payload = AuditCheckpoint.payload(newest.path("entryCount").asLong(), newest.path("headHash").asString(),
                Instant.parse(newest.path("signedAt").asString()));
        assertThat(new String(payload, StandardCharsets.UTF_8)).startsWith(AuditCheckpoint.FORMAT + "\n");
        byte[] x509 = Base64.getDecoder().decode(key.path("publicKey").asString());
        assertThat(SigningKeys.verify(x509, payload, newest.path("signature").asString())).isTrue();
        assertThat(SigningKeys.verify(x509, AuditCheckpoint.payload(newest.path("entryCount").asLong() + 1, newest.path("headHash").asString(),
                Instant.parse(newest.path("signedAt").asString())), newest.path("signature").asString())).as("another count").isFalse();

        assertThat(new Http(port).get("/api/v1/audit/checkpoints?limit=0").statusCode()).isEqualTo(400);
        assertThat(new Http(port).get("/api/v1/audit/checkpoints?limit=99999999999").body()).contains("limit").doesNotContain("99999999999");
    }

    @Test
    @DisplayName("R6.5 the schedule signs only when the chain moved; checkpoints signed before a key rotation keep verifying with the retired key")
    void onlyWhenMovedAndRotation() {
        log.append(read());
        AuditCheckpoint first = checkpoints.signIfMoved().orElseGet(checkpoints::sign);
        // The context is shared: other classes' background work (mail retries, asynchronous listeners) may append between two
        // calls. A checkpoint signed then must cover more entries than the last one; once nothing was appended, none is signed.
        Optional<AuditCheckpoint> again = checkpoints.signIfMoved();
        for (int attempt = 0; again.isPresent() && attempt < 20; attempt++) {
            assertThat(again.get().entryCount()).as("signed only because the chain moved").isGreaterThan(first.entryCount());
            first = again.get();
            again = checkpoints.signIfMoved();
        }
        assertThat(again).as("nothing appended since").isEmpty();
        AuditCheckpoint before = first;
        log.append(read());
        assertThat(checkpoints.signIfMoved()).hasValueSatisfying(c -> assertThat(c.entryCount()).isGreaterThan(before.entryCount()));

        SigningKeys.PublicSigningKey old = keys.current(AuditCheckpoints.KEY);
        SigningKeys.PublicSigningKey fresh = keys.rotate(AuditCheckpoints.KEY);
        assertThat(fresh.keyId()).isNotEqualTo(old.keyId());
        assertThat(keys.all(AuditCheckpoints.KEY).getFirst().keyId()).isEqualTo(fresh.keyId());
        assertThat(keys.byId(old.keyId())).hasValueSatisfying(k -> assertThat(k.current()).isFalse());
        AuditCheckpoint after = checkpoints.sign();
        assertThat(after.keyId()).isEqualTo(fresh.keyId());

        List<AuditCheckpoints.Check> checks = checkpoints.check(List.of(before, after), List.of());
        assertThat(checks).allSatisfy(c -> assertThat(c.confirmed()).as(c.head().message()).isTrue());
        AuditCheckpoint forged = new AuditCheckpoint(before.id(), before.entryCount(), before.headHash(), before.signedAt().plusSeconds(1),
                before.keyId(), before.algorithm(), before.signature());
        assertThat(checkpoints.check(List.of(forged), List.of()).getFirst().signatureValid()).isFalse();
    }
}
