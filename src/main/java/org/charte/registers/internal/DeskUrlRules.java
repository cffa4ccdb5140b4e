package org.charte.registers.internal;

import static org.springframework.http.HttpMethod.GET;

import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/** The DPO's desk (its page for the DPO) and the meters (R8.3: never anonymous). */
@Component
class DeskUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        rules.paths(GET, "/backoffice/bureau-dpo").roles("DPO");
        // The meters (the desk's counts, and the JVM's and HTTP's): the DPO or an administrator signed in, or a
        // DPO's or an administrator's token with metrics:read (a Prometheus server); anyone else gets a 401 or 403.
        rules.paths(GET, "/actuator/prometheus").roles("DPO", "ADMINISTRATOR").orToken("metrics:read");
    }
}
