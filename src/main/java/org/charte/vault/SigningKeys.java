package org.charte.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The platform's Ed25519 signing keys, by name ({@code destruction-certificates},
 * {@code audit-checkpoints}, ...): one current key per name signs; {@link #rotate} makes a new one
 * and retires the old, whose private half is destroyed and whose public half stays, so that what it
 * signed keeps verifying. A key's id is the first 16 bytes (hex) of the SHA-256 of its public key.
 * Private halves are sealed by the vault under the master key; they never leave this module.
 */
public interface SigningKeys {

    String ALGORITHM = "Ed25519";

    /** A signature and the key that made it. */
    record Signed(String keyId, String algorithm, String signature) {}

    /** A key's public half (X.509 SubjectPublicKeyInfo), current or retired. */
    record PublicSigningKey(String name, String keyId, String algorithm, byte[] x509, Instant createdAt, @Nullable Instant retiredAt) {

        public String base64() {
            return Base64.getEncoder().encodeToString(x509);
        }

        public String pem() {
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(x509)
                    + "\n-----END PUBLIC KEY-----\n";
        }

        public boolean current() {
            return retiredAt == null;
        }

        /** Whether {@code signatureBase64} is this key's signature of {@code payload}. */
        public boolean verifies(byte[] payload, String signatureBase64) {
            return SigningKeys.verify(x509, payload, signatureBase64);
        }
    }

    /** Signs with the name's current key, made the first time it is needed (in its own transaction). */
    Signed sign(String name, byte[] payload);

    /** The name's current key, made the first time it is needed. */
    PublicSigningKey current(String name);

    /** Every key of the name, current first, then the retired ones, newest first. */
    List<PublicSigningKey> all(String name);

    /** A key of any name by its id, current or retired. */
    Optional<PublicSigningKey> byId(String keyId);

    /** Makes a new current key for the name and retires the one before it (its private half destroyed); returns the new one. */
    PublicSigningKey rotate(String name);

    /** Whether {@code signatureBase64} is the signature of {@code payload} by the Ed25519 public key {@code x509}; false for anything malformed. */
    static boolean verify(byte[] x509, byte[] payload, String signatureBase64) {
        try {
            byte[] signature = Base64.getDecoder().decode(signatureBase64.strip());
            PublicKey publicKey = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
