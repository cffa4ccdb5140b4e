package org.charte.support.internal;

import static org.springframework.http.HttpMethod.GET;

import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/** Support tickets' doors: people's data, and security monitoring asked for from a ticket (R6.3). */
@Component
class SupportUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        rules.paths("/api/v1/tickets/*/security-monitoring-requests").roles("CLOUD_SUPPORT");
        rules.paths(GET, "/api/v1/tickets/**").signedIn().orToken("subjects:read");
        rules.paths("/api/v1/tickets/**").signedIn().orToken("subjects:write");
    }
}
