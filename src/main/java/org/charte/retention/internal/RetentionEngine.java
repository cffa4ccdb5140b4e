package org.charte.retention.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.charte.retention.RetentionRuns;
import org.charte.retention.SubjectErased;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the steps, batch by batch, each batch one transaction: the step erases (and archives), then,
 * in the same transaction, the {@link RunLog} writes the proofs, the run's counts and its heartbeat,
 * and {@link SubjectErased} is published. A run that erases holds the {@link RunLock} and extends it
 * as batches go; it marks runs left RUNNING by a dead process INTERRUPTED.
 */
@Service
class RetentionEngine implements RetentionRuns {

    private final RunLog log;
    private final TransactionTemplate transaction;
    private final RunLock runLock;
    private final ApplicationEventPublisher events;
    private final BuiltInSteps builtIn;
    private final ObjectProvider<RetentionStep> plugged;
    private final LegalHoldService holds;

    RetentionEngine(RunLog log, PlatformTransactionManager transactions, RunLock runLock, ApplicationEventPublisher events, BuiltInSteps builtIn,
            ObjectProvider<RetentionStep> plugged, LegalHoldService holds) {
        this.log = log;
        this.transaction = new TransactionTemplate(transactions);
        this.runLock = runLock;
        this.events = events;
        this.builtIn = builtIn;
        this.plugged = plugged;
        this.holds = holds;
    }

    /** Built-in steps, and plugged ones (which replace a built-in step of the same rule), in order. */
    List<RetentionStep> steps() {
        Map<String, RetentionStep> byRule = new LinkedHashMap<>();
        builtIn.steps().forEach(step -> byRule.put(step.ruleId(), step));
        plugged.orderedStream().sorted(Comparator.comparingInt(RetentionStep::order).reversed()).forEach(step -> byRule.put(step.ruleId(), step));
        return byRule.values().stream().sorted(Comparator.comparingInt(RetentionStep::order)).toList();
    }

    @Override
    public Report run(Request request, ProgressListener listener) {
        RunLock.Held held = request.dryRun() ? null : runLock.take();
        try {
            return runLocked(request, listener, held);
        } finally {
            if (held != null) {
                held.release();
            }
        }
    }

    private Report runLocked(Request request, ProgressListener listener, RunLock.@Nullable Held lock) {
        transaction.executeWithoutResult(status -> log.interruptStale(lock != null, runLock.longestHold()));
        List<RetentionStep> steps = steps();
        Map<String, Long> due = new LinkedHashMap<>();
        for (RetentionStep step : steps) {
            due.put(step.ruleId(), step.countDue(request.asOf()));
        }
        UUID runId = transaction.execute(status -> log.open(request.asOf(), request.dryRun(), request.trigger(), request.batchSize(), due));
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
                    if (lock != null) {
                        lock.keep();
                    }
                }
            }
            finish(runId, Status.COMPLETED, null);
        } catch (RunLock.LostException e) {
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

    private void applyBatch(RetentionStep step, RetentionStep.Batch context, List<UUID> page) {
        RetentionStep.Outcome outcome = step.apply(context, page);
        log.batch(context.runId(), step.ruleId(), context.asOf(), context.dryRun(), outcome);
        if (!context.dryRun()) {
            for (RetentionStep.Erasure erasure : outcome.erased()) {
                if (erasure.subjectErased() && erasure.subjectId() != null) {
                    events.publishEvent(new SubjectErased(erasure.subjectId(), step.ruleId(), context.runId(), context.asOf()));
                }
            }
        }
    }

    private void finish(UUID runId, Status status, @Nullable String failure) {
        transaction.executeWithoutResult(tx -> log.finish(runId, status, failure));
    }

    /** The run in the audit log: codes and counts only. */
    private void record(UUID runId, Request request) {
        log.find(runId, false).ifPresent(run -> {
            long records = run.rules().stream().mapToLong(RuleCounts::records).sum();
            long skipped = run.rules().stream().mapToLong(RuleCounts::skipped).sum();
            String reason = "as-of " + run.asOf() + "; " + run.trigger().name().toLowerCase(Locale.ROOT) + "; "
                    + run.status().name().toLowerCase(Locale.ROOT) + "; erased " + run.erased() + " (" + records + " rows); archived "
                    + run.archived() + "; held " + run.heldCount() + "; skipped " + skipped;
            log.audit(runId, request.dryRun() ? "retention-dry-run" : "retention-run", reason);
        });
    }

    @Override
    public String proofHash(UUID erasedId) {
        return log.proofHash(erasedId);
    }

    @Override
    public List<Report> recent(int limit) {
        return log.recent(limit);
    }

    @Override
    public Optional<Report> find(UUID runId) {
        return log.find(runId, true);
    }

    @Override
    public List<HeldItem> held(UUID runId, int limit) {
        return log.held(runId, limit);
    }

    @Override
    public List<Proof> proofs(UUID runId, int limit) {
        return log.proofs(runId, limit);
    }

    @Override
    public List<Forecast> forecast(int days) {
        LocalDate today = holds.today();
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
        LocalDate today = holds.today();
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
