package org.charte.access.internal;

import org.charte.access.AdministratorEnrolment;
import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/**
 * The access module's doors: sign-in steps and the governance of access. Governing access
 * (staff, tokens, subcontractors, grants) is for people in person, never for integrations.
 */
@Component
class AccessUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        // A one-time enrolment link (charte staff create-admin): its 256-bit secret is the credential.
        rules.paths(AdministratorEnrolment.PATH + "*").anyone();
        rules.paths("/backoffice/code", "/backoffice/enrolement").waitingForSecondFactor();
        rules.paths("/backoffice/staff", "/backoffice/staff/**", "/api/v1/staff", "/api/v1/staff/**",
                "/backoffice/tokens", "/backoffice/tokens/**", "/api/v1/tokens", "/api/v1/tokens/**").roles("ADMINISTRATOR");
        rules.paths("/backoffice/subcontractors", "/backoffice/subcontractors/**",
                "/api/v1/subcontractors", "/api/v1/subcontractors/**").roles("ADMINISTRATOR", "DPO");
        rules.paths("/backoffice/grants", "/backoffice/grants/**", "/api/v1/grants", "/api/v1/grants/**").roles("ADMINISTRATOR", "DPO");
        rules.paths("/backoffice/engagement/publier").roles("DPO");
        // Restriction, objection, Art. 19 notices (L5, R1.3, R9.2): the DPO.
        rules.paths("/api/v1/restrictions", "/api/v1/restrictions/**", "/api/v1/objections", "/api/v1/objections/**",
                "/api/v1/recipient-notices").roles("DPO");
    }
}
