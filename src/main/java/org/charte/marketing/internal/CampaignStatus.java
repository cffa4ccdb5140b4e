package org.charte.marketing.internal;

import java.util.Locale;

/** Where a campaign stands: a draft may change; sending (under way or stopped half-way) resumes; sent and cancelled are final. */
enum CampaignStatus {
    DRAFT, SENDING, SENT, CANCELLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
