package org.charte.access.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.charte.access.AccessException;
import org.charte.access.Commitments;
import org.charte.common.TextInput;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Commitment texts by version; version 1 is the text shipped in resources/access/. */
@Service
class JdbcCommitments implements Commitments {

    /** A commitment's text (a TEXT column): long enough for any real one. */
    static final int MAX_TEXT = 50_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SignedCommitments remembered;

    JdbcCommitments(JdbcClient jdbc, Clock clock, TransactionTemplate transactions, SignedCommitments remembered) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.remembered = remembered;
        transactions.executeWithoutResult(status -> {
            if (jdbc.sql("SELECT COUNT(*) FROM commitment_text").query(Long.class).single() == 0) {
                insert(1, resource("access/commitment-v1.fr.txt"), resource("access/commitment-v1.en.txt"), null);
            }
        });
    }

    private static String resource(String name) {
        try (InputStream in = JdbcCommitments.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void insert(int version, String fr, String en, @Nullable UUID by) {
        jdbc.sql("INSERT INTO commitment_text (version, text_fr, text_en, published_at, published_by) VALUES (?, ?, ?, ?, ?)")
                .params(version, fr, en, clock.instant().atOffset(ZoneOffset.UTC), by).update();
    }

    @Override
    public Version current() {
        return jdbc.sql("SELECT version, text_fr, text_en, published_at FROM commitment_text ORDER BY version DESC")
                .query((rs, n) -> new Version(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant()))
                .list().getFirst();
    }

    @Override
    @Transactional
    public Version publish(String textFr, String textEn, UUID publishedBy) {
        if (textFr == null || textFr.isBlank()) {
            throw new AccessException("textFr", "the French text is required");
        }
        if (textEn == null || textEn.isBlank()) {
            throw new AccessException("textEn", "the English text is required");
        }
        for (String[] text : new String[][] {{"textFr", textFr}, {"textEn", textEn}}) {
            String problem = TextInput.problem(text[1], MAX_TEXT, TextInput.Kind.FREE_TEXT);
            if (problem != null) {
                throw new AccessException(text[0], problem);
            }
        }
        insert(current().version() + 1, textFr.strip(), textEn.strip(), publishedBy);
        remembered.forgetAfterCommit();
        return current();
    }

    @Override
    @Transactional
    public Signature sign(UUID staffId) {
        int version = current().version();
        if (!signedCurrent(staffId)) {
            jdbc.sql("INSERT INTO commitment_signature (staff_id, version, signed_at) VALUES (?, ?, ?)")
                    .params(staffId, version, clock.instant().atOffset(ZoneOffset.UTC)).update();
            remembered.forgetAfterCommit();
        }
        return signatures(staffId).getFirst();
    }

    @Override
    public boolean signedCurrent(UUID staffId) {
        return jdbc.sql("SELECT COUNT(*) FROM commitment_signature WHERE staff_id = ? AND version = (SELECT MAX(version) FROM commitment_text)")
                .param(staffId).query(Long.class).single() > 0;
    }

    @Override
    public List<Signature> signatures(UUID staffId) {
        return jdbc.sql("SELECT staff_id, version, signed_at FROM commitment_signature WHERE staff_id = ? ORDER BY version DESC")
                .param(staffId)
                .query((rs, n) -> new Signature(rs.getObject(1, UUID.class), rs.getInt(2), rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }
}
