package org.charte.hosting.internal;

import java.util.Optional;
import java.util.UUID;
import org.charte.hosting.SignedCertificate;

/** Destruction certificates, readable and verifiable by anyone (they hold no personal data). */
public interface DestructionCertificates {

    Optional<SignedCertificate> find(UUID id);

    /** The platform's public key that signs certificates. */
    PublicKey publicKey();

    /**
     * Whether a certificate (as JSON fields, or as the signed payload text) carries a valid
     * signature of the platform's key. A changed field, an extra or missing field, or another
     * signature: invalid.
     */
    Verification verify(String certificateJson, String signature);

    /** @param x509Base64 the key as X.509 SubjectPublicKeyInfo, base64; {@code pem} the same as PEM */
    record PublicKey(String algorithm, String keyId, String x509Base64, String pem) {}

    record Verification(boolean valid, String reason) {}
}
