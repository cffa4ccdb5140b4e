package org.charte.retention.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.charte.cookies.NavigationDataRetention;
import org.charte.cookies.NavigationDataRetention.Unit;
import org.jspecify.annotations.Nullable;

/**
 * R5.4, L8: navigation data goes by whole months once {@link NavigationRetention} says so, through the
 * cookies module (on PostgreSQL a month's partition is dropped, on H2 its rows are deleted in
 * batches), with a proof of erasure per month and kind of data. It names no person: no legal hold
 * reaches it.
 */
final class NavigationDataStep implements RetentionStep {

    static final String RECORD_TYPE = "navigation-month";

    private final NavigationRetention rule;
    private final NavigationDataRetention navigation;

    NavigationDataStep(NavigationRetention rule, NavigationDataRetention navigation) {
        this.rule = rule;
        this.navigation = navigation;
    }

    @Override
    public String ruleId() {
        return rule.ruleId();
    }

    @Override
    public int order() {
        return 65;
    }

    @Override
    public long countDue(LocalDate asOf) {
        return navigation.before(rule.firstKept(asOf)).size();
    }

    @Override
    public List<UUID> dueIds(LocalDate asOf, @Nullable UUID after, int limit) {
        return navigation.before(rule.firstKept(asOf)).stream().map(Unit::id).filter(id -> after == null || id.compareTo(after) > 0)
                .limit(limit).toList();
    }

    @Override
    public Outcome apply(Batch batch, List<UUID> ids) {
        LocalDate firstKept = rule.firstKept(batch.asOf());
        Map<UUID, Unit> due = navigation.before(firstKept).stream().collect(Collectors.toMap(Unit::id, Function.identity()));
        Set<UUID> asked = new HashSet<>(ids);
        List<Unit> units = new ArrayList<>();
        List<Erasure> erased = new ArrayList<>();
        for (UUID id : ids) {
            Unit unit = due.get(id);
            if (unit != null) {
                units.add(unit);
                erased.add(new Erasure(RECORD_TYPE, id, null, false));
            }
        }
        long records = batch.dryRun() ? 0 : navigation.erase(units, firstKept);
        return new Outcome(erased, records, 0, List.of(), asked.size() - units.size());
    }
}
