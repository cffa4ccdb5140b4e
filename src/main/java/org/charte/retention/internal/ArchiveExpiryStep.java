package org.charte.retention.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.charte.retention.LegalHolds.Hold;
import org.charte.retention.RetentionRuns.HeldItem;
import org.jspecify.annotations.Nullable;

/**
 * L4: an archive entry whose obligations have all ended is erased, its key destroyed, with a
 * proof; a hold on its (former) person or on its record keeps it.
 */
final class ArchiveExpiryStep implements RetentionStep {

    static final String RULE = "archive";

    private final JdbcArchive archive;
    private final LegalHoldService holds;

    ArchiveExpiryStep(JdbcArchive archive, LegalHoldService holds) {
        this.archive = archive;
        this.holds = holds;
    }

    @Override
    public String ruleId() {
        return RULE;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public long countDue(LocalDate asOf) {
        return archive.countExpired(asOf);
    }

    @Override
    public List<UUID> dueIds(LocalDate asOf, @Nullable UUID after, int limit) {
        return archive.expiredIds(asOf, after, limit);
    }

    @Override
    public Outcome apply(Batch batch, List<UUID> ids) {
        List<JdbcArchive.Stored> due = archive.lock(ids).stream().filter(e -> ArchiveObligations.isExpired(e.keepUntil(), batch.asOf())).toList();
        List<Hold> onPeople = batch.holds().activeFor(due.stream().map(JdbcArchive.Stored::subjectId).distinct().toList(), batch.asOf());
        List<Hold> onRecords = holds.activeOnRecords(due.stream().map(JdbcArchive.Stored::recordId).toList(), batch.asOf());
        List<UUID> erasable = new ArrayList<>();
        List<Erasure> erased = new ArrayList<>();
        List<HeldItem> held = new ArrayList<>();
        for (JdbcArchive.Stored entry : due) {
            Hold hold = onPeople.stream().filter(h -> h.subjectId().equals(entry.subjectId()) && h.onPerson()).findFirst()
                    .or(() -> onRecords.stream().filter(h -> entry.recordId().equals(h.recordId())).findFirst()).orElse(null);
            if (hold != null) {
                held.add(new HeldItem(RULE, "archive-entry", entry.id(), entry.subjectId(), hold.id(), hold.kind(), hold.reasonCode(), hold.endsOn()));
            } else {
                erasable.add(entry.id());
                erased.add(new Erasure("archive-entry", entry.id(), null, false));
            }
        }
        long records = batch.dryRun() ? 0 : archive.erase(erasable);
        return new Outcome(erased, records, 0, held, ids.size() - due.size());
    }
}
