package org.charte.access.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.charte.access.Grant;
import org.charte.access.ResourceRef;
import org.jspecify.annotations.Nullable;

/**
 * This node's copy of the grants of the members of staff who act on it, each copy with the grants
 * stamp it was loaded at ({@code staff_account.grants_stamp}, changed in the transaction of every grant
 * opened or ended for the member). A copy answers a decision only for the stamp the request just read
 * with the member's account; any other stamp loads the member's grants again. So a copy is never
 * older than the account read of the request that uses it: nothing is trusted for a while, as a cache
 * with a lifetime would be, and a grant ended on any node binds every node from its next request.
 *
 * <p>Bounds: a member with more than {@link #MAX_ROWS} grant × resource rows is not copied (their
 * decisions read the database, as without copies); past {@link #MAX_MEMBERS} members the copies are
 * dropped and made again as members act. Revoked and expired grants stay in a copy, as in the
 * database: the decision tells them apart, and says why.
 */
final class GrantCopies {

    static final int MAX_ROWS = 20_000;
    static final int MAX_MEMBERS = 5_000;

    /** A member's grants by resource as of {@code stamp}; {@code byResource} null: too many to keep, read each time. */
    record Copy(long stamp, @Nullable Map<ResourceRef, List<Grant>> byResource) {}

    /** Loads a member's copy (at most {@code maxRows} rows kept). */
    @FunctionalInterface
    interface Loader {
        Copy load(UUID granteeId, int maxRows);
    }

    private final ConcurrentHashMap<UUID, Copy> copies = new ConcurrentHashMap<>();
    /** How many copies of each member were loaded (tests and diagnostics), dropped with the copies. */
    private final ConcurrentHashMap<UUID, LongAdder> loads = new ConcurrentHashMap<>();
    private final int maxRows;
    private final int maxMembers;

    GrantCopies() {
        this(MAX_ROWS, MAX_MEMBERS);
    }

    GrantCopies(int maxRows, int maxMembers) {
        this.maxRows = maxRows;
        this.maxMembers = maxMembers;
    }

    /**
     * The member's grants naming {@code resource}, from the copy loaded at {@code stamp}, loading it first
     * when the copy is at another stamp (or missing); {@code uncopied} when the member has too many.
     */
    List<Grant> on(UUID granteeId, long stamp, ResourceRef resource, Loader loader, Supplier<List<Grant>> uncopied) {
        Copy copy = copies.get(granteeId);
        if (copy == null || copy.stamp() != stamp) {
            copy = loader.load(granteeId, maxRows); // as of now: the stamp read at least, maybe a later one
            if (copies.size() >= maxMembers) {
                copies.clear();
                loads.clear();
            }
            loads.computeIfAbsent(granteeId, id -> new LongAdder()).increment();
            copies.put(granteeId, copy); // two requests loading at once: either copy is as fresh as its own stamp says
        }
        Map<ResourceRef, List<Grant>> byResource = copy.byResource();
        return byResource == null ? uncopied.get() : byResource.getOrDefault(resource, List.of());
    }

    /** How many copies of this member were loaded since the copies were last dropped. */
    long loads(UUID granteeId) {
        LongAdder count = loads.get(granteeId);
        return count == null ? 0 : count.sum();
    }
}
