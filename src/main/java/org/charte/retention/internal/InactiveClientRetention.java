package org.charte.retention.internal;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import org.charte.marketing.FormerClientMarketing;
import org.charte.policy.Policy;
import org.charte.subjects.SubjectRetention.Cutoffs;
import org.jspecify.annotations.Nullable;

/**
 * R5.3 and L4: a former (inactive) client's account data serves the relationship, marketing
 * included, until {@code deadline} after the end of their contract or their last contact,
 * whichever is later; then, with {@code then: archive}, what a legal obligation still needs moves to
 * the intermediate archive (archivage intermédiaire) and the rest is erased.
 *
 * <p>The law is stricter than the policy's v1.2 text (10 years): marketing use ends 3 years after
 * that start (CNIL référentiel on commercial management, 2021), and the 10 years belong to the
 * archive's accounting obligation. The running system applies the shorter of the two
 * ({@link #MARKETING_LIMIT}); {@code policy lint} reports the gap. Framework-free.
 *
 * @param policyDuration what the policy file says, shown beside the deadline applied when they differ
 */
public record InactiveClientRetention(String ruleId, Deadline deadline, boolean archives, Period policyDuration) {

    /** L4: the longest a former client's data may serve marketing after the later of contract end and last contact. */
    public static final Period MARKETING_LIMIT = FormerClientMarketing.LIMIT;

    public static Optional<InactiveClientRetention> of(Policy policy) {
        return policy.retentionRules().stream()
                .filter(r -> "client-inactive".equals(r.subjectCategory()) && r.duration() != null
                        && (r.startEvents().contains("contract-end") || r.startEvents().contains("last-contact"))
                        && (r.then() == Policy.Outcome.ERASE || r.then() == Policy.Outcome.ARCHIVE))
                .findFirst().map(r -> new InactiveClientRetention(r.id(), new Deadline(shorter(r.duration(), MARKETING_LIMIT)),
                        r.then() == Policy.Outcome.ARCHIVE, r.duration()));
    }

    /** The shorter of two durations, as counted from the same day (a year is longer than 365 days only in leap years: compared on a fixed day). */
    static Period shorter(Period a, Period b) {
        LocalDate from = LocalDate.of(2000, 1, 1);
        return from.plus(a).isAfter(from.plus(b)) ? b : a;
    }

    /** Whether the law shortened the policy's duration (L4): the policy file lags it. */
    public boolean shortenedByLaw() {
        return !deadline.duration().equals(policyDuration);
    }

    /** What the period counts from: the later of the contract's end and the last contact. */
    public static LocalDate start(@Nullable LocalDate contractEnd, LocalDate lastContact) {
        return FormerClientMarketing.start(contractEnd, lastContact);
    }

    /** The day SQL compares the later of contract end and last contact with: a former client who started before it is due. */
    public LocalDate cutoff(LocalDate asOf) {
        return deadline.cutoff(asOf);
    }

    /**
     * What the run selects former clients by on {@code asOf}: the later of contract end and last
     * contact is before {@link #cutoff} exactly when each of them (a missing contract end aside) is.
     */
    public Cutoffs cutoffs(LocalDate asOf) {
        LocalDate cutoff = cutoff(asOf);
        return new Cutoffs(cutoff, cutoff);
    }

    public boolean isDue(@Nullable LocalDate contractEnd, LocalDate lastContact, LocalDate asOf) {
        return deadline.isDue(start(contractEnd, lastContact), asOf);
    }

    /** The last day a former client's data may serve marketing (and the relationship): then archived or erased. */
    public LocalDate keptUntil(@Nullable LocalDate contractEnd, LocalDate lastContact) {
        return deadline.keptUntil(start(contractEnd, lastContact));
    }
}
