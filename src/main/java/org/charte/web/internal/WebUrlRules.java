package org.charte.web.internal;

import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/** The public shell: home pages, sign-in page, errors, static assets, health and the OpenAPI description. */
@Component
class WebUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        rules.paths("/", "/en", "/backoffice/connexion", "/error", "/css/**", "/js/**", "/favicon.ico").anyone();
        rules.paths("/actuator/health", "/actuator/health/**").anyone();
        rules.paths("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**").anyone();
    }
}
