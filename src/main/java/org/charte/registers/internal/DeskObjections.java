package org.charte.registers.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.charte.access.Objections;
import org.charte.common.Zones;
import org.charte.policy.Policy;
import org.charte.policy.PolicyView;
import org.charte.registers.DeskItem;
import org.charte.registers.DeskSection;
import org.charte.registers.DeskSeverity;
import org.springframework.stereotype.Component;

/**
 * Objections to a legitimate-interest purpose waiting for the DPO's decision (R1.3, R9.2), oldest
 * first, by the purpose's name; they are decided on the objections' page. (The request an objection
 * came with keeps its own clock in the rights section.)
 */
@Component
class DeskObjections implements DeskSection {

    private final Objections objections;
    private final Policy policy;
    private final DeskLabels labels;

    DeskObjections(Objections objections, Policy policy, DeskLabels labels) {
        this.objections = objections;
        this.policy = policy;
        this.labels = labels;
    }

    @Override
    public String key() {
        return "objections";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String link() {
        return "/backoffice/droits/oppositions";
    }

    @Override
    public List<DeskItem> items(LocalDate today, Locale locale) {
        PolicyView view = new PolicyView(policy, locale);
        return objections.pending().stream().map(o -> {
            LocalDate received = LocalDate.ofInstant(o.receivedAt(), Zones.PARIS);
            String purpose = policy.purpose(o.purpose()).map(p -> view.t(p.label())).orElse(o.purpose());
            return DeskItem.one(labels.text("desk.item.objection", locale, purpose, labels.date(received, locale)), link(),
                    DeskSeverity.TO_DO, null);
        }).toList();
    }
}
