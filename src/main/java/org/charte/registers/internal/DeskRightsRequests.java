package org.charte.registers.internal;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.charte.registers.DeskItem;
import org.charte.registers.DeskSection;
import org.charte.registers.DeskSeverity;
import org.charte.rights.OpenRequests;
import org.charte.rights.OpenRequests.Standing;
import org.springframework.stereotype.Component;

/**
 * Rights requests overdue or near due (R9.7): as their clock says (7 days or less is near due), a
 * suspended clock is not on the desk; each links to the request's page.
 */
@Component
class DeskRightsRequests implements DeskSection {

    private final OpenRequests requests;
    private final DeskLabels labels;

    DeskRightsRequests(OpenRequests requests, DeskLabels labels) {
        this.requests = requests;
        this.labels = labels;
    }

    @Override
    public String key() {
        return "rights-requests";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String link() {
        return "/backoffice/droits";
    }

    @Override
    public List<DeskItem> items(LocalDate today, Locale locale) {
        return requests.asOfToday().stream()
                .filter(r -> r.standing() == Standing.OVERDUE || r.standing() == Standing.NEAR_DUE)
                .sorted(Comparator.comparing(OpenRequests.Open::dueOn))
                .map(r -> DeskItem.one(labels.text("desk.item.request", locale, r.reference(), labels.text("desk.request-type." + r.type(), locale),
                                labels.date(r.dueOn(), locale)), "/backoffice/droits/" + r.id(),
                        r.standing() == Standing.OVERDUE ? DeskSeverity.OVERDUE : DeskSeverity.NEAR_DUE, r.dueOn()))
                .toList();
    }
}
