package org.charte.retention.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.charte.access.AccessRequest.Actor;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.retention.RetentionRuns;
import org.charte.retention.RetentionRuns.Report;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts a run asked for over HTTP (the DPO's page or the API) on a thread of its own, so that a
 * long run never holds a request: the caller waits until the run has its id (or is refused, e.g.
 * another run holds the lock), then at most {@code charte.retention.request-wait} for it to end.
 * Either way the run goes on to its end and its page shows where it is.
 */
@Component
class RunLauncher implements DisposableBean {

    /** A run started: its id, and its report when it ended within the wait (what holds kept included). */
    record Launched(UUID runId, @Nullable Report report) {}

    private final ObjectProvider<RetentionRuns> runs;
    private final AuditLog audit;
    private final int batchSize;
    private final Duration wait;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    RunLauncher(ObjectProvider<RetentionRuns> runs, AuditLog audit, @Value("${charte.retention.batch-size:500}") int batchSize,
            @Value("${charte.retention.request-wait:PT20S}") Duration wait) {
        this.runs = runs;
        this.audit = audit;
        this.batchSize = batchSize;
        this.wait = wait;
    }

    /**
     * Starts a run for a member of staff (or a token) and records who asked in the audit log.
     *
     * @throws RetentionRuns.RunInProgressException when another run that erases holds the lock
     */
    Launched launch(Actor actor, LocalDate asOf, boolean dryRun, RetentionRuns.Trigger trigger) {
        RetentionRuns.Request request = new RetentionRuns.Request(asOf, dryRun, trigger, batchSize);
        CompletableFuture<UUID> started = new CompletableFuture<>();
        CompletableFuture<Report> finished = CompletableFuture.supplyAsync(() -> runs.getObject().run(request, new RetentionRuns.ProgressListener() {
            @Override
            public void started(UUID runId, Map<String, Long> dueByRule) {
                started.complete(runId);
            }
        }), executor);
        finished.whenComplete((report, failure) -> {
            if (failure != null) {
                started.completeExceptionally(failure);
            }
        });
        UUID runId;
        try {
            runId = started.get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a retention run", e);
        }
        audit.append(AuditEvent.allowed(actor.typedId(), dryRun ? "retention-dry-run-requested" : "retention-run-requested", null, "retention-run",
                runId.toString(), null, List.of()));
        try {
            return new Launched(runId, finished.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return new Launched(runId, null); // still running, or failed: its row says which
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Launched(runId, null);
        }
    }

    private static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException("the retention run could not start", cause);
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
