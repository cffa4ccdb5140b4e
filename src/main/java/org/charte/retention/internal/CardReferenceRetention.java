package org.charte.retention.internal;

import java.time.LocalDate;
import java.util.Optional;
import org.charte.policy.Policy;

/** L7: a card reference kept for disputes is erased {@code duration} (13 months) after the debit. */
record CardReferenceRetention(String ruleId, Deadline deadline) {

    public static Optional<CardReferenceRetention> of(Policy policy) {
        return policy.retentionRules().stream().filter(r -> r.duration() != null && r.startEvents().contains("debit"))
                .findFirst().map(r -> new CardReferenceRetention(r.id(), new Deadline(r.duration())));
    }

    public LocalDate cutoff(LocalDate asOf) {
        return deadline.cutoff(asOf);
    }

    public boolean isDue(LocalDate debitedOn, LocalDate asOf) {
        return deadline.isDue(debitedOn, asOf);
    }
}
