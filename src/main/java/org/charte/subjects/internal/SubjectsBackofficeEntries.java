package org.charte.subjects.internal;

import org.charte.common.BackofficeEntries;
import org.springframework.stereotype.Component;

/** People (the decision point decides each one inside) and the screen's accepted phrases. */
@Component
class SubjectsBackofficeEntries implements BackofficeEntries {

    @Override
    public void declare(Registry entries) {
        entries.page(10, "/backoffice/personnes", "nav.staff.people");
        entries.page(80, "/backoffice/filtrage", "nav.staff.screening");
    }
}
