package org.charte.audit;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The append-only, tamper-evident log of accesses to personal data (R6.5).
 *
 * <p>Appends are committed in their own transaction, apart from the caller's: an access that is
 * refused, or whose work is rolled back, stays recorded.
 */
public interface AuditLog {

    /**
     * Records one access; returns only once the entry is durably committed and chained.
     *
     * @throws IllegalStateException when the log is shutting down
     * @throws org.springframework.dao.DataAccessException when the database did not commit it
     */
    AuditEntry append(AuditEvent event);

    /** Records several accesses, all or none, consecutively and in this order. */
    List<AuditEntry> appendAll(List<AuditEvent> events);

    /** The latest entries about one person, newest first. */
    List<AuditEntry> forSubject(UUID subjectId, int limit);

    /**
     * The distinct people whose data one actor reached, allowed, by one of these actions (e.g.
     * {@code read}, {@code export}, {@code reveal-credentials}) with {@code from <= at < to}: who
     * must be told when that actor's account or token was compromised (L6, Art. 34). At most
     * {@code limit}, in the order of their first such access.
     */
    List<UUID> subjectsReachedBy(String actor, Set<String> actions, Instant from, Instant to, int limit);

    /** The latest entries, newest first. */
    List<AuditEntry> recent(int limit);

    /** Walks the whole chain and names the first problem, if any. */
    AuditVerification verify();

    /** The hash stored for the entry at {@code seq} (64 zeros for 0, the chain's start), if there is such an entry. */
    Optional<String> hashAt(long seq);

    /** The seq of the entry whose stored hash is {@code hash} (0 for 64 zeros), if any: where a {@link KeptHead} is. */
    OptionalLong positionOf(String hash);

    /**
     * Writes the log (or one person's entries) as JSON, in chain order, with the chain's head;
     * leaves the stream open.
     */
    void exportJson(OutputStream out, @Nullable UUID subjectId);
}
