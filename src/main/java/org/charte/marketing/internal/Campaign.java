package org.charte.marketing.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.charte.marketing.Exclusion;
import org.charte.marketing.Segment;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Text;
import org.jspecify.annotations.Nullable;

/**
 * A marketing campaign (R9.9): its purpose, channel, FR/EN templates (an e-mail's subject and body,
 * an SMS's body, a phone script or a letter if any), the segment it targets, and what its sending
 * did: how many people it reached and how many it left out, by first exclusion (counts only).
 */
record Campaign(UUID id, String name, String purpose, MarketingChannel channel, @Nullable Text subject, @Nullable Text body, Segment segment,
        CampaignStatus status, String createdBy, Instant createdAt, @Nullable String sentBy, @Nullable Instant sentAt, long sentCount,
        Map<Exclusion, Long> excludedAtSend) {

    Campaign {
        excludedAtSend = Map.copyOf(excludedAtSend);
    }

    /** What staff define: everything but the state. */
    record Definition(String name, String purpose, MarketingChannel channel, @Nullable Text subject, @Nullable Text body, Segment segment) {}
}
