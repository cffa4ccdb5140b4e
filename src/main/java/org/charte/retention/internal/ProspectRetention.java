package org.charte.retention.internal;

import java.time.LocalDate;
import java.util.Optional;
import org.charte.policy.Policy;
import org.charte.subjects.SubjectRetention.Cutoffs;

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

    /** What the run selects prospects by on {@code asOf}: the last contact alone counts, before {@link #cutoff}. */
    public Cutoffs cutoffs(LocalDate asOf) {
        return new Cutoffs(cutoff(asOf), null);
    }

    public boolean isDue(LocalDate lastContact, LocalDate asOf) {
        return deadline.isDue(lastContact, asOf);
    }
}
