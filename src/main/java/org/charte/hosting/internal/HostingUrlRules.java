package org.charte.hosting.internal;

import static org.springframework.http.HttpMethod.POST;

import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/** The hosted databases' doors (R3.3, R5.5). */
@Component
class HostingUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        // Destruction certificates hold nothing personal (R5.5); a client's sign-in and export prove who they are in their body.
        // Neither uses a session or a cookie: nothing a forged request could ride on.
        rules.paths("/api/v1/destruction-certificates/**", "/api/v1/client/hosted-databases/*/export",
                "/api/v1/client/hosted-databases/*/sign-in").anyoneWithoutSession();
        rules.paths(POST, "/api/v1/hosted-databases").roles("CLOUD_SUPPORT", "ADMINISTRATOR");
        rules.paths("/api/v1/hosted-databases/*/destroy").roles("ADMINISTRATOR", "DPO");
        // Credentials and exports: any person past the second factor, the decision point then decides (R3.3).
        rules.paths("/api/v1/hosted-databases", "/api/v1/hosted-databases/**").signedIn();
    }
}
