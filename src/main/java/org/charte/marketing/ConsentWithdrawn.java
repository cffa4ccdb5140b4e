package org.charte.marketing;

import java.util.UUID;
import org.charte.policy.MarketingChannel;

/** A person withdrew a consent to be solicited on a channel for a marketing purpose; effective at once (L5). */
public record ConsentWithdrawn(UUID basisId, UUID subjectId, MarketingChannel channel, String purpose) {}
