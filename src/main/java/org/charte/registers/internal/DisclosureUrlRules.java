package org.charte.registers.internal;

import org.charte.common.UrlRules;
import org.charte.registers.DisclosureAnswerLink;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Disclosures to authorities (R6.6): the DPO in person, never an integration; the answer's
 * single-use link is its own credential.
 */
@Component
class DisclosureUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        rules.paths(HttpMethod.GET, DisclosureAnswerLink.PATH + "*").anyone();
        rules.paths("/api/v1/disclosures", "/api/v1/disclosures/**", "/backoffice/registres/communications",
                "/backoffice/registres/communications/**").roles("DPO");
    }
}
