package org.charte.marketing.internal;

import org.charte.common.UrlRules;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * The doors of marketing choices (R9.9): any member of staff past the second factor; the decision
 * point then decides each call on the person's contact data (the policy has no marketing role: sales
 * administration and customer service reach a person under a grant for customer-service). The
 * unsubscribe link and the preferences it opens are public: the signed token is the credential.
 */
@Component
class MarketingUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        // The one click of a marketing mail (L5, RFC 8058): mail clients post from their servers, with
        // no session and no CSRF token; the signed token in the path is the only credential.
        rules.paths(HttpMethod.POST, "/u/*").anyoneWithoutSession();
        // The unsubscribe page and the person's preferences: anyone holding the link (CSRF asked).
        rules.paths("/u/*", "/u/*/preferences").anyone();
        // With the commercial statistics (R4.2): aggregates only, the role's purposes checked in CommercialStatistics.
        rules.paths("/api/v1/marketing/**").signedIn();
        rules.paths("/backoffice/personnes/*/prospection", "/backoffice/personnes/*/prospection/**").signedIn();
        // The call agents' page (L2): the decision point decides each read and write on the person's contact data.
        rules.paths("/backoffice/personnes/*/appels", "/backoffice/personnes/*/appels/**").signedIn();
        // Commercial statistics (R4.2), for roles serving commercial-statistics: decided in CommercialStatistics.
        rules.paths("/backoffice/prospection/statistiques").signedIn();
        // Campaigns (R9.9): staff past the second factor; CampaignService refuses (audited) a role the policy does
        // not name for campaigns, and the decision point decides each operation for the campaign's purpose.
        rules.paths("/backoffice/prospection/campagnes", "/backoffice/prospection/campagnes/**").signedIn();
    }
}
