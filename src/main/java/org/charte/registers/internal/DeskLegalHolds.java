package org.charte.registers.internal;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.charte.registers.DeskHorizon;
import org.charte.registers.DeskItem;
import org.charte.registers.DeskSection;
import org.charte.retention.LegalHolds;
import org.springframework.stereotype.Component;

/**
 * Legal holds in force that end within the desk's horizon (R5.6): once a hold ends, what it kept
 * goes at the next retention run, so the DPO extends it (a new hold) or lets it end knowingly.
 */
@Component
class DeskLegalHolds implements DeskSection {

    private final LegalHolds holds;
    private final DeskLabels labels;

    DeskLegalHolds(LegalHolds holds, DeskLabels labels) {
        this.holds = holds;
        this.labels = labels;
    }

    @Override
    public String key() {
        return "legal-holds";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public String link() {
        return "/backoffice/conservation#blocages";
    }

    @Override
    public List<DeskItem> items(LocalDate today, Locale locale) {
        return holds.active(today).stream().filter(h -> h.endsOn() != null)
                .sorted(Comparator.comparing(LegalHolds.Hold::endsOn))
                .flatMap(h -> DeskHorizon.of(h.endsOn(), today).stream().map(severity -> DeskItem.one(
                        labels.text("desk.item.legal-hold", locale, labels.text("desk.hold-kind." + h.kind().code(), locale), h.reasonCode(),
                                labels.date(h.endsOn(), locale)), link(), severity, h.endsOn())))
                .toList();
    }
}
