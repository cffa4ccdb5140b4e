package org.charte.marketing;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.charte.policy.MarketingChannel;

/**
 * Who a campaign may reach: the dry run's counts and the sending's list come from the same rules
 * ({@link SolicitationBasis}, the suppression list, {@link PhoneCallRules}, restriction, holds and
 * archive, death, L4's three years), so what the dry run promised is what the sending does. Like
 * {@link Solicitations}, these are the system's questions: they reveal no personal data and are
 * neither decided nor audited here; the campaign service that asks is.
 */
public interface CampaignAudiences {

    /** The dry run: the people the segment targets, split into eligible and excluded by reason, at that instant. */
    Audience count(MarketingChannel channel, String purpose, Segment segment, Instant at);

    /** Each person the segment targets who may be solicited at that instant (the {@link Audience#eligible()} of {@link #count}). */
    void eachEligible(MarketingChannel channel, String purpose, Segment segment, Instant at, Consumer<UUID> person);

    /** People per region code (ISO 3166-2, e.g. {@code FR-IDF}; {@code unknown} when none can be told), for statistics. */
    Map<String, Long> peopleByRegion();
}
