package org.charte.vault.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.charte.vault.SigningKeys;
import org.charte.vault.Vault;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The signing keys' rows; a key is made and rotated in a transaction of its own, so a failed caller keeps it. */
@Component
class JdbcSigningKeys implements SigningKeys {

    private static final String COLUMNS = "name, key_id, algorithm, public_key, created_at, retired_at";

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    JdbcSigningKeys(JdbcClient jdbc, Vault vault, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    private static String context(String name) {
        return "platform-signing-key:" + name; // the context the destruction certificates' key was sealed under from the start
    }

    @Override
    public Signed sign(String name, byte[] payload) {
        current(name);
        record Sealed(String keyId, byte[] privateKey) {}
        Sealed sealed = jdbc.sql("SELECT key_id, private_key FROM signing_key WHERE current_name = ?").param(name)
                .query((rs, n) -> new Sealed(rs.getString(1), rs.getBytes(2))).single();
        byte[] pkcs8 = vault.openSecret(context(name), sealed.privateKey());
        try {
            PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(payload);
            return new Signed(sealed.keyId(), ALGORITHM, Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the platform key " + name, e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    @Override
    public PublicSigningKey current(String name) {
        Optional<PublicSigningKey> existing = find(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            ownTransaction.executeWithoutResult(status -> create(name));
        } catch (DuplicateKeyException raced) {
            // another node made it first: use theirs
        }
        return find(name).orElseThrow();
    }

    @Override
    public List<PublicSigningKey> all(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM signing_key WHERE name = ? ORDER BY retired_at IS NOT NULL, created_at DESC, key_id")
                .param(name).query(JdbcSigningKeys::row).list();
    }

    @Override
    public Optional<PublicSigningKey> byId(String keyId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM signing_key WHERE key_id = ?").param(keyId).query(JdbcSigningKeys::row).optional();
    }

    @Override
    public PublicSigningKey rotate(String name) {
        current(name);
        ownTransaction.executeWithoutResult(status -> {
            OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
            int retired = jdbc.sql("UPDATE signing_key SET current_name = NULL, private_key = NULL, retired_at = ? WHERE current_name = ?")
                    .params(now, name).update();
            if (retired != 1) {
                throw new IllegalStateException("the signing key " + name + " was rotated by someone else at the same time");
            }
            create(name);
        });
        return find(name).orElseThrow();
    }

    private Optional<PublicSigningKey> find(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM signing_key WHERE current_name = ?").param(name).query(JdbcSigningKeys::row).optional();
    }

    private void create(String name) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            byte[] publicKey = pair.getPublic().getEncoded();
            byte[] privateKey = pair.getPrivate().getEncoded();
            byte[] sealed = vault.sealSecret(context(name), privateKey);
            Arrays.fill(privateKey, (byte) 0);
            jdbc.sql("""
                    INSERT INTO signing_key (key_id, name, current_name, algorithm, public_key, private_key, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(keyId(publicKey), name, name, ALGORITHM, publicKey, sealed, clock.instant().atOffset(ZoneOffset.UTC)).update();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }

    private static PublicSigningKey row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime retired = rs.getObject(6, OffsetDateTime.class);
        return new PublicSigningKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                rs.getObject(5, OffsetDateTime.class).toInstant(), retired == null ? null : retired.toInstant());
    }

    static String keyId(byte[] publicKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
