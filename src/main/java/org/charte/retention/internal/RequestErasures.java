package org.charte.retention.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.access.KeptForObligations;
import org.charte.access.RecipientNotices;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.commerce.CommerceRetention;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.policy.CurrentPolicy;
import org.charte.policy.Policy;
import org.charte.retention.ActiveClientRetention;
import org.charte.retention.ArchiveObligations;
import org.charte.retention.Erasures;
import org.charte.retention.HoldPurposes;
import org.charte.retention.LegalHolds.Hold;
import org.charte.retention.RetentionRuns;
import org.charte.retention.RetentionStep;
import org.charte.retention.SubjectErased;
import org.charte.subjects.Lifecycle;
import org.charte.subjects.SubjectRetention;
import org.charte.subjects.SubjectStatus;
import org.charte.support.SupportRetention;
import org.charte.vault.Vault;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One person's erasure on request: the retention run's {@link PersonStep} applied to that person
 * alone, as a one-person run (trigger {@code REQUEST}, rule {@value Erasures#RULE_ID}) whose proofs,
 * counts and archive entries are those of any run. No cluster lock: the person's row lock orders it
 * against a run that reaches the same person (whoever comes second finds them gone or re-checks).
 */
@Service
class RequestErasures implements Erasures {

    static final String CONTRACT_BASIS = "RGPD art. 6.1.b, art. 17.1.a";
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9:_-]{1,100}");

    private final JdbcClient jdbc;
    private final SubjectRetention subjects;
    private final CommerceRetention commerce;
    private final SupportRetention support;
    private final JdbcArchive archive;
    private final JdbcLegalHolds holds;
    private final RecipientNotices notices;
    private final Vault vault;
    private final Policy policy;
    private final CurrentPolicy currentPolicy;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;
    private final RunHeldItems heldItems;
    private final KeptForObligations keptForObligations;

    RequestErasures(JdbcClient jdbc, SubjectRetention subjects, CommerceRetention commerce, SupportRetention support, JdbcArchive archive,
            JdbcLegalHolds holds, RecipientNotices notices, Vault vault, Policy policy, CurrentPolicy currentPolicy,
            ApplicationEventPublisher events, AuditLog audit, Ids ids, Clock clock, RunHeldItems heldItems,
            KeptForObligations keptForObligations) {
        this.keptForObligations = keptForObligations;
        this.jdbc = jdbc;
        this.subjects = subjects;
        this.commerce = commerce;
        this.support = support;
        this.archive = archive;
        this.holds = holds;
        this.notices = notices;
        this.vault = vault;
        this.policy = policy;
        this.currentPolicy = currentPolicy;
        this.events = events;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.heldItems = heldItems;
    }

    @Override
    @Transactional
    public Result erase(UUID subjectId, Ground ground, @Nullable String reference) {
        if (subjectId == null) {
            throw new InvalidInputException("subjectId", "is required");
        }
        if (ground == null) {
            throw new InvalidInputException("ground", "must be person-asked or post-mortem-directives");
        }
        if (reference != null && !REFERENCE.matcher(reference).matches()) {
            throw new InvalidInputException("reference", "must be a code or an id (letters, digits, - _ :), at most 100 characters");
        }
        LocalDate asOf = LocalDate.ofInstant(clock.instant(), JdbcLegalHolds.PARIS);
        Lifecycle lifecycle = subjects.lock(List.of(subjectId)).get(subjectId);
        if (lifecycle == null) {
            throw new InvalidInputException("subjectId", "no person has this id");
        }
        UUID runId = ids.next();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO retention_run (id, as_of, dry_run, run_trigger, status, batch_size, policy_version_id, started_at, heartbeat_at)
                VALUES (?, ?, FALSE, ?, ?, 1, ?, ?, ?)""")
                .params(runId, asOf, RetentionRuns.Trigger.REQUEST.name(), RetentionRuns.Status.RUNNING.name(), currentPolicy.version().id(), now,
                        now)
                .update();

        List<Kept> kept = new ArrayList<>();
        List<Hold> onPerson = holds.activeFor(List.of(subjectId), asOf).stream().filter(Hold::onPerson).toList();
        RetentionStep.Outcome outcome;
        int told = 0;
        if (!onPerson.isEmpty()) {
            // A hold on the person keeps everything of theirs: nothing goes, nobody is told of an erasure.
            onPerson.forEach(h -> kept.add(new Kept("subject", subjectId, Basis.LEGAL_HOLD, h.kind().code(), h.reasonCode(), h.endsOn())));
            // L4: what the hold keeps serves its purpose alone from now on
            keptForObligations.keepOnlyFor(subjectId, HoldPurposes.of(policy).purposes(onPerson.stream().map(Hold::kind).distinct().toList()),
                    "legal-hold", "system");
            outcome = new RetentionStep.Outcome(List.of(), 0, 0, onPerson.stream().map(h -> new RetentionRuns.HeldItem(RULE_ID, "subject", subjectId,
                    subjectId, h.id(), h.kind(), h.reasonCode(), h.endsOn())).toList(), 0);
        } else if (lifecycle.status() == SubjectStatus.CLIENT_ACTIVE && ground == Ground.PERSON_ASKED) {
            // The contract runs: what it needs stays (R5.2); the free field, which no contract needs, goes.
            String rule = ActiveClientRetention.of(policy).map(ActiveClientRetention::ruleId).orElse("client-active");
            int erased = subjects.eraseOtherInformation(List.of(subjectId));
            if (erased > 0) {
                told = notices.tell(subjectId, RecipientNotices.Cause.ERASURE, List.of("otherInformation"), reference, "system").size();
            }
            for (String type : List.of("subject", "commercial-records", "support-requests")) {
                kept.add(new Kept(type, type.equals("subject") ? subjectId : null, Basis.CONTRACT_IN_FORCE, rule, CONTRACT_BASIS, null));
            }
            outcome = new RetentionStep.Outcome(erased > 0 ? List.of(new RetentionStep.Erasure("subject-records", subjectId, subjectId, false))
                    : List.of(), erased, 0, List.of(), 0);
        } else {
            // Recipients are told before the person's tickets (and the grants they opened) go.
            told = notices.tell(subjectId, RecipientNotices.Cause.ERASURE, List.of(), reference, "system").size();
            ArchiveObligations obligations = ArchiveObligations.of(policy);
            PersonStep step = new PersonStep(RULE_ID, 0, lifecycle.status(), day -> new SubjectRetention.Cutoffs(day, day), (l, day) -> true,
                    obligations.obligations().isEmpty() ? null : obligations, subjects, commerce, support, archive, HoldPurposes.of(policy),
                    keptForObligations);
            outcome = step.apply(new RetentionStep.Batch(runId, RULE_ID, asOf, false, holds), List.of(subjectId));
            boolean recordHeld = false;
            for (RetentionRuns.HeldItem item : outcome.held()) {
                kept.add(new Kept(item.recordType(), item.recordId(), Basis.LEGAL_HOLD, item.kind().code(), item.reasonCode(), item.endsOn()));
                if (!recordHeld) {
                    // a hold on a record keeps the person's identity and contact with it, to pursue
                    kept.add(new Kept("subject", subjectId, Basis.LEGAL_HOLD, item.kind().code(), item.reasonCode(), item.endsOn()));
                    recordHeld = true;
                }
            }
            // One line per obligation of each archived record, with that obligation's own end (R9.2, L4).
            jdbc.sql("SELECT record_type, record_id, obligations, record_start, keep_until FROM archive_entry WHERE run_id = ? AND subject_id = ? ORDER BY id")
                    .params(runId, subjectId)
                    .query((rs, n) -> {
                        List<String> ids = List.of(rs.getString("obligations").split(","));
                        LocalDate keepUntil = rs.getObject("keep_until", LocalDate.class);
                        List<Kept> lines = new ArrayList<>();
                        for (ArchiveObligations.Until end : obligations.ends(ids, rs.getObject("record_start", LocalDate.class))) {
                            lines.add(new Kept(rs.getString("record_type"), rs.getObject("record_id", UUID.class), Basis.ARCHIVE_OBLIGATION,
                                    end.obligation().id(), end.obligation().reference(), end.until() == null ? keepUntil : end.until()));
                        }
                        if (lines.isEmpty()) {
                            lines.add(new Kept(rs.getString("record_type"), rs.getObject("record_id", UUID.class), Basis.ARCHIVE_OBLIGATION, ids.getFirst(),
                                    ids.getFirst(), keepUntil));
                        }
                        return lines;
                    }).list().forEach(kept::addAll);
        }

        List<Object[]> proofs = new ArrayList<>();
        for (RetentionStep.Erasure erasure : outcome.erased()) {
            proofs.add(new Object[] {ids.next(), runId, RULE_ID, erasure.recordType(), vault.blindIndex("erasure-proof", erasure.id().toString()), asOf,
                    now});
        }
        for (Object[] proof : proofs) {
            jdbc.sql("INSERT INTO erasure_proof (id, run_id, rule_id, record_type, record_hash, as_of, erased_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(proof).update();
        }
        boolean whole = outcome.erased().stream().anyMatch(RetentionStep.Erasure::subjectErased);
        jdbc.sql("""
                INSERT INTO retention_run_count (run_id, rule_id, position, due, erased, records, archived, held, skipped)
                VALUES (?, ?, 0, 1, ?, ?, ?, ?, ?)""")
                .params(runId, RULE_ID, outcome.erased().size(), outcome.records(), outcome.archived(),
                        outcome.held().size(), outcome.skipped())
                .update();
        heldItems.store(runId, outcome.held());
        jdbc.sql("UPDATE retention_run SET status = ?, finished_at = ? WHERE id = ?").params(RetentionRuns.Status.COMPLETED.name(), now, runId)
                .update();
        if (whole) {
            events.publishEvent(new SubjectErased(subjectId, RULE_ID, runId, asOf));
        }
        Outcome result = whole ? Outcome.ERASED : outcome.erased().isEmpty() ? Outcome.NOTHING_ERASED : Outcome.PARTIAL;
        // Codes and counts only: the run, not the person, is named.
        audit.append(new AuditEvent("system", "retention-run", null, "retention-run", runId.toString(), null, List.of(), AuditOutcome.ALLOWED,
                RULE_ID + "; " + ground.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "; " + result.code() + "; erased "
                        + outcome.erased().size() + " (" + outcome.records() + " rows); archived " + outcome.archived() + "; kept " + kept.size()));
        return new Result(subjectId, result, outcome.records(), kept, told, runId);
    }
}
