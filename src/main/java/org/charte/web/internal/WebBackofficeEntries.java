package org.charte.web.internal;

import org.charte.common.BackofficeEntries;
import org.springframework.stereotype.Component;

/** The dashboard, every member of staff's first page, heads the bar. */
@Component
class WebBackofficeEntries implements BackofficeEntries {

    @Override
    public void declare(Registry entries) {
        entries.page(0, "/backoffice", "nav.staff.dashboard");
    }
}
