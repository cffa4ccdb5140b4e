package org.charte.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.common.Ids;
import org.charte.policy.CurrentPolicy;
import org.charte.retention.RetentionRuns;
import org.charte.retention.RetentionStep;
import org.charte.retention.SubjectErased;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the steps, batch by batch, each batch one transaction: the step erases (and archives), then,
 * in the same transaction, the proofs, the run's counts and its heartbeat are written and
 * {@link SubjectErased} published. A run that erases holds the cluster lock {@value #LOCK} and
 * extends it as batches go (see {@link #EXTEND_EVERY}); it marks runs left RUNNING by a dead process INTERRUPTED.
 */
@Service
class RetentionEngine implements RetentionRuns {

    static final String LOCK = "retention-run";
    static final int HELD_SHOWN = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(RetentionEngine.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;
    private final Vault vault;
    private final ObjectProvider<LockProvider> locks;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Ids ids;
    private final Clock clock;
    private final CurrentPolicy policy;
    private final BuiltInSteps builtIn;
    private final ObjectProvider<RetentionStep> plugged;
    private final JdbcLegalHolds holds;
    private final RunHeldItems heldItems;
    private final Duration lockAtMostFor;

    RetentionEngine(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions, Vault vault, ObjectProvider<LockProvider> locks,
            AuditLog audit, ApplicationEventPublisher events, Ids ids, Clock clock, CurrentPolicy policy, BuiltInSteps builtIn,
            ObjectProvider<RetentionStep> plugged, JdbcLegalHolds holds, RunHeldItems heldItems,
            @Value("${charte.retention.lock-at-most-for:PT10M}") Duration lockAtMostFor) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = new TransactionTemplate(transactions);
        this.vault = vault;
        this.locks = locks;
        this.audit = audit;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.policy = policy;
        this.builtIn = builtIn;
        this.plugged = plugged;
        this.holds = holds;
        this.heldItems = heldItems;
        this.lockAtMostFor = lockAtMostFor;
    }

    /** Built-in steps, and plugged ones (which replace a built-in step of the same rule), in order. */
    List<RetentionStep> steps() {
        Map<String, RetentionStep> byRule = new LinkedHashMap<>();
        builtIn.steps().forEach(step -> byRule.put(step.ruleId(), step));
        plugged.orderedStream().sorted(Comparator.comparingInt(RetentionStep::order).reversed()).forEach(step -> byRule.put(step.ruleId(), step));
        return byRule.values().stream().sorted(Comparator.comparingInt(RetentionStep::order)).toList();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** The run's lock, replaced by each extension (an extended lock is a new one; the old one may no longer be released). */
    private static final class HeldLock {
        @Nullable SimpleLock lock;
        /** When the lock was taken or last extended (ShedLock's clock, as the lock's own times). */
        Instant extendedAt = ClockProvider.now();
    }

    /**
     * The lock is extended after a batch once a tenth of its longest hold has passed since it was
     * taken or last extended (not after every batch: each extension is a commit of its own), so it
     * never comes near expiring while the run lives, and a lost lock is still noticed within that time.
     */
    static final int EXTEND_EVERY = 10;

    @Override
    public Report run(Request request, ProgressListener listener) {
        HeldLock held = new HeldLock();
        if (!request.dryRun()) {
            held.lock = locks.getObject().lock(new LockConfiguration(ClockProvider.now(), LOCK, lockAtMostFor, Duration.ZERO))
                    .orElseThrow(() -> new RunInProgressException("another retention run is in progress (the lock '" + LOCK + "' is held); try again later"));
        }
        try {
            return runLocked(request, listener, held);
        } finally {
            if (held.lock != null) {
                try {
                    held.lock.unlock();
                } catch (RuntimeException e) {
                    LOG.warn("the retention lock could not be released; it expires by itself");
                }
            }
        }
    }

    private Report runLocked(Request request, ProgressListener listener, HeldLock lock) {
        markStale(lock.lock != null);
        List<RetentionStep> steps = steps();
        UUID runId = ids.next();
        Map<String, Long> due = new LinkedHashMap<>();
        for (RetentionStep step : steps) {
            due.put(step.ruleId(), step.countDue(request.asOf()));
        }
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                    INSERT INTO retention_run (id, as_of, dry_run, run_trigger, status, batch_size, policy_version_id, started_at, heartbeat_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(runId, request.asOf(), request.dryRun(), request.trigger().name(), Status.RUNNING.name(), request.batchSize(),
                            policy.version().id(), now(), now())
                    .update();
            int position = 0;
            for (var entry : due.entrySet()) {
                jdbc.sql("""
                        INSERT INTO retention_run_count (run_id, rule_id, position, due, erased, records, archived, held, skipped)
                        VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0)""").params(runId, entry.getKey(), position++, entry.getValue()).update();
            }
        });
        listener.started(runId, due);
        try {
            for (RetentionStep step : steps) {
                UUID after = null;
                long done = 0;
                while (true) {
                    List<UUID> page = step.dueIds(request.asOf(), after, request.batchSize());
                    if (page.isEmpty()) {
                        break;
                    }
                    after = page.getLast();
                    RetentionStep.Batch context = new RetentionStep.Batch(runId, step.ruleId(), request.asOf(), request.dryRun(), holds);
                    transaction.executeWithoutResult(status -> applyBatch(step, context, page));
                    done += page.size();
                    listener.progressed(step.ruleId(), done, Math.max(done, due.getOrDefault(step.ruleId(), 0L)));
                    if (lock.lock != null && lock.extendedAt.plus(lockAtMostFor.dividedBy(EXTEND_EVERY)).isBefore(ClockProvider.now())) {
                        SimpleLock extended = lock.lock.extend(lockAtMostFor, Duration.ZERO).orElse(null);
                        if (extended == null) {
                            lock.lock = null; // lost: nothing of ours to release
                            throw new LostLockException("the retention run lost its lock; another node may run now");
                        }
                        lock.lock = extended;
                        lock.extendedAt = ClockProvider.now();
                    }
                }
            }
            finish(runId, Status.COMPLETED, null);
        } catch (LostLockException e) {
            finish(runId, Status.INTERRUPTED, "lost-lock");
            record(runId, request);
            throw new RunInProgressException(e.getMessage());
        } catch (RuntimeException e) {
            finish(runId, Status.FAILED, e.getClass().getSimpleName());
            record(runId, request);
            throw e;
        }
        record(runId, request);
        return find(runId).orElseThrow();
    }

    private static final class LostLockException extends RuntimeException {
        LostLockException(String message) {
            super(message);
        }
    }

    private void applyBatch(RetentionStep step, RetentionStep.Batch context, List<UUID> page) {
        RetentionStep.Outcome outcome = step.apply(context, page);
        OffsetDateTime now = now();
        if (!context.dryRun() && !outcome.erased().isEmpty()) {
            List<Object> values = new ArrayList<>(PROOFS_PER_INSERT * 7);
            List<RetentionStep.Erasure> erased = outcome.erased();
            for (int i = 0; i < erased.size(); i++) {
                RetentionStep.Erasure erasure = erased.get(i);
                values.addAll(List.of(ids.next(), context.runId(), step.ruleId(), erasure.recordType(), proofHash(erasure.id()), context.asOf(), now));
                if (values.size() == PROOFS_PER_INSERT * 7 || i == erased.size() - 1) {
                    insertProofs(values);
                    values.clear();
                }
            }
            for (RetentionStep.Erasure erasure : outcome.erased()) {
                if (erasure.subjectErased() && erasure.subjectId() != null) {
                    events.publishEvent(new SubjectErased(erasure.subjectId(), step.ruleId(), context.runId(), context.asOf()));
                }
            }
        }
        jdbc.sql("""
                UPDATE retention_run_count SET erased = erased + ?, records = records + ?, archived = archived + ?, held = held + ?,
                    skipped = skipped + ? WHERE run_id = ? AND rule_id = ?""")
                .params(outcome.erased().size(), outcome.records(), outcome.archived(), outcome.held().size(), outcome.skipped(), context.runId(),
                        step.ruleId())
                .update();
        heldItems.store(context.runId(), outcome.held());
        jdbc.sql("UPDATE retention_run SET heartbeat_at = ? WHERE id = ?").params(now, context.runId()).update();
    }

    /** Proofs go in with multi-row INSERTs of up to this many rows (7 parameters each): a few statements per batch, not one per proof. */
    static final int PROOFS_PER_INSERT = 250;

    private void insertProofs(List<Object> values) {
        int rows = values.size() / 7;
        batch.update("INSERT INTO erasure_proof (id, run_id, rule_id, record_type, record_hash, as_of, erased_at) VALUES "
                + String.join(", ", java.util.Collections.nCopies(rows, "(?, ?, ?, ?, ?, ?, ?)")), values.toArray());
    }

    /**
     * Runs left RUNNING by a process that died: those whose heartbeat is older than the lock's
     * longest hold, and, for the holder of the lock, every other run that erases.
     */
    private void markStale(boolean holdingLock) {
        OffsetDateTime now = now();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("UPDATE retention_run SET status = ?, finished_at = ?, failure = ? WHERE status = ? AND heartbeat_at < ?")
                    .params(Status.INTERRUPTED.name(), now, "stale", Status.RUNNING.name(), now.minus(lockAtMostFor)).update();
            if (holdingLock) {
                jdbc.sql("UPDATE retention_run SET status = ?, finished_at = ?, failure = ? WHERE status = ? AND dry_run = FALSE")
                        .params(Status.INTERRUPTED.name(), now, "stale", Status.RUNNING.name()).update();
            }
        });
    }

    private void finish(UUID runId, Status status, @Nullable String failure) {
        transaction.executeWithoutResult(tx -> jdbc.sql("UPDATE retention_run SET status = ?, finished_at = ?, failure = ? WHERE id = ?")
                .params(status.name(), now(), failure, runId).update());
    }

    /** The run in the audit log: codes and counts only. */
    private void record(UUID runId, Request request) {
        jdbc.sql(RUN + " WHERE id = ?").param(runId).query(RetentionEngine::runRow).optional().map(row -> report(row, false)).ifPresent(run -> {
            long records = run.rules().stream().mapToLong(RuleCounts::records).sum();
            long skipped = run.rules().stream().mapToLong(RuleCounts::skipped).sum();
            String reason = "as-of " + run.asOf() + "; " + run.trigger().name().toLowerCase(java.util.Locale.ROOT) + "; "
                    + run.status().name().toLowerCase(java.util.Locale.ROOT) + "; erased " + run.erased() + " (" + records + " rows); archived "
                    + run.archived() + "; held " + run.heldCount() + "; skipped " + skipped;
            audit.append(new AuditEvent("system", request.dryRun() ? "retention-dry-run" : "retention-run", null, "retention-run", runId.toString(),
                    null, List.of(), AuditOutcome.ALLOWED, reason));
        });
    }

    @Override
    public String proofHash(UUID erasedId) {
        return vault.blindIndex("erasure-proof", erasedId.toString());
    }

    private static final String RUN = "SELECT id, as_of, dry_run, run_trigger, status, started_at, finished_at FROM retention_run";

    private record RunRow(UUID id, LocalDate asOf, boolean dryRun, Trigger trigger, Status status, Instant startedAt, @Nullable Instant finishedAt) {}

    private static RunRow runRow(ResultSet rs, int n) throws SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new RunRow(rs.getObject("id", UUID.class), rs.getObject("as_of", LocalDate.class), rs.getBoolean("dry_run"),
                Trigger.valueOf(rs.getString("run_trigger")), Status.valueOf(rs.getString("status")),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant());
    }

    private Report report(RunRow run, boolean withHeld) {
        List<RuleCounts> counts = jdbc.sql("""
                SELECT rule_id, due, erased, records, archived, held, skipped FROM retention_run_count WHERE run_id = ? ORDER BY position""")
                .param(run.id())
                .query((rs, n) -> new RuleCounts(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7)))
                .list();
        return new Report(run.id(), run.asOf(), run.dryRun(), run.trigger(), run.status(), run.startedAt(), run.finishedAt(), counts,
                withHeld ? heldItems.page(run.id(), HELD_SHOWN) : List.of());
    }

    @Override
    public List<Report> recent(int limit) {
        return jdbc.sql(RUN + " ORDER BY started_at DESC, id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY")
                .query(RetentionEngine::runRow).list().stream().map(run -> report(run, false)).toList();
    }

    @Override
    public Optional<Report> find(UUID runId) {
        return jdbc.sql(RUN + " WHERE id = ?").param(runId).query(RetentionEngine::runRow).optional().map(run -> report(run, true));
    }

    @Override
    public List<HeldItem> held(UUID runId, int limit) {
        return heldItems.page(runId, limit);
    }

    @Override
    public List<Proof> proofs(UUID runId, int limit) {
        return jdbc.sql("""
                SELECT id, run_id, rule_id, record_type, record_hash, as_of, erased_at FROM erasure_proof WHERE run_id = ?
                ORDER BY id FETCH FIRST\s""" + Math.max(1, limit) + " ROWS ONLY")
                .param(runId)
                .query((rs, n) -> new Proof(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, OffsetDateTime.class).toInstant()))
                .list();
    }

    @Override
    public List<Forecast> forecast(int days) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), JdbcLegalHolds.PARIS);
        int horizon = Math.max(1, Math.min(days, 3660));
        List<Forecast> forecasts = new ArrayList<>();
        for (RetentionStep step : steps()) {
            long now = step.countDue(today);
            long previous = now;
            List<Week> weeks = new ArrayList<>();
            for (LocalDate from = today.plusDays(1); !from.isAfter(today.plusDays(horizon)); from = from.plusWeeks(1)) {
                LocalDate until = from.plusDays(6).isAfter(today.plusDays(horizon)) ? today.plusDays(horizon) : from.plusDays(6);
                long due = step.countDue(until);
                weeks.add(new Week(from, until, Math.max(0, due - previous)));
                previous = due;
            }
            forecasts.add(new Forecast(step.ruleId(), now, weeks));
        }
        return forecasts;
    }

    @Override
    public List<Outlook> outlook(List<Integer> days) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), JdbcLegalHolds.PARIS);
        List<Outlook> outlooks = new ArrayList<>();
        for (RetentionStep step : steps()) {
            List<Long> within = new ArrayList<>();
            for (int d : days) {
                within.add(step.countDue(today.plusDays(Math.max(1, Math.min(d, 3660)))));
            }
            outlooks.add(new Outlook(step.ruleId(), step.countDue(today), List.copyOf(within)));
        }
        return outlooks;
    }
}
