package org.charte.audit.internal;

import org.charte.common.UrlRules;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** The audit log's doors (R6.5): the DPO, or a DPO's token with audit:read for verification; its signed checkpoints to anyone. */
@Component
class AuditUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        rules.paths("/backoffice/audit", "/backoffice/audit/**").roles("DPO");
        rules.paths(HttpMethod.GET, "/api/v1/audit/checkpoints").anyoneWithoutSession(); // published: no personal data
        rules.paths("/api/v1/audit/**").roles("DPO").orToken("audit:read");
    }
}
