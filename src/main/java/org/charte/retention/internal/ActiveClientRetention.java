package org.charte.retention.internal;

import java.time.LocalDate;
import java.util.Optional;
import org.charte.policy.Policy;

/**
 * R5.2: an active client's account data is kept for the whole contractual relationship: never due
 * while they are active, whatever the date of their last contact.
 */
record ActiveClientRetention(String ruleId) {

    public static Optional<ActiveClientRetention> of(Policy policy) {
        return policy.retentionRules().stream()
                .filter(r -> "client-active".equals(r.subjectCategory()) && r.keep() == Policy.Keep.CONTRACT_DURATION)
                .findFirst().map(r -> new ActiveClientRetention(r.id()));
    }

    /** Nothing to compare with: the relationship runs. */
    public boolean isDue(LocalDate lastContact, LocalDate asOf) {
        return false;
    }
}
