package org.charte.audit.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditOutcome;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code audit_entry} exactly as stored, unvalidated: verification must read a tampered
 * row (a blank actor, an unknown outcome) without failing, and hash it as it now reads.
 */
record StoredEntry(long seq, UUID id, Instant at, String actor, String action, @Nullable String purpose,
        String resourceType, @Nullable String resourceId, @Nullable UUID subjectId, List<String> categories,
        String outcome, @Nullable String reason, String previousHash, String hash) {

    StoredEntry {
        categories = List.copyOf(categories);
    }

    /** A new link of the chain: its hash computed over its content and the previous hash. */
    static StoredEntry chained(long seq, UUID id, Instant at, AuditEvent event, String previousHash) {
        StoredEntry unhashed = new StoredEntry(seq, id, EntryHash.truncate(at), event.actor(), event.action(), event.purpose(),
                event.resourceType(), event.resourceId(), event.subjectId(), event.categories(), event.outcome().name(),
                event.reason(), previousHash, "");
        return unhashed.withHash(EntryHash.of(unhashed));
    }

    StoredEntry withHash(String newHash) {
        return new StoredEntry(seq, id, at, actor, action, purpose, resourceType, resourceId, subjectId, categories,
                outcome, reason, previousHash, newHash);
    }

    /** The hash this row's content and link give now. */
    String computedHash() {
        return EntryHash.of(this);
    }

    /** The hash this row would have as entry {@code seq} linked to {@code previous}. */
    String computedHash(long asSeq, String previous) {
        return EntryHash.of(new StoredEntry(asSeq, id, at, actor, action, purpose, resourceType, resourceId, subjectId,
                categories, outcome, reason, previous, hash));
    }

    boolean selfConsistent() {
        return computedHash().equals(hash);
    }

    /** The categories as stored: comma-joined (categories never hold a comma). */
    String joinedCategories() {
        return String.join(",", categories);
    }

    static List<String> splitCategories(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(",", -1));
    }

    /**
     * The entry as the API gives it.
     *
     * @throws IllegalStateException when the row no longer holds a valid event (it was tampered with)
     */
    AuditEntry toEntry() {
        try {
            AuditEvent event = new AuditEvent(actor, action, purpose, resourceType, resourceId, subjectId, categories,
                    AuditOutcome.valueOf(outcome), reason);
            return new AuditEntry(seq, id, at, event, previousHash, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("audit entry #" + seq + " cannot be read (" + e.getMessage()
                    + "); it was altered: run 'charte audit verify'", e);
        }
    }
}
