package org.charte.registers.internal;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.charte.access.Subcontractor;
import org.charte.access.Subcontractors;
import org.charte.registers.DeskHorizon;
import org.charte.registers.DeskItem;
import org.charte.registers.DeskSection;
import org.springframework.stereotype.Component;

/**
 * Subcontractors' contracts that end within the desk's horizon, or have ended (R6.4, R8.6): a
 * subcontractor's users reach nothing once its contract is no longer in force, so the DPO records
 * the renewed contract in time.
 */
@Component
class DeskSubcontractorContracts implements DeskSection {

    private final Subcontractors subcontractors;
    private final DeskLabels labels;

    DeskSubcontractorContracts(Subcontractors subcontractors, DeskLabels labels) {
        this.subcontractors = subcontractors;
        this.labels = labels;
    }

    @Override
    public String key() {
        return "subcontractor-contracts";
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public String link() {
        return "/backoffice/subcontractors";
    }

    @Override
    public List<DeskItem> items(LocalDate today, Locale locale) {
        return subcontractors.all().stream().filter(s -> s.contractEndsOn() != null)
                .sorted(Comparator.comparing(Subcontractor::contractEndsOn).thenComparing(Subcontractor::name))
                .flatMap(s -> DeskHorizon.of(s.contractEndsOn(), today).stream().map(severity -> DeskItem.one(
                        labels.text("desk.item.contract", locale, s.name(), labels.date(s.contractEndsOn(), locale)), link(), severity,
                        s.contractEndsOn())))
                .toList();
    }
}
