package org.charte.hosting.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.charte.vault.Vault;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's Ed25519 key that signs destruction certificates: made once, on first use, and kept
 * in the database, the private half sealed by the vault under the master key. Its id is the first
 * 16 bytes (hex) of the SHA-256 of the public key.
 */
@Component
class SigningKey {

    static final String NAME = "destruction-certificates";
    static final String ALGORITHM = "Ed25519";
    private static final String CONTEXT = "platform-signing-key:" + NAME;

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    SigningKey(JdbcClient jdbc, Vault vault, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    record Stored(String keyId, byte[] publicKey, byte[] sealedPrivateKey) {}

    /** The key, made and stored the first time (in its own transaction, so a failed destruction keeps it). */
    Stored stored() {
        Optional<Stored> existing = load();
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            ownTransaction.executeWithoutResult(status -> create());
        } catch (DuplicateKeyException raced) {
            // another node made it first: use theirs
        }
        return load().orElseThrow();
    }

    private void create() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            byte[] publicKey = pair.getPublic().getEncoded();
            byte[] privateKey = pair.getPrivate().getEncoded();
            byte[] sealed = vault.sealSecret(CONTEXT, privateKey);
            Arrays.fill(privateKey, (byte) 0);
            jdbc.sql("""
                    INSERT INTO platform_signing_key (name, algorithm, key_id, public_key, private_key, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(NAME, ALGORITHM, keyId(publicKey), publicKey, sealed, clock.instant().atOffset(ZoneOffset.UTC)).update();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }

    private Optional<Stored> load() {
        return jdbc.sql("SELECT key_id, public_key, private_key FROM platform_signing_key WHERE name = ?").param(NAME)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getBytes(2), rs.getBytes(3))).optional();
    }

    String sign(Stored key, byte[] payload) {
        byte[] pkcs8 = vault.openSecret(CONTEXT, key.sealedPrivateKey());
        try {
            PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(payload);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the platform key", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    static boolean verify(byte[] x509PublicKey, byte[] payload, String signatureBase64) {
        try {
            byte[] signature = Base64.getDecoder().decode(signatureBase64.strip());
            PublicKey publicKey = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509PublicKey));
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    static String keyId(byte[] publicKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
