package org.charte.subjects.internal;

import static org.springframework.http.HttpMethod.GET;

import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/** The doors to people's data (R4.5, R8.3), the screen's exceptions (R3.6) and post-mortem actions (R9.4). */
@Component
class SubjectsUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        // Post-mortem actions (R9.4): the DPO.
        rules.paths("/api/v1/post-mortem-actions", "/api/v1/post-mortem-actions/**").roles("DPO");
        // The screen's accepted false positives (R3.6): the DPO reviews them.
        rules.paths("/backoffice/filtrage", "/backoffice/filtrage/**", "/api/v1/screening/**").roles("DPO");
        // Personal data: a token needs subjects:read to read and subjects:write to record; the
        // decision point then decides each call (a token only ever records new data).
        rules.paths(GET, "/api/v1/subjects", "/api/v1/subjects/**").signedIn().orToken("subjects:read");
        rules.paths("/api/v1/subjects", "/api/v1/subjects/**").signedIn().orToken("subjects:write");
    }
}
