package org.charte.marketing.internal;

import org.charte.common.BackofficeEntries;
import org.charte.policy.Policy;
import org.springframework.stereotype.Component;

/**
 * Commercial statistics, for a role serving the purpose {@code commercial-statistics} (what the
 * decision point asks of an aggregate read, R4.2), and campaigns, for the roles the policy names
 * for them (what {@link CampaignService} asks, R9.9).
 */
@Component
class MarketingBackofficeEntries implements BackofficeEntries {

    private final Policy policy;

    MarketingBackofficeEntries(Policy policy) {
        this.policy = policy;
    }

    @Override
    public void declare(Registry entries) {
        entries.decidedPage(30, "/backoffice/prospection/statistiques", "nav.staff.statistics",
                role -> policy.role(role).map(r -> r.purposes().contains(CommercialStatistics.PURPOSE)).orElse(false));
        entries.pageForRoles(32, "/backoffice/prospection/campagnes", "nav.staff.campaigns",
                role -> policy.marketing().campaignRoles().contains(role));
    }
}
