package org.charte.cookies.internal;

import org.charte.common.BackofficeEntries;
import org.charte.policy.Policy;
import org.springframework.stereotype.Component;

/** Cookie choices and the site's audience: aggregates for a role serving {@code compliance-checks} (R9.11, R3.4). */
@Component
class CookiesBackofficeEntries implements BackofficeEntries {

    private final Policy policy;

    CookiesBackofficeEntries(Policy policy) {
        this.policy = policy;
    }

    @Override
    public void declare(Registry entries) {
        entries.decidedPage(84, "/backoffice/cookies/statistiques", "nav.staff.cookies", this::servesChecks);
        entries.decidedPage(86, "/backoffice/cookies/frequentation", "nav.staff.audience", this::servesChecks);
    }

    private boolean servesChecks(String role) {
        return policy.role(role).map(r -> r.purposes().contains(ConsentStatistics.PURPOSE)).orElse(false);
    }
}
