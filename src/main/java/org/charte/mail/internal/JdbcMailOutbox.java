package org.charte.mail.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.sql.Statement;
import org.charte.common.Databases;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The mail outbox's rows: SQL and row mapping only. Recipient, subject, body and headers arrive and leave sealed. */
@Repository
class JdbcMailOutbox {

    /** A mail waiting to be sent, sealed. */
    record Pending(UUID id, int attempts, byte[] recipient, byte[] subject, byte[] body, byte @Nullable [] headers) {}

    /** A mail held (no mail server), sealed. */
    record Held(UUID id, Instant createdAt, byte[] recipient, byte[] subject, byte[] body) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private volatile @Nullable Boolean postgres;

    JdbcMailOutbox(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * For the marks written after a commit on the same connection ({@link MailOutbox}'s sending after
     * its caller's commit: the connection is still the caller's, in a transaction of its own that only
     * these marks make up, committed when Spring hands the connection back): on PostgreSQL, that
     * transaction's commit does not wait for its flush to disk ({@code SET LOCAL synchronous_commit = off},
     * for it only; the server still writes it within a fraction of a second). The mail itself was
     * queued by the caller's durable commit; a mark lost with the server in that fraction means the
     * mail is sent once more after its lease, as when a node stops between the mail server's answer and
     * the mark. Nothing when the connection commits each statement (then they are durable at once).
     */
    void marksNeedNoFlush() {
        template.execute((ConnectionCallback<Void>) c -> {
            Boolean pg = postgres;
            if (pg == null) {
                pg = Databases.postgres(c);
                postgres = pg;
            }
            if (pg && !c.getAutoCommit()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL synchronous_commit = off");
                }
            }
            return null;
        });
    }

    /**
     * Inserts a mail with {@code attempts} already counted and due at {@code nextAttemptAt}: a mail
     * queued while a mail server is configured is claimed by its queueing (one attempt, leased to
     * the sender after the commit), so no other sender takes it while that lease runs.
     */
    void insert(UUID id, Instant now, byte[] recipient, byte[] subject, byte[] body, byte @Nullable [] headers, int attempts,
            Instant nextAttemptAt) {
        jdbc.sql("INSERT INTO mail_outbox (id, created_at, recipient, subject, body, headers, attempts, next_attempt_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, utc(now), recipient, subject, body, headers, attempts, utc(nextAttemptAt)).update();
    }

    /** The ids of the mails due at {@code now}, oldest first. */
    List<UUID> due(Instant now, int maxAttempts, int limit) {
        return jdbc.sql("SELECT id FROM mail_outbox WHERE sent_at IS NULL AND body IS NOT NULL AND attempts < ? AND next_attempt_at <= ? "
                + "ORDER BY next_attempt_at, id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY").params(maxAttempts, utc(now))
                .query(UUID.class).list();
    }

    @Nullable Pending pending(UUID id) {
        return jdbc.sql("SELECT id, attempts, recipient, subject, body, headers FROM mail_outbox WHERE id = ? AND sent_at IS NULL AND body IS NOT NULL")
                .param(id).query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getInt(2), rs.getBytes(3), rs.getBytes(4), rs.getBytes(5),
                        rs.getBytes(6)))
                .optional().orElse(null);
    }

    /**
     * Claims one attempt: counts it and keeps the mail from others until {@code leaseEnd}, only if
     * nobody claimed it since it was read ({@code attempts}) and it is due at {@code now} (no lease
     * of another sender running). Whether it was claimed.
     */
    boolean claim(UUID id, int attempts, Instant now, Instant leaseEnd) {
        return jdbc.sql("UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND attempts = ? AND sent_at IS NULL "
                + "AND body IS NOT NULL AND next_attempt_at <= ?").params(utc(leaseEnd), id, attempts, utc(now)).update() == 1;
    }

    /**
     * Extends the lease its queueing took, only while it still runs at {@code now} and nobody else
     * claimed the mail since ({@code attempts} unchanged): whether the mail is still this sender's.
     */
    boolean renew(UUID id, int attempts, Instant now, Instant leaseEnd) {
        return jdbc.sql("UPDATE mail_outbox SET next_attempt_at = ? WHERE id = ? AND attempts = ? AND sent_at IS NULL AND body IS NOT NULL "
                + "AND next_attempt_at > ?").params(utc(leaseEnd), id, attempts, utc(now)).update() == 1;
    }

    /** A failed attempt: why (never the address), and when the next one may be made. */
    void failed(UUID id, String reason, Instant retryAt) {
        jdbc.sql("UPDATE mail_outbox SET last_error = ?, next_attempt_at = ? WHERE id = ? AND sent_at IS NULL").params(reason, utc(retryAt), id)
                .update();
    }

    /** Marks it sent and erases its content. */
    void sent(UUID id, Instant now) {
        jdbc.sql("UPDATE mail_outbox SET sent_at = ?, recipient = NULL, subject = NULL, body = NULL, headers = NULL, last_error = NULL "
                + "WHERE id = ?").params(utc(now), id).update();
    }

    List<Held> held(int limit) {
        return jdbc.sql("SELECT id, created_at, recipient, subject, body FROM mail_outbox WHERE sent_at IS NULL AND body IS NOT NULL "
                        + "ORDER BY created_at DESC, id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
                .query((rs, n) -> new Held(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getBytes(3),
                        rs.getBytes(4), rs.getBytes(5)))
                .list();
    }

    @Nullable Instant sentAt(UUID id) {
        return jdbc.sql("SELECT sent_at FROM mail_outbox WHERE id = ?").param(id).query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant).orElse(null);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
