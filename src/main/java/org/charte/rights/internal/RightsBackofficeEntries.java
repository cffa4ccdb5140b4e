package org.charte.rights.internal;

import org.charte.common.BackofficeEntries;
import org.springframework.stereotype.Component;

/**
 * Rights requests (the list leads to objections and deaths to check) and the form that records one
 * received by post or e-mail.
 */
@Component
class RightsBackofficeEntries implements BackofficeEntries {

    @Override
    public void declare(Registry entries) {
        entries.page(20, "/backoffice/droits", "nav.staff.rights");
        entries.page(21, "/backoffice/droits/nouvelle", "nav.staff.new-request");
    }
}
