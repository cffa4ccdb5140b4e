package org.charte.registers;

import java.time.LocalDate;
import java.util.Optional;

/**
 * How far ahead the DPO's desk looks for what has an end date of its own (a legal hold, a
 * subcontractor's contract) and for the retention forecast: 30 days. A date already past is overdue;
 * one within the horizon is near due; a later one is not on the desk yet. (A rights request's own
 * near-due rule, 7 days, is its clock's: {@code RequestClock} in the rights module.)
 */
public final class DeskHorizon {

    public static final int DAYS = 30;

    private DeskHorizon() {}

    /** The last day the desk looks at, as of {@code today}. */
    public static LocalDate until(LocalDate today) {
        return today.plusDays(DAYS);
    }

    /** Where a date stands as of {@code today}; empty when it is beyond the horizon. */
    public static Optional<DeskSeverity> of(LocalDate day, LocalDate today) {
        if (day.isBefore(today)) {
            return Optional.of(DeskSeverity.OVERDUE);
        }
        return day.isAfter(until(today)) ? Optional.empty() : Optional.of(DeskSeverity.NEAR_DUE);
    }
}
