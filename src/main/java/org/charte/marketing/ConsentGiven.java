package org.charte.marketing;

import java.util.UUID;
import org.charte.policy.MarketingChannel;

/** A person gave consent to be solicited on a channel for a marketing purpose (L9, L2); {@code basisId} is the history entry. */
public record ConsentGiven(UUID basisId, UUID subjectId, MarketingChannel channel, String purpose) {}
