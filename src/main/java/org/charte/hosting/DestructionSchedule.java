package org.charte.hosting;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.charte.policy.Policy;

/**
 * When a hosted database must be destroyed (R5.5, policy §5, rule {@code hosted-production-data}): its
 * duration counted from the termination of the contract. The one rule for it: hosting stores
 * {@link #dueOn} at termination and selects by it in SQL, the retention run destroys on that day
 * (never a day later), the back office shows it. Framework-free.
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
        return find(policy).orElseThrow(() -> new IllegalStateException("the policy has no retention rule '" + RULE + "' for hosted databases"));
    }

    /**
     * The policy's rule, or empty when the policy has none (then nothing is destroyed by a run).
     *
     * @throws IllegalStateException when the rule is there but not in the shape above
     */
    public static Optional<DestructionSchedule> find(Policy policy) {
        Policy.RetentionRule rule = policy.retentionRules().stream().filter(r -> r.id().equals(RULE)).findFirst().orElse(null);
        if (rule == null) {
            return Optional.empty();
        }
        if (rule.duration() == null || !rule.startEvents().equals(List.of("termination")) || rule.then() != Policy.Outcome.DESTROY) {
            throw new IllegalStateException("retention rule '" + RULE + "' must count a duration from termination, then destroy");
        }
        return Optional.of(new DestructionSchedule(rule.id(), rule.duration()));
    }

    /** The day destruction is due: the termination day plus the duration. */
    public LocalDate dueOn(LocalDate terminatedOn) {
        return terminatedOn.plus(duration);
    }

    /** Whether, on {@code day}, destruction may happen: on the due day or after. */
    public boolean dueBy(LocalDate terminatedOn, LocalDate day) {
        return isDue(dueOn(terminatedOn), day);
    }

    /**
     * Whether a database due on {@code destructionDueOn} (as stored at termination) is to be destroyed on
     * {@code day}: on that day or after. SQL selects the same way ({@code destruction_due_on <= day}).
     */
    public static boolean isDue(LocalDate destructionDueOn, LocalDate day) {
        return !day.isBefore(destructionDueOn);
    }
}
