package org.charte.retention.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.access.RecipientNotices;
import org.charte.common.InvalidInputException;
import org.charte.policy.Policy;
import org.charte.retention.Erasures;
import org.charte.retention.LegalHolds.Hold;
import org.charte.retention.RetentionRuns;
import org.charte.retention.SubjectErased;
import org.charte.subjects.Lifecycle;
import org.charte.subjects.SubjectRetention;
import org.charte.subjects.SubjectStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
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

    /** The contract in force still needs the data: Art. 6(1)(b), so no ground of Art. 17(1) applies (see {@link Kept#gdprArticle()}). */
    static final String CONTRACT_BASIS = "contract";
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9:_-]{1,100}");

    private final RunLog log;
    private final PersonErasers erasers;
    private final LegalHoldService holds;
    private final RecipientNotices notices;
    private final Policy policy;
    private final ApplicationEventPublisher events;

    RequestErasures(RunLog log, PersonErasers erasers, LegalHoldService holds, RecipientNotices notices, Policy policy,
            ApplicationEventPublisher events) {
        this.log = log;
        this.erasers = erasers;
        this.holds = holds;
        this.notices = notices;
        this.policy = policy;
        this.events = events;
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
        LocalDate asOf = holds.today();
        SubjectRetention subjects = erasers.subjects();
        Lifecycle lifecycle = subjects.lock(List.of(subjectId)).get(subjectId);
        if (lifecycle == null) {
            throw new InvalidInputException("subjectId", "no person has this id");
        }
        UUID runId = log.open(asOf, false, RetentionRuns.Trigger.REQUEST, 1, Map.of(RULE_ID, 1L));

        List<Kept> kept = new ArrayList<>();
        List<Hold> onPerson = holds.activeFor(List.of(subjectId), asOf).stream().filter(Hold::onPerson).toList();
        RetentionStep.Outcome outcome;
        int told = 0;
        if (!onPerson.isEmpty()) {
            // A hold on the person keeps everything of theirs: nothing goes, nobody is told of an erasure.
            onPerson.forEach(h -> kept.add(new Kept("subject", subjectId, Basis.LEGAL_HOLD, h.kind().code(), h.reasonCode(), h.endsOn())));
            // L4: what the hold keeps serves its purpose alone from now on
            erasers.kept().keepOnlyFor(subjectId, erasers.holdPurposes().purposes(onPerson.stream().map(Hold::kind).distinct().toList()),
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
                    obligations.obligations().isEmpty() ? null : obligations, erasers);
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
            for (JdbcArchive.Archived entry : erasers.archive().archivedBy(runId, subjectId)) {
                List<String> ids = entry.obligations();
                List<Kept> lines = new ArrayList<>();
                for (ArchiveObligations.Until end : obligations.ends(ids, entry.recordStart())) {
                    lines.add(new Kept(entry.recordType(), entry.recordId(), Basis.ARCHIVE_OBLIGATION, end.obligation().id(),
                            end.obligation().reference(), end.until() == null ? entry.keepUntil() : end.until()));
                }
                if (lines.isEmpty()) {
                    lines.add(new Kept(entry.recordType(), entry.recordId(), Basis.ARCHIVE_OBLIGATION, ids.getFirst(), ids.getFirst(),
                            entry.keepUntil()));
                }
                kept.addAll(lines);
            }
        }

        log.batch(runId, RULE_ID, asOf, false, outcome);
        log.finish(runId, RetentionRuns.Status.COMPLETED, null);
        boolean whole = outcome.erased().stream().anyMatch(RetentionStep.Erasure::subjectErased);
        if (whole) {
            events.publishEvent(new SubjectErased(subjectId, RULE_ID, runId, asOf));
        }
        Outcome result = whole ? Outcome.ERASED : outcome.erased().isEmpty() ? Outcome.NOTHING_ERASED : Outcome.PARTIAL;
        // Codes and counts only: the run, not the person, is named.
        log.audit(runId, "retention-run", RULE_ID + "; " + ground.name().toLowerCase(Locale.ROOT).replace('_', '-') + "; " + result.code()
                + "; erased " + outcome.erased().size() + " (" + outcome.records() + " rows); archived " + outcome.archived() + "; kept " + kept.size());
        return new Result(subjectId, result, outcome.records(), kept, told, runId);
    }
}
