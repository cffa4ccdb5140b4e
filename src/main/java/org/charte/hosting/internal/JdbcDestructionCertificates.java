package org.charte.hosting.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.charte.hosting.DestructionCertificate;
import org.charte.hosting.SignedCertificate;
import org.charte.vault.SigningKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Certificates are stored as the exact JSON text that was signed. That text is canonical: the
 * certificate's fields in their declared order, every value a string, no spaces. Verification
 * rebuilds it from the fields given, so a changed, added or missing field breaks the signature.
 */
@Service
class JdbcDestructionCertificates implements DestructionCertificates {

    static final List<String> FIELDS = List.of("format", "id", "hostedDatabaseId", "subscriptionId", "storeId", "location",
            "terminatedOn", "destructionDueOn", "destroyedAt", "retentionRule", "retentionDuration", "finalExportSha256", "runId",
            "policyVersion", "keyId");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The name of the platform's key that signs destruction certificates. */
    static final String KEY = "destruction-certificates";

    private final JdbcClient jdbc;
    private final SigningKeys keys;
    private final Clock clock;

    JdbcDestructionCertificates(JdbcClient jdbc, SigningKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
    }

    /** Signs and stores a certificate (in the caller's transaction); its {@code keyId} is set here. */
    SignedCertificate issue(DestructionCertificate unsigned) {
        SigningKeys.PublicSigningKey signing = keys.current(KEY);
        DestructionCertificate certificate = new DestructionCertificate(unsigned.format(), unsigned.id(), unsigned.hostedDatabaseId(),
                unsigned.subscriptionId(), unsigned.storeId(), unsigned.location(), unsigned.terminatedOn(), unsigned.destructionDueOn(),
                unsigned.destroyedAt(), unsigned.retentionRule(), unsigned.retentionDuration(), unsigned.finalExportSha256(),
                unsigned.runId(), unsigned.policyVersion(), signing.keyId());
        String payload = canonical(certificate);
        SigningKeys.Signed signed = keys.sign(KEY, payload.getBytes(StandardCharsets.UTF_8));
        if (!signed.keyId().equals(signing.keyId())) {
            throw new IllegalStateException("the destruction certificates' key was rotated while a certificate was signed: sign it again");
        }
        String signature = signed.signature();
        jdbc.sql("""
                INSERT INTO destruction_certificate (id, hosted_database_id, payload, signature, key_id, issued_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(certificate.id(), certificate.hostedDatabaseId(), payload, signature, signing.keyId(),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return new SignedCertificate(certificate, payload, signature, SigningKeys.ALGORITHM);
    }

    @Override
    public Optional<SignedCertificate> find(UUID id) {
        return jdbc.sql("SELECT payload, signature FROM destruction_certificate WHERE id = ?").param(id)
                .query((rs, n) -> new SignedCertificate(parse(JSON.readTree(rs.getString(1))), rs.getString(1), rs.getString(2),
                        SigningKeys.ALGORITHM))
                .optional();
    }

    @Override
    public PublicKey publicKey() {
        SigningKeys.PublicSigningKey signing = keys.current(KEY);
        return new PublicKey(SigningKeys.ALGORITHM, signing.keyId(), signing.base64(), signing.pem());
    }

    @Override
    public Verification verify(String certificateJson, String signature) {
        DestructionCertificate certificate;
        try {
            certificate = parse(JSON.readTree(certificateJson));
        } catch (RuntimeException e) {
            return new Verification(false, "not a destruction certificate: " + reason(e));
        }
        if (signature == null || signature.isBlank()) {
            return new Verification(false, "no signature");
        }
        // a certificate signed before a rotation names the older key, whose public half is kept
        Optional<SigningKeys.PublicSigningKey> signing = keys.byId(certificate.keyId()).filter(k -> k.name().equals(KEY));
        if (signing.isEmpty()) {
            return new Verification(false, "signed with another key than the platform's (" + keys.current(KEY).keyId() + ")");
        }
        boolean valid = signing.get().verifies(canonical(certificate).getBytes(StandardCharsets.UTF_8), signature);
        return valid ? new Verification(true, "the signature of the platform's key is valid for this certificate")
                : new Verification(false, "the signature does not match: the certificate was altered, or the signature is not its own");
    }

    static String canonical(DestructionCertificate c) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("format", c.format());
        fields.put("id", c.id().toString());
        fields.put("hostedDatabaseId", c.hostedDatabaseId().toString());
        fields.put("subscriptionId", c.subscriptionId().toString());
        fields.put("storeId", c.storeId());
        fields.put("location", c.location());
        fields.put("terminatedOn", c.terminatedOn().toString());
        fields.put("destructionDueOn", c.destructionDueOn().toString());
        fields.put("destroyedAt", c.destroyedAt().toString());
        fields.put("retentionRule", c.retentionRule());
        fields.put("retentionDuration", c.retentionDuration());
        fields.put("finalExportSha256", c.finalExportSha256());
        fields.put("runId", c.runId());
        fields.put("policyVersion", c.policyVersion());
        fields.put("keyId", c.keyId());
        return JSON.writeValueAsString(fields);
    }

    /**
     * A certificate from its JSON fields: exactly the certificate's fields, each a string. A JSON
     * string holding the payload text is read as that text.
     */
    static DestructionCertificate parse(JsonNode node) {
        if (node != null && node.isString()) {
            node = JSON.readTree(node.asString());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a JSON object is expected");
        }
        Set<String> names = new TreeSet<>(node.propertyNames());
        if (!names.equals(new TreeSet<>(FIELDS))) {
            throw new IllegalArgumentException("the fields must be exactly " + String.join(", ", FIELDS));
        }
        Map<String, String> v = new LinkedHashMap<>();
        for (String field : FIELDS) {
            JsonNode value = node.get(field);
            if (!value.isString()) {
                throw new IllegalArgumentException(field + " must be a string");
            }
            v.put(field, value.asString());
        }
        return new DestructionCertificate(v.get("format"), UUID.fromString(v.get("id")), UUID.fromString(v.get("hostedDatabaseId")),
                UUID.fromString(v.get("subscriptionId")), v.get("storeId"), v.get("location"), LocalDate.parse(v.get("terminatedOn")),
                LocalDate.parse(v.get("destructionDueOn")), Instant.parse(v.get("destroyedAt")), v.get("retentionRule"),
                v.get("retentionDuration"), v.get("finalExportSha256"), v.get("runId"), v.get("policyVersion"), v.get("keyId"));
    }

    private static String reason(RuntimeException e) {
        return e instanceof IllegalArgumentException && e.getMessage() != null && !(e instanceof DateTimeParseException)
                ? e.getMessage() : "a field has the wrong format";
    }
}
