package org.charte.hosting.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.charte.common.FreeText;
import org.charte.common.InvalidInputException;
import org.charte.common.SingleLine;
import org.charte.hosting.SignedCertificate;
import org.charte.hosting.UnknownHostedDatabaseException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Destruction certificates, public: they hold ids, dates, a rule and a hash, nothing personal, and
 * their ids are UUIDv7 with 74 random bits, not guessable. Anyone may read one by id, fetch the
 * platform's public key, and have a certificate checked.
 */
@RestController
@RequestMapping("/api/v1/destruction-certificates")
@Tag(name = "Destruction certificates", description = "Signed (Ed25519) certificates of hosted databases destroyed 30 days after termination (R5.5)")
class CertificateApi {

    private final DestructionCertificates certificates;

    CertificateApi(DestructionCertificates certificates) {
        this.certificates = certificates;
    }

    record VerifyRequest(@Nullable JsonNode certificate,
            @Nullable @Size(max = 8000) @FreeText String payload,
            @Nullable @Size(max = 200) @SingleLine String signature) {}

    @GetMapping("/{id}")
    @Operation(summary = "A certificate: its fields, the exact signed JSON text (payload) and the Ed25519 signature (base64)")
    SignedCertificate find(@PathVariable("id") UUID id) {
        return certificates.find(id).orElseThrow(() -> new UnknownHostedDatabaseException("id", "no such destruction certificate"));
    }

    @GetMapping("/public-key")
    @Operation(summary = "The platform's Ed25519 public key (X.509 base64 and PEM) that signs certificates")
    DestructionCertificates.PublicKey publicKey() {
        return certificates.publicKey();
    }

    @PostMapping("/verify")
    @Operation(summary = "Check a certificate: {certificate: {...fields}, signature} or {payload: \"signed text\", signature}; answers valid or not, and why")
    DestructionCertificates.Verification verify(@Valid @RequestBody(required = false) @Nullable VerifyRequest body) {
        if (body == null || (body.certificate() == null && body.payload() == null)) {
            throw new InvalidInputException("certificate", "give the certificate (its JSON fields) or its signed payload");
        }
        if (body.signature() == null || body.signature().isBlank()) {
            throw new InvalidInputException("signature", "give the certificate's signature (base64)");
        }
        String json = body.certificate() != null ? body.certificate().toString() : body.payload();
        return certificates.verify(json, body.signature());
    }
}
