package org.charte.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A recorded access, at its place in the chain: {@code hash} is the hex SHA-256 of the entry's
 * canonical encoding, which includes {@code previousHash}, the hash of the entry before it (64
 * zeros for the first). Changing, removing, inserting or moving an entry therefore breaks the
 * chain, and {@link AuditLog#verify()} says where.
 *
 * <p>The canonical encoding, for anyone checking an export without Charte: the UTF-8 string
 * {@code charte-audit/1}, then seq (decimal), id (lower-case UUID), at (UTC, always six fraction
 * digits: {@code 2026-11-26T10:15:30.123456Z}), actor, action, purpose, resourceType, resourceId,
 * subjectId, categories, outcome ({@code ALLOWED} or {@code DENIED}), reason and previousHash. Each
 * value is written as byte 0x01, the length of its UTF-8 bytes as a 4-byte big-endian integer,
 * then those bytes; an absent value as the single byte 0x00; the categories as byte 0x02, their
 * count as a 4-byte big-endian integer, then each category as a value.
 *
 * @param seq          position in the chain, from 1, without gaps
 * @param at           when it was recorded, to the microsecond
 * @param previousHash hash of entry {@code seq - 1}, or 64 zeros for the first
 */
public record AuditEntry(long seq, UUID id, Instant at, AuditEvent event, String previousHash, String hash) {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
