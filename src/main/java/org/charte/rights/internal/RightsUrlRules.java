package org.charte.rights.internal;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/** The doors of rights requests (R9.5, R9.6): the privacy centre, the back office, OpenDSR. */
@Component
class RightsUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        // The privacy centre and answers' download links: public, CSRF-protected and rate-limited; nothing
        // personal is shown before a code or a link proves who asks.
        rules.paths("/mes-droits", "/mes-droits/**", "/en/my-rights", "/en/my-rights/**", "/telechargement/*", "/en/download/*")
                .anyone();
        // Rights requests: the DPO handles them; sales administration may record one received by post or e-mail.
        rules.paths("/backoffice/droits/nouvelle").roles("DPO", "ADV");
        rules.paths(POST, "/api/v1/rights-requests").roles("DPO", "ADV");
        rules.paths("/backoffice/droits", "/backoffice/droits/**", "/api/v1/rights-requests", "/api/v1/rights-requests/**")
                .roles("DPO");
        // OpenDSR 2.0 (R9.5): discovery is public (what the policy already publishes); requests are filed and
        // cancelled by the DPO or a token with rights:write, read with rights:read; a token sees only its own.
        rules.paths(GET, "/opendsr/v1/discovery", OpenDsrApi.CERTIFICATE).anyone();
        rules.paths(GET, "/opendsr/v1/requests/**").roles("DPO").orToken("rights:read", "DPO", "ADV");
        rules.paths("/opendsr/**").roles("DPO").orToken("rights:write", "DPO", "ADV");
    }
}
