package org.charte.vault.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.charte.vault.ShreddedException;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Data keys in the {@code subject_key} table, each wrapped with its subject's id bound in by the
 * key-encryption key of an epoch (R8.4), whose number is beside it; the epoch keys are in the
 * {@link Keystore}, outside the database. A key from before epochs is wrapped by a master key (its
 * id beside it, no epoch) until the first rotation of epochs rewraps it. The vault's own keys
 * (blind indexes, secrets) are in {@code vault_key}, wrapped by the master key, so a rotation of
 * the master key changes neither.
 */
@Service
class JdbcVault implements Vault {

    static final String INDEX_KEY = "blind-index";
    static final String SECRETS_KEY = "secrets";
    static final String SUPPRESSION_KEY = "suppression-list";
    static final String LINK_KEY = "signed-links";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MasterKeys masters;
    private final Keystore keystore;
    private final SecureRandom random = new SecureRandom();
    private volatile @Nullable SecretKey indexKey;
    private volatile @Nullable SecretKey secretsKey;
    private volatile @Nullable SecretKey suppressionKey;
    private volatile @Nullable SecretKey linkKey;
    private final TransactionTemplate ownTransaction;
    private final JdbcTemplate batch;

    JdbcVault(JdbcClient jdbc, JdbcTemplate batch, Clock clock, MasterKeys masters, Keystore keystore, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.keystore = keystore;
        this.batch = batch;
        this.clock = clock;
        this.masters = masters;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    static String dataKeyContext(UUID subjectId) {
        return "data-key:" + subjectId;
    }

    static String vaultKeyContext(String name) {
        return "vault-key:" + name;
    }

    @Override
    public void createKey(UUID subjectId) {
        byte[] dataKey = new byte[32];
        random.nextBytes(dataKey);
        Keystore.Epoch epoch = wrappingEpoch();
        jdbc.sql("INSERT INTO subject_key (subject_id, wrapped_key, epoch, created_at) VALUES (?, ?, ?, ?)")
                .params(subjectId, AesGcm.seal(epoch.key(), dataKeyContext(subjectId), dataKey), epoch.number(),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * The epoch whose key wraps new data keys: the current one, or on a new installation (or one
     * from before epochs) the first, numbered after any epoch this database names, so that a
     * keystore that lost its epochs never reuses a number.
     */
    Keystore.Epoch wrappingEpoch() {
        Keystore.Epoch current = keystore.current();
        if (current != null) {
            return current;
        }
        synchronized (this) {
            current = keystore.current();
            return current != null ? current : keystore.create(nextEpochNumber(), clock.instant());
        }
    }

    /** The number of a new epoch: after every epoch the keystore and this database know. */
    long nextEpochNumber() {
        Long inDatabase = jdbc.sql("SELECT MAX(epoch) FROM subject_key").query(Long.class).optional().orElse(null);
        long inKeystore = keystore.epochs().stream().mapToLong(Keystore.Epoch::number).max().orElse(0);
        return Math.max(inKeystore, inDatabase == null ? 0 : inDatabase) + 1;
    }

    /** A data key in memory, with its subject's id: what every seal and open of theirs uses. */
    record DataKey(UUID subjectId, SecretKey key) implements SubjectKey {
        @Override
        public byte[] seal(String field, byte[] plaintext) {
            return AesGcm.seal(key, subjectId + "/" + field, plaintext);
        }

        @Override
        public byte[] open(String field, byte[] sealed) {
            return AesGcm.open(key, subjectId + "/" + field, sealed);
        }

        @Override
        public String toString() {
            return "DataKey[" + subjectId + "]"; // never the key
        }
    }

    @Override
    public SubjectKey newKey(UUID subjectId) {
        return new DataKey(subjectId, new SecretKeySpec(randomKey(), "AES"));
    }

    @Override
    public void storeKeys(Collection<SubjectKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Keystore.Epoch epoch = wrappingEpoch();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>(keys.size());
        for (SubjectKey key : keys) {
            if (!(key instanceof DataKey data)) {
                throw new IllegalArgumentException("not a key of this vault");
            }
            rows.add(new Object[] {data.subjectId(), AesGcm.seal(epoch.key(), dataKeyContext(data.subjectId()), data.key().getEncoded()),
                    epoch.number(), now});
        }
        batch.batchUpdate("INSERT INTO subject_key (subject_id, wrapped_key, epoch, created_at) VALUES (?, ?, ?, ?)", rows);
    }

    @Override
    public SubjectKey key(UUID subjectId) {
        return new DataKey(subjectId, dataKey(subjectId));
    }

    @Override
    public SubjectKey keyOnDemand(UUID subjectId) {
        return new OnDemandKey(subjectId, null);
    }

    @Override
    public SubjectKey keyOnDemand(UUID subjectId, ResultSet rs, int firstColumn) throws SQLException {
        byte[] wrapped = rs.getBytes(firstColumn);
        // no key row (LEFT JOIN): shredded, or never made; thrown on first use, as a read of the key would
        return new OnDemandKey(subjectId, wrapped == null ? ABSENT
                : new StoredKey(subjectId, wrapped, rs.getString(firstColumn + 1), rs.getObject(firstColumn + 2, Long.class)));
    }

    /** What a read joined to subject_key found when the person has no key. */
    private static final StoredKey ABSENT = new StoredKey(new UUID(0, 0), new byte[0], null, null);

    /**
     * A data key unwrapped on first use (not thread-safe: one read path's): read then from the
     * database, or, when its caller read it with its own row, from what that statement brought.
     */
    private final class OnDemandKey implements SubjectKey {
        private final UUID subjectId;
        private final @Nullable StoredKey stored;
        private @Nullable DataKey key;

        OnDemandKey(UUID subjectId, @Nullable StoredKey stored) {
            this.subjectId = subjectId;
            this.stored = stored;
        }

        private DataKey key() {
            DataKey k = key;
            if (k == null) {
                if (stored == ABSENT) {
                    throw new ShreddedException(subjectId);
                }
                k = new DataKey(subjectId, stored == null ? dataKey(subjectId) : new SecretKeySpec(unwrap(stored), "AES"));
                key = k;
            }
            return k;
        }

        @Override
        public UUID subjectId() {
            return subjectId;
        }

        @Override
        public byte[] seal(String field, byte[] plaintext) {
            return key().seal(field, plaintext);
        }

        @Override
        public byte[] open(String field, byte[] sealed) {
            return key().open(field, sealed);
        }

        @Override
        public String toString() {
            return "DataKey[" + subjectId + "]"; // never the key
        }
    }

    private SecretKey dataKey(UUID subjectId) {
        StoredKey stored = jdbc.sql("SELECT wrapped_key, master_key_id, epoch FROM subject_key WHERE subject_id = ?").param(subjectId)
                .query((rs, n) -> new StoredKey(subjectId, rs.getBytes(1), rs.getString(2), rs.getObject(3, Long.class))).optional()
                .orElseThrow(() -> new ShreddedException(subjectId));
        return new SecretKeySpec(unwrap(stored), "AES");
    }

    /** A data key as stored: wrapped by an epoch's key, or (before epochs) by a master key. */
    record StoredKey(UUID subjectId, byte[] wrapped, @Nullable String masterKeyId, @Nullable Long epoch) {}

    /**
     * The raw data key.
     *
     * @throws EpochDestroyedException when its epoch has been destroyed, or this
     *                                                  keystore's key of that epoch is not the one
     */
    byte[] unwrap(StoredKey stored) {
        if (stored.epoch() == null) {
            if (stored.masterKeyId() == null) {
                throw new IllegalStateException("the data key of subject " + stored.subjectId() + " names neither an epoch nor a master key");
            }
            return AesGcm.open(masters.byId(stored.masterKeyId()).key(), dataKeyContext(stored.subjectId()), stored.wrapped());
        }
        SecretKeySpec kek = keystore.kek(stored.epoch(), stored.subjectId());
        try {
            return AesGcm.open(kek, dataKeyContext(stored.subjectId()), stored.wrapped());
        } catch (IllegalArgumentException e) {
            throw EpochDestroyedException.foreignKeystore(stored.subjectId(), stored.epoch());
        }
    }

    record Wrapped(byte[] key, String masterKeyId) {}

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
        return AesGcm.seal(secretsKey(), "secret:" + context, secret);
    }

    @Override
    public byte[] openSecret(String context, byte[] sealed) {
        return AesGcm.open(secretsKey(), "secret:" + context, sealed);
    }

    @Override
    public void shred(UUID subjectId) {
        jdbc.sql("DELETE FROM subject_key WHERE subject_id = ?").param(subjectId).update();
    }

    @Override
    public void shredAll(Collection<UUID> subjectIds) {
        if (!subjectIds.isEmpty()) {
            jdbc.sql("DELETE FROM subject_key WHERE subject_id IN (:ids)").param("ids", List.copyOf(subjectIds)).update();
        }
    }

    @Override
    public boolean hasKey(UUID subjectId) {
        return jdbc.sql("SELECT COUNT(*) FROM subject_key WHERE subject_id = ?").param(subjectId).query(Long.class).single() > 0;
    }

    @Override
    public String blindIndex(String kind, String normalisedValue) {
        SecretKey key = indexKey();
        Mac mac = indexMac.get();
        try {
            if (key != indexMacKey.get()) {
                mac.init(key);
                indexMacKey.set(key);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        // doFinal resets the Mac for the next value, under the same key.
        return HexFormat.of().formatHex(mac.doFinal((kind + ":" + normalisedValue).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String suppressionHash(String kind, String normalisedValue) {
        SecretKey key = suppressionKey;
        if (key == null) {
            loadVaultKeys();
            key = suppressionKey;
        }
        // doFinal resets the Mac for the next value, under the same key.
        return HexFormat.of().formatHex(keyed(suppressionMac, suppressionMacKey, key)
                .doFinal((kind + ":" + normalisedValue).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public byte[] linkSignature(byte[] payload) {
        SecretKey key = linkKey;
        if (key == null) {
            loadVaultKeys();
            key = linkKey;
        }
        return keyed(linkMac, linkMacKey, key).doFinal(payload);
    }

    /** A Mac per thread for the suppression and link keys, as for the index key (one click checks a link and hashes addresses). */
    private final ThreadLocal<Mac> suppressionMac = ThreadLocal.withInitial(JdbcVault::hmacSha256);
    private final ThreadLocal<@Nullable SecretKey> suppressionMacKey = new ThreadLocal<>();
    private final ThreadLocal<Mac> linkMac = ThreadLocal.withInitial(JdbcVault::hmacSha256);
    private final ThreadLocal<@Nullable SecretKey> linkMacKey = new ThreadLocal<>();

    private static Mac hmacSha256() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This thread's Mac, keyed with {@code key} (keyed again only when the key changed). */
    private static Mac keyed(ThreadLocal<Mac> macs, ThreadLocal<@Nullable SecretKey> keys, SecretKey key) {
        Mac mac = macs.get();
        if (key != keys.get()) {
            try {
                mac.init(key);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            keys.set(key);
        }
        return mac;
    }

    /** A Mac per thread, kept initialised with the index key: looking one up and keying it costs more than the hash. */
    private final ThreadLocal<Mac> indexMac = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });
    private final ThreadLocal<@Nullable SecretKey> indexMacKey = new ThreadLocal<>();

    private SecretKey indexKey() {
        SecretKey key = indexKey;
        if (key == null) {
            loadVaultKeys();
            key = indexKey;
        }
        return key;
    }

    private SecretKey secretsKey() {
        SecretKey key = secretsKey;
        if (key == null) {
            loadVaultKeys();
            key = secretsKey;
        }
        return key;
    }

    /**
     * Reads the vault's own keys, creating them on first use. A new installation gets random keys.
     * One whose vault predates the key table gets the keys it has always used, derived from the
     * master key in force (the index key from an HMAC of it, the secrets key the master key
     * itself), so existing blind indexes and sealed secrets stay valid; from then on they are
     * wrapped like any other key and survive rotations.
     */
    synchronized void loadVaultKeys() {
        if (indexKey != null && secretsKey != null && suppressionKey != null && linkKey != null) {
            return;
        }
        // Once made, the keys are read on the caller's connection (in its transaction, if any): a
        // transaction of its own would need a second connection while the caller holds one, and
        // with as many callers as the pool has connections, each holding one, it would wait for
        // the pool's timeout (they all wait for this lock). Only making them takes a transaction of
        // its own: a caller's transaction neither sees a half-made key nor is spoilt by the
        // duplicate key of a node that made it first (all four are made in one transaction, so a
        // reader sees all of them or none).
        OwnKeys keys = readVaultKeys();
        if (keys == null) {
            try {
                keys = ownTransaction.execute(status -> createOrReadVaultKeys());
            } catch (DuplicateKeyException e) {
                keys = ownTransaction.execute(status -> createOrReadVaultKeys()); // another node made them first: read theirs
            }
        }
        indexKey = new SecretKeySpec(keys.index(), "HmacSHA256");
        secretsKey = new SecretKeySpec(keys.secrets(), "AES");
        suppressionKey = new SecretKeySpec(keys.suppression(), "HmacSHA256");
        linkKey = new SecretKeySpec(keys.links(), "HmacSHA256");
    }

    private record OwnKeys(byte[] index, byte[] secrets, byte[] suppression, byte[] links) {}

    /** The four keys if they all exist, read with whatever connection the caller has; none made. */
    private @Nullable OwnKeys readVaultKeys() {
        Wrapped index = storedVaultKey(INDEX_KEY);
        Wrapped secrets = storedVaultKey(SECRETS_KEY);
        Wrapped suppression = storedVaultKey(SUPPRESSION_KEY);
        Wrapped links = storedVaultKey(LINK_KEY);
        if (index == null || secrets == null || suppression == null || links == null) {
            return null;
        }
        return new OwnKeys(opened(INDEX_KEY, index), opened(SECRETS_KEY, secrets), opened(SUPPRESSION_KEY, suppression), opened(LINK_KEY, links));
    }

    private byte[] opened(String name, Wrapped stored) {
        return AesGcm.open(masters.byId(stored.masterKeyId()).key(), vaultKeyContext(name), stored.key());
    }

    private OwnKeys createOrReadVaultKeys() {
        MasterKey master = masters.current();
        byte[] index = vaultKey(INDEX_KEY, master, () -> masters.generated() ? randomKey()
                : hmac(master.key(), "charte blind index v1".getBytes(StandardCharsets.UTF_8)));
        byte[] secrets = vaultKey(SECRETS_KEY, master, () -> masters.generated() ? randomKey() : master.key().getEncoded());
        // The suppression list's key is newer than any vault: random everywhere.
        byte[] suppression = vaultKey(SUPPRESSION_KEY, master, this::randomKey);
        // So is the key of signed links.
        byte[] links = vaultKey(LINK_KEY, master, this::randomKey);
        return new OwnKeys(index, secrets, suppression, links);
    }

    private byte[] vaultKey(String name, MasterKey master, Supplier<byte[]> initial) {
        Wrapped stored = storedVaultKey(name);
        if (stored == null) {
            byte[] key = initial.get();
            jdbc.sql("INSERT INTO vault_key (name, wrapped_key, master_key_id, created_at) VALUES (?, ?, ?, ?)")
                    .params(name, AesGcm.seal(master.key(), vaultKeyContext(name), key), master.id(),
                            clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
            return key;
        }
        return opened(name, stored);
    }

    private @Nullable Wrapped storedVaultKey(String name) {
        return jdbc.sql("SELECT wrapped_key, master_key_id FROM vault_key WHERE name = ?").param(name)
                .query((rs, n) -> new Wrapped(rs.getBytes(1), rs.getString(2))).optional().orElse(null);
    }

    private byte[] randomKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
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
