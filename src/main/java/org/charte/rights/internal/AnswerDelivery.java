package org.charte.rights.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.mail.DoorOut;
import org.charte.mail.ExitChannel;
import org.charte.mail.Passage;
import org.charte.rights.internal.RightsRequests.AnswerFile;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An answer's files, sealed under the request's key, and the links that deliver them (R8.5): each
 * link expires ({@code charte.rights.link-validity}, 7 days unless said) and works once; only the
 * SHA-256 of its token is kept, so the table gives no working link away. A file leaves through the
 * door out (R1.4), to the person.
 */
@Component
class AnswerDelivery {

    /** How a link stands; only a valid one leads to anything. */
    enum LinkState { VALID, USED, EXPIRED, UNKNOWN }

    /** A delivered file, opened. */
    record Delivered(UUID requestId, String fileName, String contentType, byte[] content) {}

    private final JdbcClient jdbc;
    private final RequestStore store;
    private final Duration validity;
    private final SecureRandom random = new SecureRandom();
    private final DoorOut door;

    AnswerDelivery(JdbcClient jdbc, RequestStore store, DoorOut door, @Value("${charte.rights.link-validity:P7D}") Duration validity) {
        this.door = door;
        this.jdbc = jdbc;
        this.store = store;
        this.validity = validity;
    }

    Duration validity() {
        return validity;
    }

    UUID store(UUID requestId, Fulfilment.AnswerContent content) {
        UUID id = store.nextId();
        jdbc.sql("""
                INSERT INTO rights_answer_file (id, request_id, kind, file_name, content_type, content, sha256, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, requestId, content.kind(), content.fileName(), content.contentType(),
                        store.seal(requestId, field(id), content.content()), sha256(content.content()), store.nowUtc())
                .update();
        return id;
    }

    /** A new single-use link to a file; returns the token (shown once, in the mail). */
    String link(UUID fileId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OffsetDateTime now = store.nowUtc();
        jdbc.sql("INSERT INTO rights_download_link (token_hash, file_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(sha256(token.getBytes(StandardCharsets.US_ASCII)), fileId, now, now.plus(validity)).update();
        return token;
    }

    LinkState state(String token) {
        record Row(OffsetDateTime expiresAt, @Nullable Object usedAt) {}
        Optional<Row> row = wellFormed(token) ? jdbc.sql("SELECT expires_at, used_at FROM rights_download_link WHERE token_hash = ?")
                .param(sha256(token.getBytes(StandardCharsets.US_ASCII)))
                .query((rs, n) -> new Row(rs.getObject(1, OffsetDateTime.class), rs.getObject(2))).optional() : Optional.empty();
        if (row.isEmpty()) {
            return LinkState.UNKNOWN;
        }
        if (row.get().usedAt() != null) {
            return LinkState.USED;
        }
        return store.nowUtc().isBefore(row.get().expiresAt()) ? LinkState.VALID : LinkState.EXPIRED;
    }

    /** Uses the link up and gives its file, if it is valid; the same link never gives it twice. */
    Optional<Delivered> consume(String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        String hash = sha256(token.getBytes(StandardCharsets.US_ASCII));
        OffsetDateTime now = store.nowUtc();
        int used = jdbc.sql("UPDATE rights_download_link SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
                .params(now, hash, now).update();
        if (used == 0) {
            return Optional.empty();
        }
        UUID fileId = jdbc.sql("SELECT file_id FROM rights_download_link WHERE token_hash = ?").param(hash).query(UUID.class).single();
        return Optional.of(handOver(fileId, "system"));
    }

    /**
     * A file handed over by {@code actor} (the link's holder, or staff who posts it), once the door out
     * let it out to the person (R1.4), its audit entry written.
     */
    Delivered handOver(UUID fileId, String actor) {
        Delivered file = file(fileId);
        UUID subjectId = store.load(file.requestId()).map(RightsRequest::subjectId).orElse(null);
        door.pass(ExitChannel.DOWNLOAD, Passage.toPerson(PersonalFiles.PURPOSE, subjectId).by(actor));
        return file;
    }

    Delivered file(UUID fileId) {
        return jdbc.sql("SELECT request_id, file_name, content_type, content FROM rights_answer_file WHERE id = ?").param(fileId)
                .query((rs, n) -> {
                    UUID requestId = rs.getObject(1, UUID.class);
                    return new Delivered(requestId, rs.getString(2), rs.getString(3), store.open(requestId, field(fileId), rs.getBytes(4)));
                }).single();
    }

    /** The request a link belongs to, whatever its state: for the history. */
    Optional<UUID> requestOf(String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT f.request_id FROM rights_download_link l JOIN rights_answer_file f ON f.id = l.file_id WHERE l.token_hash = ?")
                .param(sha256(token.getBytes(StandardCharsets.US_ASCII))).query(UUID.class).optional();
    }

    List<AnswerFile> files(UUID requestId) {
        return jdbc.sql("SELECT id, kind, file_name, content_type, sha256, created_at FROM rights_answer_file WHERE request_id = ? ORDER BY created_at, id")
                .param(requestId).query((rs, n) -> new AnswerFile(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant())).list();
    }

    private static boolean wellFormed(@Nullable String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{43}");
    }

    private static String field(UUID fileId) {
        return "rights.answer:" + fileId;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
