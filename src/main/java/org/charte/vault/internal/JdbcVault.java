package org.charte.vault.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.charte.vault.ShreddedException;
import org.charte.vault.Vault;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Data keys in the {@code subject_key} table, each wrapped by the master key with its subject's id bound in. */
@Service
class JdbcVault implements Vault {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MasterKey master;
    private final SecretKey indexKey;
    private final SecureRandom random = new SecureRandom();

    JdbcVault(JdbcClient jdbc, Clock clock,
            @Value("${charte.vault.master-key:}") String masterKey,
            @Value("${charte.data-dir}") String dataDir,
            @Value("${charte.vault.generate-master-key:true}") boolean generate) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.master = MasterKey.load(masterKey, Path.of(dataDir, "master.key"), generate);
        this.indexKey = new SecretKeySpec(hmac(master.key(), "charte blind index v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    }

    @Override
    public void createKey(UUID subjectId) {
        byte[] dataKey = new byte[32];
        random.nextBytes(dataKey);
        jdbc.sql("INSERT INTO subject_key (subject_id, wrapped_key, master_key_id, created_at) VALUES (?, ?, ?, ?)")
                .params(subjectId, AesGcm.seal(master.key(), "data-key:" + subjectId, dataKey), master.id(),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    private SecretKey dataKey(UUID subjectId) {
        byte[] wrapped = jdbc.sql("SELECT wrapped_key FROM subject_key WHERE subject_id = ?").param(subjectId)
                .query(byte[].class).optional().orElseThrow(() -> new ShreddedException(subjectId));
        return new SecretKeySpec(AesGcm.open(master.key(), "data-key:" + subjectId, wrapped), "AES");
    }

    @Override
    public byte[] seal(UUID subjectId, String field, byte[] plaintext) {
        return AesGcm.seal(dataKey(subjectId), subjectId + "/" + field, plaintext);
    }

    @Override
    public byte[] open(UUID subjectId, String field, byte[] sealed) {
        return AesGcm.open(dataKey(subjectId), subjectId + "/" + field, sealed);
    }

    @Override
    public byte[] sealSecret(String context, byte[] secret) {
        return AesGcm.seal(master.key(), "secret:" + context, secret);
    }

    @Override
    public byte[] openSecret(String context, byte[] sealed) {
        return AesGcm.open(master.key(), "secret:" + context, sealed);
    }

    @Override
    public void shred(UUID subjectId) {
        jdbc.sql("DELETE FROM subject_key WHERE subject_id = ?").param(subjectId).update();
    }

    @Override
    public boolean hasKey(UUID subjectId) {
        return jdbc.sql("SELECT COUNT(*) FROM subject_key WHERE subject_id = ?").param(subjectId).query(Long.class).single() > 0;
    }

    @Override
    public String blindIndex(String kind, String normalisedValue) {
        return HexFormat.of().formatHex(hmac(indexKey, (kind + ":" + normalisedValue).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(SecretKey key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
