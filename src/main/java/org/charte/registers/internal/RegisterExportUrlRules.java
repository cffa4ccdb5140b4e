package org.charte.registers.internal;

import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/** The registers' pages and their CSV and PDF exports (R7.2, R8.6, item 7 of issue 14): the DPO in person. */
@Component
class RegisterExportUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        rules.paths("/api/v1/registers", "/api/v1/registers/**", "/backoffice/registres", "/backoffice/registres/transferts",
                "/backoffice/registres/sous-traitants").roles("DPO");
    }
}
