package org.charte.marketing;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import org.charte.policy.Policy;

/**
 * How long the suppression list keeps an objection's hashes (L9: 3 years from the objection, so it
 * keeps being honoured, even once the person is erased). From the policy's retention rule
 * {@value #RULE_ID} when it has one with a duration; otherwise the law's 3 years.
 */
public record SuppressionRetention(String ruleId, Period duration) {

    public static final String RULE_ID = "marketing-objections";
    public static final Period LAW = Period.ofYears(3);

    public static SuppressionRetention of(Policy policy) {
        Optional<Period> fromPolicy = policy.retentionRules().stream().filter(r -> r.id().equals(RULE_ID) && r.duration() != null)
                .map(Policy.RetentionRule::duration).findFirst();
        return new SuppressionRetention(RULE_ID, fromPolicy.orElse(LAW));
    }

    /** The last day an objection made on {@code objectedOn} is kept. */
    public LocalDate keptUntil(LocalDate objectedOn) {
        return objectedOn.plus(duration);
    }

    /** Whether an entry of that objection day has expired on {@code day}. */
    public boolean expired(LocalDate objectedOn, LocalDate day) {
        return day.isAfter(keptUntil(objectedOn));
    }
}
