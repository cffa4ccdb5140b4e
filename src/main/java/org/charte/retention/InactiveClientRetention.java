package org.charte.retention;

import java.time.LocalDate;
import java.util.Optional;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;

/**
 * R5.3: an inactive client's account data is erased {@code duration} (10 years) after the end of
 * their contract or their last contact, whichever is later; with {@code then: archive} (L4), what
 * a legal obligation still covers then moves to the intermediate archive instead.
 */
public record InactiveClientRetention(String ruleId, Deadline deadline, boolean archives) {

    public static Optional<InactiveClientRetention> of(Policy policy) {
        return policy.retentionRules().stream()
                .filter(r -> "client-inactive".equals(r.subjectCategory()) && r.duration() != null
                        && (r.startEvents().contains("contract-end") || r.startEvents().contains("last-contact"))
                        && (r.then() == Policy.Outcome.ERASE || r.then() == Policy.Outcome.ARCHIVE))
                .findFirst().map(r -> new InactiveClientRetention(r.id(), new Deadline(r.duration()), r.then() == Policy.Outcome.ARCHIVE));
    }

    /** What the period counts from: the later of the contract's end and the last contact. */
    public static LocalDate start(@Nullable LocalDate contractEnd, LocalDate lastContact) {
        return contractEnd != null && contractEnd.isAfter(lastContact) ? contractEnd : lastContact;
    }

    public LocalDate cutoff(LocalDate asOf) {
        return deadline.cutoff(asOf);
    }

    public boolean isDue(@Nullable LocalDate contractEnd, LocalDate lastContact, LocalDate asOf) {
        return deadline.isDue(start(contractEnd, lastContact), asOf);
    }
}
