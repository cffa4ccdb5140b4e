package org.charte.marketing;

import java.util.UUID;
import org.charte.policy.MarketingChannel;

/** A basis without consent was recorded: analogous offers to a client, or job-related messages to a professional (L9). */
public record MarketingBasisRecorded(UUID basisId, UUID subjectId, MarketingChannel channel, String purpose, BasisKind kind) {}
