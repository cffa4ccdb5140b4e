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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The decision point's in-memory copy of every person's {@link SubjectLimits} (restrictions in
 * force, upheld objections, people a legal hold alone keeps): a decision looks a person up in a hash map, never in the database,
 * and does nothing else (not even read a clock).
 *
 * <p><b>Staying correct across nodes.</b> Every change to restrictions or objections bumps one
 * counter row ({@code processing_limits_version}) in the change's own transaction. Each node polls
 * that row in the background every refresh interval ({@code charte.access.limits.refresh-interval},
 * default 1 s; one primary-key read) and, when it moved, reloads the whole copy (restricted people
 * and upheld objections are few). The node that made a change reloads right after its commit. So:
 * on the node that recorded it, a restriction or objection holds from the next decision; on the
 * others, within the refresh interval. An interval of 0 reads the counter on every decision
 * instead (strict, one indexed read more per decision). A poll that fails (database unreachable)
 * keeps the copy as it was; the decisions themselves then fail on their own database reads.
 */
@Component
class ProcessingLimits {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingLimits.class);

    /** A copy of the limits, as of a counter value read before it was loaded. */
    private record Snapshot(long version, Map<UUID, SubjectLimits> limits) {}

    private final JdbcClient jdbc;
    private final LimitPurposes purposes;
    private final boolean strict;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Snapshot snapshot = new Snapshot(Long.MIN_VALUE, Map.of());
    private volatile boolean loaded;
    private volatile boolean pollFailed;

    /** A node's copy that only this node's changes, {@link #poll} and {@link #reload} refresh (and every decision, when strict). */
    ProcessingLimits(JdbcClient jdbc, Policy policy, Duration refreshInterval, List<String> legalClaimsPurposes) {
        if (refreshInterval.isNegative()) {
            throw new IllegalStateException("charte.access.limits.refresh-interval must not be negative");
        }
        this.jdbc = jdbc;
        this.purposes = LimitPurposes.of(policy, legalClaimsPurposes);
        this.strict = refreshInterval.isZero();
    }

    /** The application's copy, polled by the task scheduler every refresh interval. */
    @Autowired
    ProcessingLimits(JdbcClient jdbc, Policy policy,
            @Value("${charte.access.limits.refresh-interval:1s}") Duration refreshInterval,
            @Value("${charte.access.restriction.legal-claims-purposes:unpaid-litigation}") List<String> legalClaimsPurposes,
            ObjectProvider<TaskScheduler> schedulers) {
        this(jdbc, policy, refreshInterval, legalClaimsPurposes);
        TaskScheduler scheduler = schedulers.getIfAvailable();
        if (scheduler != null && !strict) {
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    poll();
                } catch (RuntimeException e) { // not loaded yet, and the database unreachable: the next poll tries again
                    LOG.warn("Could not load the processing limits yet: {}", e.toString());
                }
            }, refreshInterval);
        }
    }

    LimitPurposes purposes() {
        return purposes;
    }

    /** The limits on this person's data, as of the last poll (now, for changes made on this node). */
    SubjectLimits of(UUID subjectId) {
        if (strict || !loaded) {
            poll();
        }
        return snapshot.limits().getOrDefault(subjectId, SubjectLimits.NONE);
    }

    /** Reads the counter and reloads the copy if it moved. */
    void poll() {
        if (loaded && !refreshing.tryLock()) {
            return; // another thread is refreshing: the copy it loads is as fresh
        } else if (!loaded) {
            refreshing.lock(); // the first decision waits for the first load
        }
        try {
            long version = version();
            if (!loaded || version != snapshot.version()) {
                snapshot = load(version);
                loaded = true;
            }
            pollFailed = false;
        } catch (RuntimeException e) {
            if (!loaded || strict) {
                throw e;
            }
            if (!pollFailed) {
                LOG.warn("Could not read the processing limits' counter; keeping the copy in memory until it can: {}", e.toString());
                pollFailed = true;
            }
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

    /** Reads the counter and reloads now. */
    void reload() {
        refreshing.lock();
        try {
            snapshot = load(version());
            loaded = true;
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
        Map<UUID, Set<String>> kept = new HashMap<>();
        jdbc.sql("SELECT subject_id, purposes FROM kept_for_obligation")
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list()
                .forEach(e -> kept.put(e.getKey(), Set.of(e.getValue().split(","))));
        Set<UUID> people = new HashSet<>(restricted);
        people.addAll(objected.keySet());
        people.addAll(kept.keySet());
        Map<UUID, SubjectLimits> limits = new HashMap<>();
        for (UUID person : people) {
            limits.put(person, new SubjectLimits(restricted.contains(person), purposes.allowedWhileRestricted(),
                    objected.getOrDefault(person, Set.of()), kept.get(person)));
        }
        return new Snapshot(version, Map.copyOf(limits));
    }
}
