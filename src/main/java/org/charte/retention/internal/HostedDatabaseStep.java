package org.charte.retention.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.charte.common.Zones;
import org.charte.hosting.DestructionSchedule;
import org.charte.hosting.HostedDatabaseDestruction;
import org.charte.hosting.HostedDatabaseDestruction.DueDestruction;
import org.charte.retention.LegalHolds.Hold;
import org.charte.retention.RetentionRuns.HeldItem;
import org.charte.retention.RetentionStep;
import org.jspecify.annotations.Nullable;

/**
 * R5.5: hosted Gestan databases destroyed 30 days after termination, each with the hosting
 * module's signed certificate and a proof. The due day is hosting's {@link DestructionSchedule} (stored at
 * termination): the run as of that day destroys the database, dry or not it says so; no second rule here. A hold on the client (litigation, an authority's request)
 * keeps the database. A destruction is never simulated ahead: a run counting as of a day after
 * today destroys only what is already due today and leaves the rest for its day.
 */
final class HostedDatabaseStep implements RetentionStep {

    static final String RECORD_TYPE = "hosted-database";

    private final DestructionSchedule rule;
    private final HostedDatabaseDestruction hosting;
    private final Clock clock;

    HostedDatabaseStep(DestructionSchedule rule, HostedDatabaseDestruction hosting, Clock clock) {
        this.rule = rule;
        this.hosting = hosting;
        this.clock = clock;
    }

    @Override
    public String ruleId() {
        return rule.ruleId();
    }

    @Override
    public int order() {
        return 45;
    }

    @Override
    public long countDue(LocalDate asOf) {
        return hosting.countDueAsOf(asOf);
    }

    @Override
    public List<UUID> dueIds(LocalDate asOf, @Nullable UUID after, int limit) {
        return hosting.dueAsOf(asOf, after, limit).stream().map(DueDestruction::hostedDatabaseId).toList();
    }

    @Override
    public Outcome apply(Batch batch, List<UUID> ids) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), Zones.PARIS);
        LocalDate day = batch.asOf().isAfter(today) ? today : batch.asOf();
        Map<UUID, DueDestruction> due = hosting.dueAmong(day, ids).stream()
                .filter(d -> DestructionSchedule.isDue(d.destructionDueOn(), day))
                .collect(Collectors.toMap(DueDestruction::hostedDatabaseId, Function.identity()));
        List<Hold> holds = batch.holds().activeFor(due.values().stream().map(DueDestruction::subjectId).distinct().toList(), batch.asOf());
        List<Erasure> erased = new ArrayList<>();
        List<HeldItem> held = new ArrayList<>();
        for (UUID id : ids) {
            DueDestruction database = due.get(id);
            if (database == null) {
                continue;
            }
            Hold hold = holds.stream().filter(h -> h.onPerson() && h.subjectId().equals(database.subjectId())).findFirst().orElse(null);
            if (hold != null) {
                held.add(new HeldItem(ruleId(), RECORD_TYPE, id, database.subjectId(), hold.id(), hold.kind(), hold.reasonCode(), hold.endsOn()));
                continue;
            }
            if (!batch.dryRun()) {
                hosting.destroy(id, day, "retention-" + batch.runId());
            }
            erased.add(new Erasure(RECORD_TYPE, id, database.subjectId(), false));
        }
        return new Outcome(erased, batch.dryRun() ? 0 : erased.size(), 0, held, ids.size() - due.size());
    }
}
