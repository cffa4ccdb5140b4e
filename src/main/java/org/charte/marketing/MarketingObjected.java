package org.charte.marketing;

import java.util.UUID;
import org.charte.policy.MarketingChannel;

/** A person objected to solicitations on a channel for a marketing purpose, without motive; effective at once and kept on the suppression list (L5, L9, R9.9). */
public record MarketingObjected(UUID basisId, UUID subjectId, MarketingChannel channel, String purpose) {}
