package org.charte.policy.internal;

import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/** The policy texts, the register and the policy over JSON are public (R1.1). */
@Component
class PolicyUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        rules.paths("/politique-de-confidentialite", "/en/privacy-policy", "/politique-de-confidentialite/versions",
                "/politique-de-confidentialite/versions/**", "/en/privacy-policy/versions", "/en/privacy-policy/versions/**",
                "/registre-des-traitements",
                "/en/record-of-processing-activities", "/api/v1/policy", "/api/v1/policy/**").anyone();
    }
}
