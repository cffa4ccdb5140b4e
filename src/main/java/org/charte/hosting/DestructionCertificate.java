package org.charte.hosting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A hosted database's destruction certificate: which database of which subscription, where it was,
 * when the contract ended, when destruction was due and done, under which retention rule, the
 * SHA-256 of the final export ({@code none} without one) and the run that destroyed it. No personal
 * data. Signed by the platform's Ed25519 key ({@link SignedCertificate}).
 */
public record DestructionCertificate(String format, UUID id, UUID hostedDatabaseId, UUID subscriptionId, String storeId,
        String location, LocalDate terminatedOn, LocalDate destructionDueOn, Instant destroyedAt, String retentionRule,
        String retentionDuration, String finalExportSha256, String runId, String policyVersion, String keyId) {

    public static final String FORMAT = "charte-destruction-certificate/1";
}
