package org.charte.retention;

import java.time.LocalDate;
import java.util.Optional;
import org.charte.policy.Policy;

/** R5.1: a prospect's data is erased {@code duration} (3 years) after their last recorded contact. */
public record ProspectRetention(String ruleId, Deadline deadline) {

    /** The policy's rule for prospects: subject category {@code prospect}, counted from {@code last-contact}. */
    public static Optional<ProspectRetention> of(Policy policy) {
        return policy.retentionRules().stream()
                .filter(r -> "prospect".equals(r.subjectCategory()) && r.duration() != null && r.startEvents().contains("last-contact"))
                .findFirst().map(r -> new ProspectRetention(r.id(), new Deadline(r.duration())));
    }

    public LocalDate cutoff(LocalDate asOf) {
        return deadline.cutoff(asOf);
    }

    public boolean isDue(LocalDate lastContact, LocalDate asOf) {
        return deadline.isDue(lastContact, asOf);
    }
}
