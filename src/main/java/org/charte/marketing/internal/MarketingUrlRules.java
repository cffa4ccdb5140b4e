package org.charte.marketing.internal;

import org.charte.common.UrlRules;
import org.springframework.stereotype.Component;

/**
 * The doors of marketing choices (R9.9): any member of staff past the second factor; the decision
 * point then decides each call on the person's contact data (the policy has no marketing role: sales
 * administration and customer service reach a person under a grant for customer-service).
 */
@Component
class MarketingUrlRules implements UrlRules {

    @Override
    public void declare(Registry rules) {
        rules.paths("/api/v1/marketing/**").signedIn();
        rules.paths("/backoffice/personnes/*/prospection", "/backoffice/personnes/*/prospection/**").signedIn();
    }
}
