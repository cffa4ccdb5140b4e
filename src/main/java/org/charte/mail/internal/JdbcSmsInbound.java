package org.charte.mail.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The STOP messages received: SQL and row mapping only. The number arrives and leaves sealed. */
@Repository
class JdbcSmsInbound {

    private final JdbcClient jdbc;

    JdbcSmsInbound(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, Instant receivedAt, byte[] sender) {
        jdbc.sql("INSERT INTO sms_inbound (id, received_at, sender) VALUES (?, ?, ?)").params(id, utc(receivedAt), sender).update();
    }

    Optional<byte[]> sender(UUID id) {
        return jdbc.sql("SELECT sender FROM sms_inbound WHERE id = ?").param(id).query(byte[].class).optional();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM sms_inbound WHERE id = ?").param(id).update();
    }

    int deleteBefore(Instant before) {
        return jdbc.sql("DELETE FROM sms_inbound WHERE received_at < ?").param(utc(before)).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
