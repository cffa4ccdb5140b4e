package org.charte.audit.internal;

import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/** The audit log's doors (R6.5): the DPO, or a DPO's token with audit:read for verification. */
@Component
class AuditUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        rules.paths("/backoffice/audit", "/backoffice/audit/**").roles("DPO");
        rules.paths("/api/v1/audit/**").roles("DPO").orToken("audit:read");
    }
}
