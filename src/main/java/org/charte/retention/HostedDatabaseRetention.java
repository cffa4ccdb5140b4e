package org.charte.retention;

import java.time.LocalDate;
import java.util.Optional;
import org.charte.policy.Policy;

/**
 * R5.5: a hosted production database is kept {@code duration} (30 days) after the termination of
 * its subscription, then destroyed for good (by the hosting module, with a certificate).
 */
public record HostedDatabaseRetention(String ruleId, Deadline deadline) {

    public static Optional<HostedDatabaseRetention> of(Policy policy) {
        return policy.retentionRules().stream()
                .filter(r -> r.duration() != null && r.startEvents().contains("termination") && r.then() == Policy.Outcome.DESTROY)
                .findFirst().map(r -> new HostedDatabaseRetention(r.id(), new Deadline(r.duration())));
    }

    public LocalDate cutoff(LocalDate asOf) {
        return deadline.cutoff(asOf);
    }

    public boolean isDue(LocalDate terminatedOn, LocalDate asOf) {
        return deadline.isDue(terminatedOn, asOf);
    }
}
