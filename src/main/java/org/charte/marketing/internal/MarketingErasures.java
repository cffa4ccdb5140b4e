package org.charte.marketing.internal;

import java.util.Collection;
import java.util.UUID;
import org.charte.marketing.MarketingRetention;
import org.springframework.stereotype.Component;

/**
 * Erases the marketing rows of people erased whole, set-based, in the retention run's transaction
 * (their key destroyed in the same one, so their sealed details are unreadable anyway), their audience facts with them; the
 * suppression list stays for its 3 years (L9).
 */
@Component
class MarketingErasures implements MarketingRetention {

    private final JdbcMarketing rows;
    private final JdbcCalls calls;
    private final JdbcAudience audience;
    private final JdbcCallHours callHours;
    private final JdbcCampaigns campaigns;

    MarketingErasures(JdbcMarketing rows, JdbcCalls calls, JdbcAudience audience, JdbcCallHours callHours, JdbcCampaigns campaigns) {
        this.rows = rows;
        this.calls = calls;
        this.audience = audience;
        this.callHours = callHours;
        this.campaigns = campaigns;
    }

    @Override
    public int erase(Collection<UUID> subjectIds) {
        return subjectIds.isEmpty() ? 0 : rows.deleteSubjects(subjectIds) + calls.deleteSubjects(subjectIds)
                + audience.deleteSubjects(subjectIds) + callHours.deleteSubjects(subjectIds) + campaigns.deleteSubjects(subjectIds);
    }
}
