package org.charte.commerce.internal;

import static org.springframework.http.HttpMethod.GET;

import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/**
 * Commerce's doors: people's data, so any person past the second factor (the decision point then
 * decides each call), or a token with subjects:read to read and subjects:write to record.
 */
@Component
class CommerceUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        String[] paths = {"/api/v1/subscriptions/**", "/api/v1/orders/**", "/api/v1/deliveries/**", "/api/v1/invoices/**",
                "/api/v1/litigations/**"};
        rules.paths(GET, paths).signedIn().orToken("subjects:read");
        rules.paths(paths).signedIn().orToken("subjects:write");
    }
}
