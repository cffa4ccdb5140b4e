package org.charte.retention.internal;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/** Retention's doors (R5.6, L4): legal holds, runs, the intermediate archive. */
@Component
class RetentionUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        // Legal holds: placed and released by the DPO, read by the DPO and administrators (R5.6).
        rules.paths(GET, "/api/v1/legal-holds").roles("DPO", "ADMINISTRATOR");
        rules.paths("/api/v1/legal-holds", "/api/v1/legal-holds/**").roles("DPO");
        // The intermediate archive's entries (L4), listed and opened: a person past the second factor; inside,
        // only the roles an archive obligation names, for its purpose (decided and audited there).
        rules.paths(GET, "/api/v1/retention/archive/**", "/backoffice/conservation/archive", "/backoffice/conservation/archive/**")
                .signedIn();
        // Retention page (R5.6, L4): the DPO, an administrator may read it; its forms are the DPO's.
        rules.paths(GET, "/backoffice/conservation", "/backoffice/conservation/executions/*").roles("DPO", "ADMINISTRATOR");
        rules.paths("/backoffice/conservation", "/backoffice/conservation/**").roles("DPO");
        // Retention runs and forecast: the DPO, or a DPO's token with retention:read (reading) or
        // retention:run (starting a dry run; a real run is for the DPO in person, checked inside).
        rules.paths(GET, "/api/v1/retention/**").roles("DPO").orToken("retention:read");
        rules.paths(POST, "/api/v1/retention/runs").roles("DPO").orToken("retention:run");
        rules.paths("/api/v1/retention/**").roles("DPO");
        // The intermediate archive (L4): its summary for the DPO; an entry for a person past the second
        // factor, whose role the entry's obligation must name (decided inside, with a grant).
        rules.paths("/api/v1/archive").roles("DPO");
        rules.paths("/api/v1/archive/**").signedIn();
    }
}
