package org.charte.access.internal;

import org.charte.common.BackofficeEntries;
import org.springframework.stereotype.Component;

/** Access governance: grants, subcontractors, staff, tokens; one's own access and the commitment (which leads to publishing one). */
@Component
class AccessBackofficeEntries implements BackofficeEntries {

    @Override
    public void declare(Registry entries) {
        entries.page(40, "/backoffice/grants", "nav.staff.grants");
        entries.page(42, "/backoffice/subcontractors", "nav.staff.subcontractors");
        entries.page(44, "/backoffice/staff", "nav.staff.staff");
        entries.page(46, "/backoffice/tokens", "nav.staff.tokens");
        entries.page(90, "/backoffice/mes-acces", "nav.staff.my-access");
        entries.page(92, "/backoffice/engagement", "nav.staff.commitment");
    }
}
