package org.charte.hosting;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import org.charte.policy.Policy;

/**
 * When a hosted database must be destroyed (policy §5, rule {@code hosted-production-data}): its
 * duration counted from the termination of the contract. Framework-free.
 */
public record DestructionSchedule(String ruleId, Period duration) {

    public static final String RULE = "hosted-production-data";

    public DestructionSchedule {
        Objects.requireNonNull(ruleId, "ruleId");
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the retention of hosted data must be a positive duration");
        }
    }

    /**
     * The policy's rule: counted from {@code termination}, with a duration, ending in destruction.
     *
     * @throws IllegalStateException when the policy has no such rule, or not in that shape
     */
    public static DestructionSchedule of(Policy policy) {
        Policy.RetentionRule rule = policy.retentionRules().stream().filter(r -> r.id().equals(RULE)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the policy has no retention rule '" + RULE + "' for hosted databases"));
        if (rule.duration() == null || !rule.startEvents().equals(java.util.List.of("termination")) || rule.then() != Policy.Outcome.DESTROY) {
            throw new IllegalStateException("retention rule '" + RULE + "' must count a duration from termination, then destroy");
        }
        return new DestructionSchedule(rule.id(), rule.duration());
    }

    /** The day destruction is due: the termination day plus the duration. */
    public LocalDate dueOn(LocalDate terminatedOn) {
        return terminatedOn.plus(duration);
    }

    /** Whether, on {@code day}, destruction may happen: on the due day or after. */
    public boolean dueBy(LocalDate terminatedOn, LocalDate day) {
        return !day.isBefore(dueOn(terminatedOn));
    }
}
