package org.charte.registers.internal;

import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/** The breach register's doors (L6): the DPO's, in person only (no token reaches it). */
@Component
class BreachUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        rules.paths("/api/v1/breaches", "/api/v1/breaches/**", "/backoffice/violations", "/backoffice/violations/**").roles("DPO");
    }
}
