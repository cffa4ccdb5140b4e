package org.charte.registers;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When a subcontractor's data-protection assessment is next due (R8.6): a period after the last one
 * (a year by default); a subcontractor never assessed is due from the signature of its contract,
 * or now when it has none. Past that day the assessment is overdue.
 */
public record AssessmentSchedule(Period interval) {

    public static final Period YEARLY = Period.ofYears(1);

    public AssessmentSchedule {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval between assessments must be positive");
        }
    }

    public static AssessmentSchedule yearly() {
        return new AssessmentSchedule(YEARLY);
    }

    /** The day the next assessment is due; {@code today} when there was never an assessment nor a contract. */
    public LocalDate nextDue(@Nullable LocalDate lastAssessmentOn, @Nullable LocalDate contractSignedOn, LocalDate today) {
        if (lastAssessmentOn != null) {
            return lastAssessmentOn.plus(interval);
        }
        return contractSignedOn != null ? contractSignedOn : today;
    }

    /** Whether the assessment is overdue on {@code today}: its due day has passed. */
    public boolean overdue(@Nullable LocalDate lastAssessmentOn, @Nullable LocalDate contractSignedOn, LocalDate today) {
        return nextDue(lastAssessmentOn, contractSignedOn, today).isBefore(today);
    }
}
