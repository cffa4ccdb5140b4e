package org.charte.access.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.charte.policy.Policy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The decision point's in-memory copy of every person's {@link SubjectLimits} (restrictions in
 * force, upheld objections): a decision looks a person up in a hash map, never in the database.
 *
 * <p><b>Staying correct across nodes.</b> Every change to restrictions or objections bumps one
 * counter row ({@code processing_limits_version}) in the change's own transaction. A decision
 * reads that row at most once per refresh interval ({@code charte.access.limits.refresh-interval},
 * default 1 s; one primary-key read) and, when it moved, reloads the whole copy (restricted people
 * and upheld objections are few). The node that made a change reloads right after its commit. So:
 * on the node that recorded it, a restriction or objection holds from the next decision; on the
 * others, within the refresh interval. Setting the interval to 0 reads the counter on every
 * decision (strict, one indexed read more per decision). A reload that fails leaves the copy as
 * it was and the failure propagates: the decision fails rather than allowing on stale data.
 */
@Component
class ProcessingLimits {

    /** A copy of the limits, as of a counter value read before it was loaded. */
    private record Snapshot(long version, Map<UUID, SubjectLimits> limits) {}

    private final JdbcClient jdbc;
    private final LimitPurposes purposes;
    private final long intervalNanos;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Snapshot snapshot = new Snapshot(Long.MIN_VALUE, Map.of());
    /** System.nanoTime() after which the counter is read again: a pace, not a date (the one clock is for dates). */
    private volatile long nextCheck = Long.MIN_VALUE;
    private volatile boolean loaded;

    ProcessingLimits(JdbcClient jdbc, Policy policy,
            @Value("${charte.access.limits.refresh-interval:1s}") Duration refreshInterval,
            @Value("${charte.access.restriction.legal-claims-purposes:unpaid-litigation}") List<String> legalClaimsPurposes) {
        if (refreshInterval.isNegative()) {
            throw new IllegalStateException("charte.access.limits.refresh-interval must not be negative");
        }
        this.jdbc = jdbc;
        this.purposes = LimitPurposes.of(policy, legalClaimsPurposes);
        this.intervalNanos = refreshInterval.toNanos();
    }

    LimitPurposes purposes() {
        return purposes;
    }

    /** The limits on this person's data, as of at most one refresh interval ago (now, for changes made on this node). */
    SubjectLimits of(UUID subjectId) {
        long now = System.nanoTime();
        if (!loaded || now - nextCheck >= 0) {
            refresh(now);
        }
        return snapshot.limits().getOrDefault(subjectId, SubjectLimits.NONE);
    }

    private void refresh(long now) {
        if (!loaded) {
            refreshing.lock(); // the first decision waits for the first load
        } else if (!refreshing.tryLock()) {
            return; // another thread is refreshing: this decision uses the copy it has
        }
        try {
            if (loaded && now - nextCheck < 0) {
                return;
            }
            long version = version();
            if (!loaded || version != snapshot.version()) {
                snapshot = load(version);
                loaded = true;
            }
            nextCheck = now + intervalNanos;
        } finally {
            refreshing.unlock();
        }
    }

    /**
     * A change was written: bumps the counter in the caller's transaction, and reloads this node's
     * copy once it commits (at once when there is no transaction).
     */
    void changed() {
        jdbc.sql("UPDATE processing_limits_version SET version = version + 1 WHERE id = 1").update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    reload();
                }
            });
        } else {
            reload();
        }
    }

    /** Reads the counter and reloads now, whatever the interval. */
    void reload() {
        refreshing.lock();
        try {
            snapshot = load(version());
            loaded = true;
            nextCheck = System.nanoTime() + intervalNanos;
        } finally {
            refreshing.unlock();
        }
    }

    private long version() {
        return jdbc.sql("SELECT version FROM processing_limits_version WHERE id = 1").query(Long.class).single();
    }

    private Snapshot load(long version) {
        Set<UUID> restricted = new HashSet<>(jdbc.sql("SELECT subject_id FROM processing_restriction WHERE lifted_at IS NULL")
                .query(UUID.class).list());
        Map<UUID, Set<String>> objected = new HashMap<>();
        jdbc.sql("SELECT subject_id, purpose FROM objection WHERE status = 'UPHELD'")
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list()
                .forEach(e -> objected.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
        Set<UUID> people = new HashSet<>(restricted);
        people.addAll(objected.keySet());
        Map<UUID, SubjectLimits> limits = new HashMap<>();
        for (UUID person : people) {
            limits.put(person, new SubjectLimits(restricted.contains(person), purposes.allowedWhileRestricted(),
                    objected.getOrDefault(person, Set.of())));
        }
        return new Snapshot(version, Map.copyOf(limits));
    }
}
