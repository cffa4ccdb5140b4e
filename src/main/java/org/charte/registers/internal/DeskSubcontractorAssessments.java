package org.charte.registers.internal;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.charte.registers.DeskHorizon;
import org.charte.registers.DeskItem;
import org.charte.registers.DeskSection;
import org.springframework.stereotype.Component;

/**
 * Subcontractors whose yearly assessment (R8.6, {@link AssessmentSchedule}) is overdue or due within
 * 30 days, the soonest first, by the company's name; they are assessed from the subcontractors' register.
 */
@Component
class DeskSubcontractorAssessments implements DeskSection {

    private final SubcontractorRegister register;
    private final DeskLabels labels;

    DeskSubcontractorAssessments(SubcontractorRegister register, DeskLabels labels) {
        this.register = register;
        this.labels = labels;
    }

    @Override
    public String key() {
        return "subcontractor-assessments";
    }

    @Override
    public int order() {
        return 75;
    }

    @Override
    public String link() {
        return "/backoffice/registres/sous-traitants";
    }

    @Override
    public List<DeskItem> items(LocalDate today, Locale locale) {
        return register.lines().stream().sorted(Comparator.comparing(SubcontractorRegister.Line::nextAssessmentDue)
                .thenComparing(l -> l.subcontractor().name()))
                .flatMap(l -> DeskHorizon.of(l.nextAssessmentDue(), today).stream().map(severity -> DeskItem.one(
                        labels.text("desk.item.assessment", locale, l.subcontractor().name(), labels.date(l.nextAssessmentDue(), locale)),
                        link(), severity, l.nextAssessmentDue())))
                .toList();
    }
}
