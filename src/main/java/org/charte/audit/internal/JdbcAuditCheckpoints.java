package org.charte.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.audit.AuditCheckpoint;
import org.charte.audit.AuditCheckpoints;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditVerification;
import org.charte.audit.KeptHead;
import org.charte.common.Ids;
import org.charte.vault.SigningKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The checkpoints' rows, signed with the vault's {@code audit-checkpoints} key. */
@Service
class JdbcAuditCheckpoints implements AuditCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditCheckpoints.class);

    private final JdbcClient jdbc;
    private final ChainStore chain;
    private final AuditLog log;
    private final SigningKeys keys;
    private final Clock clock;
    private final Ids ids;

    JdbcAuditCheckpoints(JdbcClient jdbc, ChainStore chain, AuditLog log, SigningKeys keys, Clock clock, Ids ids) {
        this.ids = ids;
        this.jdbc = jdbc;
        this.chain = chain;
        this.log = log;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public AuditCheckpoint sign() {
        ChainStore.Head head = chain.head().orElse(new ChainStore.Head(0, AuditEntry.GENESIS));
        latest(1).stream().findFirst().ifPresent(previous -> {
            Optional<String> now = log.hashAt(previous.entryCount());
            if (now.isEmpty() || !now.get().equals(previous.headHash()) || head.lastSeq() < previous.entryCount()) {
                LOG.error("Audit log: the entry of the latest checkpoint (#{}) no longer has its hash: the chain was rewritten or truncated "
                        + "under it. No new checkpoint is signed; run `charte audit verify`.", previous.entryCount());
                throw new IllegalStateException("the audit chain no longer extends its latest checkpoint (entry #" + previous.entryCount()
                        + "): nothing signed");
            }
        });
        Instant at = clock.instant();
        byte[] payload = AuditCheckpoint.payload(head.lastSeq(), head.lastHash(), at);
        SigningKeys.Signed signed = keys.sign(KEY, payload);
        AuditCheckpoint checkpoint = new AuditCheckpoint(ids.next(), head.lastSeq(), head.lastHash(), at, signed.keyId(), signed.algorithm(),
                signed.signature());
        jdbc.sql("""
                INSERT INTO audit_checkpoint (id, entry_count, head_hash, signed_at, key_id, algorithm, signature)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(checkpoint.id(), checkpoint.entryCount(), checkpoint.headHash(), checkpoint.signedAt().atOffset(ZoneOffset.UTC),
                        checkpoint.keyId(), checkpoint.algorithm(), checkpoint.signature())
                .update();
        return checkpoint;
    }

    @Override
    public Optional<AuditCheckpoint> signIfMoved() {
        long count = chain.head().map(ChainStore.Head::lastSeq).orElse(0L);
        Optional<AuditCheckpoint> latest = latest(1).stream().findFirst();
        if (latest.isPresent() && latest.get().entryCount() == count) {
            return Optional.empty();
        }
        return Optional.of(sign());
    }

    @Override
    public List<AuditCheckpoint> latest(int limit) {
        return jdbc.sql("SELECT id, entry_count, head_hash, signed_at, key_id, algorithm, signature FROM audit_checkpoint "
                + "ORDER BY signed_at DESC, entry_count DESC LIMIT ?").param(limit).query(JdbcAuditCheckpoints::row).list();
    }

    @Override
    public List<SigningKeys.PublicSigningKey> keys() {
        keys.current(KEY);
        return keys.all(KEY);
    }

    @Override
    public Document document(int limit) {
        return new Document(AuditCheckpoint.FORMAT, AuditCheckpoint.FORMAT + "\\n{entryCount}\\n{headHash}\\n{signedAt}\\n",
                latest(limit).stream().map(PublishedCheckpoint::of).toList(), keys().stream().map(PublishedKey::of).toList());
    }

    @Override
    public List<Check> check(List<AuditCheckpoint> kept, List<SigningKeys.PublicSigningKey> keptKeys) {
        AuditVerification verification = log.verify();
        List<Check> checks = new ArrayList<>();
        for (AuditCheckpoint checkpoint : kept) {
            Optional<SigningKeys.PublicSigningKey> key = keptKeys.stream().filter(k -> k.keyId().equals(checkpoint.keyId())).findFirst()
                    .or(() -> keys.byId(checkpoint.keyId()).filter(k -> k.name().equals(KEY)));
            boolean signed = key.isPresent() && key.get().verifies(checkpoint.payload(), checkpoint.signature());
            KeptHead head = checkpoint.head();
            KeptHead.Check held = head.check(verification, log.positionOf(head.hash()), log.hashAt(checkpoint.entryCount()).orElse(null));
            checks.add(new Check(checkpoint, signed, held));
        }
        return checks;
    }

    private static AuditCheckpoint row(ResultSet rs, int n) throws SQLException {
        return new AuditCheckpoint(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant(),
                rs.getString(5), rs.getString(6), rs.getString(7));
    }
}
