package org.charte.vault.internal;

import java.util.List;
import java.util.UUID;
import org.charte.vault.KeyRotation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rewraps keys from the previous master key to the current one, in small transactions: each key
 * is either still wrapped by the previous key or already by the new one, never lost, so a crash
 * at any point leaves a state the vault reads and the next run finishes.
 */
@Service
class JdbcKeyRotation implements KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(JdbcKeyRotation.class);
    static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final MasterKeys masters;
    private final JdbcVault vault;
    private final TransactionTemplate transaction;

    JdbcKeyRotation(JdbcClient jdbc, MasterKeys masters, JdbcVault vault, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.masters = masters;
        this.vault = vault;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public Result rotate() {
        return rotate(Long.MAX_VALUE);
    }

    /**
     * Rotates, rewrapping at most {@code limit} data keys: a run cut short by the limit stops where
     * a crash could, without deleting the previous key (tests use it to interrupt a rotation).
     */
    synchronized Result rotate(long limit) {
        // The vault's own keys must exist before the master key changes: on an installation that
        // predates them they are derived from the master key in force.
        vault.loadVaultKeys();
        MasterKeys.Ring ring = masters.ring();
        boolean resumed = ring.previous() != null;
        if (masters.source() == MasterKeys.Source.ENVIRONMENT && ring.previous() == null) {
            MasterKey next = MasterKey.random();
            return new Result(Outcome.NEW_KEY_FOR_ENVIRONMENT, ring.current().id(), next.id(), next.base64(), null, 0, 0, false);
        }
        if (masters.source() == MasterKeys.Source.FILE) {
            ring = masters.startFileRotation();
        }
        MasterKey from = ring.previous();
        MasterKey to = ring.current();
        long vaultKeys = rewrapVaultKeys(from, to);
        long dataKeys = 0;
        while (dataKeys < limit) {
            int size = (int) Math.min(BATCH, limit - dataKeys);
            List<Row> batch = jdbc.sql("SELECT subject_id, wrapped_key FROM subject_key WHERE master_key_id = ? LIMIT " + size)
                    .param(from.id()).query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getBytes(2))).list();
            if (batch.isEmpty()) {
                break;
            }
            transaction.executeWithoutResult(status -> {
                for (Row row : batch) {
                    byte[] key = AesGcm.open(from.key(), JdbcVault.dataKeyContext(row.subjectId()), row.wrapped());
                    jdbc.sql("UPDATE subject_key SET wrapped_key = ?, master_key_id = ? WHERE subject_id = ? AND master_key_id = ?")
                            .params(AesGcm.seal(to.key(), JdbcVault.dataKeyContext(row.subjectId()), key), to.id(), row.subjectId(), from.id())
                            .update();
                }
            });
            dataKeys += batch.size();
        }
        long left = count("subject_key", "master_key_id <> ?", to.id()) + count("vault_key", "master_key_id <> ?", to.id());
        if (left > 0) {
            if (dataKeys >= limit) {
                return new Result(Outcome.INCOMPLETE, from.id(), to.id(), null, keyFile(), dataKeys, vaultKeys, resumed);
            }
            throw new IllegalStateException(left + " key(s) are wrapped by a master key that is neither " + from.id() + " nor "
                    + to.id() + "; the previous master key is kept");
        }
        if (masters.source() == MasterKeys.Source.FILE) {
            masters.finishFileRotation();
        }
        log.info("Master key rotated from {} to {}: {} data keys and {} vault keys rewrapped", from.id(), to.id(), dataKeys, vaultKeys);
        return new Result(Outcome.ROTATED, from.id(), to.id(), null, keyFile(), dataKeys, vaultKeys, resumed);
    }

    private @Nullable String keyFile() {
        return masters.source() == MasterKeys.Source.FILE ? masters.file().toString() : null;
    }

    private record Row(UUID subjectId, byte[] wrapped) {}

    private long rewrapVaultKeys(MasterKey from, MasterKey to) {
        List<String> names = jdbc.sql("SELECT name FROM vault_key WHERE master_key_id = ?").param(from.id()).query(String.class).list();
        transaction.executeWithoutResult(status -> {
            for (String name : names) {
                byte[] wrapped = jdbc.sql("SELECT wrapped_key FROM vault_key WHERE name = ?").param(name).query(byte[].class).single();
                byte[] key = AesGcm.open(from.key(), JdbcVault.vaultKeyContext(name), wrapped);
                jdbc.sql("UPDATE vault_key SET wrapped_key = ?, master_key_id = ? WHERE name = ? AND master_key_id = ?")
                        .params(AesGcm.seal(to.key(), JdbcVault.vaultKeyContext(name), key), to.id(), name, from.id()).update();
            }
        });
        return names.size();
    }

    private long count(String table, String where, String value) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + where).param(value).query(Long.class).single();
    }
}
