package org.charte.registers.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.charte.common.Zones;
import org.charte.registers.DeskItem;
import org.charte.registers.DeskSection;
import org.charte.registers.DeskSeverity;
import org.charte.subjects.PostMortem;
import org.springframework.stereotype.Component;

/**
 * Post-mortem actions still to carry out (R9.4): what a death notified opened (an erasure, the
 * communication to the trusted person, the heirs' rights without directives), oldest first. They
 * wait for the DPO's check of the death's evidence, on the deaths' page. No name: the person's
 * identity is read only through an individual grant, on that page.
 */
@Component
class DeskPostMortem implements DeskSection {

    private final PostMortem postMortem;
    private final DeskLabels labels;

    DeskPostMortem(PostMortem postMortem, DeskLabels labels) {
        this.postMortem = postMortem;
        this.labels = labels;
    }

    @Override
    public String key() {
        return "post-mortem";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String link() {
        return "/backoffice/droits/deces";
    }

    @Override
    public List<DeskItem> items(LocalDate today, Locale locale) {
        return postMortem.pendingActions().stream()
                .map(a -> DeskItem.one(labels.text("desk.item.post-mortem", locale,
                        labels.text("desk.post-mortem." + a.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), locale),
                        labels.date(LocalDate.ofInstant(a.createdAt(), Zones.PARIS), locale)), link(), DeskSeverity.TO_DO, null))
                .toList();
    }
}
