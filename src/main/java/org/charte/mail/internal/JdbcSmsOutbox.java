package org.charte.mail.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.charte.mail.TextMessages;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SMS outbox's rows: SQL and row mapping only. Number and text arrive and leave sealed. */
@Repository
class JdbcSmsOutbox {

    /** An SMS waiting to be sent, sealed. */
    record Pending(UUID id, int attempts, byte[] recipient, byte[] body) {}

    private final JdbcClient jdbc;

    JdbcSmsOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, Instant now, byte[] recipient, byte[] body) {
        jdbc.sql("INSERT INTO sms_outbox (id, created_at, recipient, body, next_attempt_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, utc(now), recipient, body, utc(now)).update();
    }

    /** The ids of the SMS due at {@code now}, oldest first. */
    List<UUID> due(Instant now, int maxAttempts, int limit) {
        return jdbc.sql("SELECT id FROM sms_outbox WHERE sent_at IS NULL AND body IS NOT NULL AND attempts < ? AND next_attempt_at <= ? "
                + "ORDER BY next_attempt_at, id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY").params(maxAttempts, utc(now))
                .query(UUID.class).list();
    }

    @Nullable Pending pending(UUID id, int maxAttempts) {
        return jdbc.sql("SELECT id, attempts, recipient, body FROM sms_outbox WHERE id = ? AND sent_at IS NULL AND body IS NOT NULL AND attempts < ?")
                .params(id, maxAttempts).query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getInt(2), rs.getBytes(3), rs.getBytes(4)))
                .optional().orElse(null);
    }

    /**
     * Claims one attempt: counts it and keeps the SMS from others until {@code leaseEnd}, only if
     * nobody claimed it since it was read and it is due at {@code now} (no lease of another sender
     * running: two senders, of one node or two, never both send it). Whether it was claimed.
     */
    boolean claim(UUID id, int attempts, Instant now, Instant leaseEnd) {
        return jdbc.sql("UPDATE sms_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND attempts = ? AND sent_at IS NULL "
                + "AND next_attempt_at <= ?").params(utc(leaseEnd), id, attempts, utc(now)).update() == 1;
    }

    /** Gives the attempt back (the SMSC was not reachable: nothing was tried). */
    void release(UUID id, Instant retryAt) {
        jdbc.sql("UPDATE sms_outbox SET attempts = attempts - 1, next_attempt_at = ? WHERE id = ? AND sent_at IS NULL AND attempts > 0")
                .params(utc(retryAt), id).update();
    }

    /** A refused or failed attempt: why, and when the next one may be made. */
    void failed(UUID id, String reason, Instant retryAt) {
        jdbc.sql("UPDATE sms_outbox SET last_error = ?, next_attempt_at = ? WHERE id = ?").params(reason, utc(retryAt), id).update();
    }

    /** Marks it sent with the SMSC's ids of its parts, and erases its number and text. */
    void sent(UUID id, Instant now, List<String> smscIds) {
        jdbc.sql("UPDATE sms_outbox SET sent_at = ?, smsc_message_id = ?, recipient = NULL, body = NULL, last_error = NULL WHERE id = ?")
                .params(utc(now), smscIds.getFirst(), id).update();
        for (int i = 0; i < smscIds.size(); i++) {
            jdbc.sql("INSERT INTO sms_outbox_part (sms_id, part, smsc_message_id) VALUES (?, ?, ?)").params(id, i + 1, smscIds.get(i)).update();
        }
    }

    /**
     * Records a delivery receipt for the part the SMSC named; the SMS takes the state of its parts
     * once all have one (the first failure otherwise). Whether the id was known.
     */
    boolean receipt(String smscId, String state, Instant now) {
        List<UUID> sms = jdbc.sql("SELECT sms_id FROM sms_outbox_part WHERE smsc_message_id = ?").param(smscId).query(UUID.class).list();
        if (sms.isEmpty()) {
            return false;
        }
        jdbc.sql("UPDATE sms_outbox_part SET delivery_state = ? WHERE smsc_message_id = ?").params(state, smscId).update();
        for (UUID id : sms) {
            List<@Nullable String> states = jdbc.sql("SELECT delivery_state FROM sms_outbox_part WHERE sms_id = ? ORDER BY part").param(id)
                    .query((rs, n) -> rs.getString(1)).list();
            String failed = states.stream().filter(s -> s != null && !"DELIVRD".equals(s)).findFirst().orElse(null);
            String overall = failed != null ? failed : states.contains(null) ? null : "DELIVRD";
            if (overall != null) {
                jdbc.sql("UPDATE sms_outbox SET delivery_state = ?, delivered_at = ? WHERE id = ?").params(overall, utc(now), id).update();
            }
        }
        return true;
    }

    TextMessages.@Nullable Status status(UUID id) {
        return jdbc.sql("SELECT id, created_at, attempts, sent_at, smsc_message_id, last_error, delivery_state, delivered_at FROM sms_outbox WHERE id = ?")
                .param(id).query((rs, n) -> new TextMessages.Status(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getInt(3), instant(rs.getObject(4, OffsetDateTime.class)), rs.getString(5), rs.getString(6), rs.getString(7),
                        instant(rs.getObject(8, OffsetDateTime.class))))
                .optional().orElse(null);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
