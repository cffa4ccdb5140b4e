package org.charte.audit.internal;

import org.charte.common.BackofficeEntries;
import org.springframework.stereotype.Component;

/** The audit log (which leads to its export). */
@Component
class AuditBackofficeEntries implements BackofficeEntries {

    @Override
    public void declare(Registry entries) {
        entries.page(64, "/backoffice/audit", "nav.staff.audit");
    }
}
