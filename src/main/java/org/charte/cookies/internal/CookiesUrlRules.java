package org.charte.cookies.internal;

import org.charte.common.UrlRules;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * The doors of cookie choices (R9.11, L3): the script and the recording of a choice are public and use
 * no session (a company's sites post from their own origin, CORS permitting); a consent id's proofs
 * are public, the random id being the credential; so is the audience beacon (R3.4, L8); the
 * aggregates are for staff, decided in ConsentStatistics and AudienceStatistics; the demo site is public (and absent unless the demo turns it on).
 */
@Component
class CookiesUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        rules.paths("/consent/v1/**").anyoneWithoutSession();
        rules.paths("/demo/site", "/demo/site/*").anyone();
        rules.paths(ConsentProofPages.FRENCH, ConsentProofPages.FRENCH + "/*", ConsentProofPages.ENGLISH, ConsentProofPages.ENGLISH + "/*").anyone();
        rules.paths("/api/v1/cookies/**").signedIn();
        rules.paths("/backoffice/cookies/statistiques", "/backoffice/cookies/frequentation").signedIn();
    }
}
