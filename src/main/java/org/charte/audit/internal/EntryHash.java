package org.charte.audit.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The hash of an entry: hex SHA-256 of its canonical encoding (documented on
 * {@link org.charte.audit.AuditEntry}). Every value is length-prefixed and an absent value is
 * distinct from an empty one, so no two different entries encode alike.
 */
final class EntryHash {

    static final String FORMAT = "charte-audit/1";

    /**
     * Instants are kept to the microsecond: both H2 and PostgreSQL store {@code TIMESTAMP WITH TIME
     * ZONE} to the microsecond, and the hash must survive the round trip.
     */
    static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final byte ABSENT = 0;
    private static final byte VALUE = 1;
    private static final byte LIST = 2;

    private EntryHash() {}

    static Instant truncate(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    static String format(Instant at) {
        return INSTANT.format(at);
    }

    /** The hash of a stored row, whatever its values: a tampered row is hashed as it now reads. */
    static String of(StoredEntry e) {
        MessageDigest digest = sha256();
        value(digest, FORMAT);
        value(digest, Long.toString(e.seq()));
        value(digest, e.id().toString());
        value(digest, format(e.at()));
        value(digest, e.actor());
        value(digest, e.action());
        value(digest, e.purpose());
        value(digest, e.resourceType());
        value(digest, e.resourceId());
        value(digest, e.subjectId() == null ? null : e.subjectId().toString());
        list(digest, e.categories());
        value(digest, e.outcome());
        value(digest, e.reason());
        value(digest, e.previousHash());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void value(MessageDigest digest, @Nullable String value) {
        if (value == null) {
            digest.update(ABSENT);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(VALUE);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static void list(MessageDigest digest, List<String> values) {
        digest.update(LIST);
        digest.update(ByteBuffer.allocate(4).putInt(values.size()).array());
        for (String value : values) {
            value(digest, value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
