package org.charte.registers.internal;

import java.util.Locale;
import org.charte.common.PageController;
import org.charte.registers.DeskSeverity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The DPO's desk: one page with everything due, section by section, each item linking where it is dealt with. */
@PageController
class DeskPages {

    private final Desk desk;
    private final DeskLabels labels;

    DeskPages(Desk desk, DeskLabels labels) {
        this.desk = desk;
        this.labels = labels;
    }

    @GetMapping("/backoffice/bureau-dpo")
    String desk(Model model, Locale locale) {
        Desk.View view = desk.read(locale);
        model.addAttribute("desk", view);
        model.addAttribute("day", labels.date(view.today(), locale));
        model.addAttribute("overdue", view.count(DeskSeverity.OVERDUE));
        model.addAttribute("nearDue", view.count(DeskSeverity.NEAR_DUE));
        model.addAttribute("toDo", view.count(DeskSeverity.TO_DO));
        return "registers/desk";
    }
}
