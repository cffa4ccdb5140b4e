package org.charte.registers.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.charte.policy.Policy;
import org.charte.registers.DeskHorizon;
import org.charte.registers.DeskItem;
import org.charte.registers.DeskSection;
import org.charte.registers.DeskSeverity;
import org.charte.retention.RetentionRuns;
import org.springframework.stereotype.Component;

/**
 * The retention forecast over the desk's horizon (R5.6): per rule, the people or records the runs
 * will erase by then (due today included), as the retention module counts them for its own page;
 * the rules with nothing due are left out.
 */
@Component
class DeskRetentionForecast implements DeskSection {

    private final RetentionRuns runs;
    private final Policy policy;
    private final DeskLabels labels;

    DeskRetentionForecast(RetentionRuns runs, Policy policy, DeskLabels labels) {
        this.runs = runs;
        this.policy = policy;
        this.labels = labels;
    }

    @Override
    public String key() {
        return "retention-forecast";
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public String link() {
        return "/backoffice/conservation#prevision";
    }

    @Override
    public List<DeskItem> items(LocalDate today, Locale locale) {
        LocalDate until = DeskHorizon.until(today);
        return runs.outlook(List.of(DeskHorizon.DAYS)).stream().filter(o -> o.dueWithin().getFirst() > 0)
                .map(o -> new DeskItem(labels.text("desk.item.forecast", locale, label(o.ruleId(), locale), o.dueWithin().getFirst(),
                        labels.date(until, locale), o.dueNow()), link(), DeskSeverity.TO_DO, until, o.dueWithin().getFirst()))
                .toList();
    }

    private String label(String ruleId, Locale locale) {
        return policy.retentionRules().stream().filter(r -> r.id().equals(ruleId)).findFirst().map(r -> r.label().in(locale)).orElse(ruleId);
    }
}
