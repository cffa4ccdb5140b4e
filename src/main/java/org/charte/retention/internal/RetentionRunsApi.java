package org.charte.retention.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.CurrentActor;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.common.UnknownIdException;
import org.charte.retention.RetentionRuns;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Retention runs and the forecast over JSON, for the DPO and their tools (R5.6): the latest runs,
 * a run with its first proofs, a run started (dry by default; a real one only by the DPO in person,
 * never ahead of today), and what the next days will erase per rule. Codes, counts and keyed hashes:
 * nothing personal.
 */
@RestController
@RequestMapping("/api/v1/retention")
@Tag(name = "Retention", description = "Legal holds and the intermediate archive (policy §5, R5.6, L4)")
class RetentionRunsApi {

    static final int MAX_DAYS = 365;
    static final int MAX_PROOFS = 10_000;
    static final int MAX_HELD = 10_000;

    private final RetentionRuns runs;
    private final RunLauncher launcher;
    private final CurrentActor actors;
    private final LegalHoldService store;

    RetentionRunsApi(RetentionRuns runs, RunLauncher launcher, CurrentActor actors, LegalHoldService store) {
        this.runs = runs;
        this.launcher = launcher;
        this.actors = actors;
        this.store = store;
    }

    /**
     * A run with its counts; on a single run's page only, what holds kept ({@code heldItems}, as
     * stored with the run, dry or real) and its proofs, the first ones of each.
     */
    record RunView(UUID id, LocalDate asOf, boolean dryRun, String trigger, String status, Instant startedAt,
            @Nullable Instant finishedAt, long erased, long archived, long held, List<RetentionRuns.RuleCounts> rules,
            @Nullable List<RetentionRuns.HeldItem> heldItems, @Nullable Boolean heldTruncated, @Nullable List<ProofView> proofs,
            @Nullable Boolean proofsTruncated) {

        static RunView of(RetentionRuns.Report r, @Nullable List<ProofView> proofs, @Nullable Boolean truncated) {
            return of(r, r.held().isEmpty() ? null : r.held(), null, proofs, truncated);
        }

        static RunView of(RetentionRuns.Report r, @Nullable List<RetentionRuns.HeldItem> held, @Nullable Boolean heldTruncated,
                @Nullable List<ProofView> proofs, @Nullable Boolean truncated) {
            return new RunView(r.id(), r.asOf(), r.dryRun(), code(r.trigger()), code(r.status()), r.startedAt(), r.finishedAt(), r.erased(),
                    r.archived(), r.heldCount(), r.rules(), held, heldTruncated, proofs, truncated);
        }
    }

    record ProofView(UUID id, String ruleId, String recordType, String recordHash, LocalDate asOf, Instant erasedAt) {}

    /** What to run: as of a day (default today), dry unless {@code dryRun} is false. */
    record NewRun(@Nullable @Size(max = 10) String asOf, @Nullable Boolean dryRun) {}

    record ForecastView(int days, LocalDate from, LocalDate until, List<RuleForecast> rules) {}

    record RuleForecast(String ruleId, long dueNow, long becomingDue, long total, List<RetentionRuns.Week> weeks) {}

    private static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @GetMapping("/runs")
    @Operation(summary = "The latest retention runs, newest first, with their counts per rule (the DPO)")
    List<RunView> recent(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 200) {
            throw new InvalidInputException("limit", "must be between 1 and 200");
        }
        return runs.recent(limit).stream().map(r -> RunView.of(r, null, null)).toList();
    }

    @GetMapping("/runs/{id}")
    @Operation(summary = "A retention run with its counts, what legal holds kept (rule, record, hold, kind, reason code, end; dry runs too) and its first proofs of erasure (rule, record type, keyed hash, dates)")
    RunView run(@PathVariable UUID id, @RequestParam(defaultValue = "100") int proofs, @RequestParam(defaultValue = "1000") int held) {
        List<FieldError> errors = new ArrayList<>();
        if (proofs < 1 || proofs > MAX_PROOFS) {
            errors.add(new FieldError("proofs", "must be between 1 and " + MAX_PROOFS));
        }
        if (held < 1 || held > MAX_HELD) {
            errors.add(new FieldError("held", "must be between 1 and " + MAX_HELD));
        }
        InvalidInputException.throwIfAny(errors);
        RetentionRuns.Report report = runs.find(id).orElseThrow(UnknownRunException::new);
        List<RetentionRuns.Proof> found = runs.proofs(id, proofs + 1);
        List<ProofView> shown = found.stream().limit(proofs)
                .map(p -> new ProofView(p.id(), p.ruleId(), p.recordType(), p.recordHash(), p.asOf(), p.erasedAt())).toList();
        List<RetentionRuns.HeldItem> kept = runs.held(id, held + 1);
        return RunView.of(report, kept.size() > held ? kept.subList(0, held) : kept, kept.size() > held, shown, found.size() > proofs);
    }

    @PostMapping("/runs")
    @Operation(summary = "Start a retention run: dry by default; a real one only by the DPO signed in, as of today or earlier (409 while another runs)")
    ResponseEntity<RunView> start(Authentication authentication, @RequestBody(required = false) @Nullable NewRun body) {
        NewRun asked = body == null ? new NewRun(null, null) : body;
        LocalDate today = store.today();
        List<FieldError> errors = new ArrayList<>();
        LocalDate asOf = asked.asOf() == null || asked.asOf().isBlank() ? today : RetentionPages.date("asOf", asked.asOf().strip(), errors);
        boolean dryRun = asked.dryRun() == null || asked.dryRun();
        Actor actor = actors.of(authentication);
        if (!dryRun && actor.kind() != Actor.Kind.STAFF) {
            throw new AccessDecisions.AccessDeniedException("a real retention run is started by the DPO in person, not by a token");
        }
        if (!dryRun && asOf != null && asOf.isAfter(today)) {
            errors.add(new FieldError("asOf", "a real run counts as of today or earlier (a dry run may look ahead)"));
        }
        InvalidInputException.throwIfAny(errors);
        RunLauncher.Launched launched = launcher.launch(actor, asOf, dryRun, RetentionRuns.Trigger.API);
        URI location = URI.create("/api/v1/retention/runs/" + launched.runId());
        if (launched.report() == null) {
            return ResponseEntity.accepted().location(location).body(runs.find(launched.runId()).map(r -> RunView.of(r, null, null)).orElse(null));
        }
        return ResponseEntity.created(location).body(RunView.of(launched.report(), null, null));
    }

    @GetMapping("/forecast")
    @Operation(summary = "What will be erased per rule over the next days (1 to 365; 30, 90 or 365 usually): due now, becoming due week by week")
    ForecastView forecast(@RequestParam(defaultValue = "30") int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInputException("days", "must be between 1 and " + MAX_DAYS + " (30, 90 or 365 usually)");
        }
        LocalDate today = store.today();
        List<RuleForecast> rules = runs.forecast(days).stream().map(f -> {
            long becoming = f.weeks().stream().mapToLong(RetentionRuns.Week::becomingDue).sum();
            return new RuleForecast(f.ruleId(), f.dueNow(), becoming, f.dueNow() + becoming, f.weeks());
        }).toList();
        return new ForecastView(days, today, today.plusDays(days), rules);
    }

    static class UnknownRunException extends UnknownIdException {
        UnknownRunException() {
            super("id", "no such retention run");
        }
    }
}
