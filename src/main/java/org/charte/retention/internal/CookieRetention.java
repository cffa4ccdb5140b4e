package org.charte.retention.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import org.charte.policy.Policy;

/**
 * R5.4: personalisation data kept by the browser (and the consent it rests on) expires
 * {@code duration} (13 months at most) after consent was given; the retention run erases the proofs
 * of cookie choices (L3) by this rule ({@link ConsentProofStep}), a month at once when the whole
 * month is due.
 */
record CookieRetention(String ruleId, Deadline deadline) {

    public static Optional<CookieRetention> of(Policy policy) {
        return policy.retentionRules().stream().filter(r -> r.duration() != null && r.startEvents().contains("consent-given"))
                .findFirst().map(r -> new CookieRetention(r.id(), new Deadline(r.duration())));
    }

    public LocalDate cutoff(LocalDate asOf) {
        return deadline.cutoff(asOf);
    }

    public boolean isDue(LocalDate consentGivenOn, LocalDate asOf) {
        return deadline.isDue(consentGivenOn, asOf);
    }

    /**
     * Whether every proof of a month (of Paris) is due on {@code asOf}: its last day is, so that the
     * month may go whole (on PostgreSQL its partition is dropped), never a proof early.
     */
    public boolean isWholeMonthDue(YearMonth month, LocalDate asOf) {
        return isDue(month.atEndOfMonth(), asOf);
    }
}
