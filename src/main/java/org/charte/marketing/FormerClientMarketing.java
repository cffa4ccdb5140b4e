package org.charte.marketing;

import java.time.LocalDate;
import java.time.Period;
import org.jspecify.annotations.Nullable;

/**
 * L4: a former client's data may serve marketing for at most 3 years after the later of the end
 * of their contract and their last contact (CNIL référentiel on commercial management, 2021), then
 * only what a legal obligation needs is kept (and never for marketing). Framework-free: the
 * audience excludes former clients past it, the retention rule for inactive clients never keeps
 * them longer ({@code InactiveClientRetention}).
 */
public final class FormerClientMarketing {

    /** The longest a former client's data may serve marketing after the later of contract end and last contact. */
    public static final Period LIMIT = Period.ofYears(3);

    private FormerClientMarketing() {}

    /** What the period counts from: the later of the contract's end and the last contact. */
    public static LocalDate start(@Nullable LocalDate contractEnd, LocalDate lastContact) {
        return contractEnd != null && contractEnd.isAfter(lastContact) ? contractEnd : lastContact;
    }

    /**
     * The day SQL compares with on {@code day}: a former client whose contract end and last contact
     * are both before it (a missing contract end aside) is past the limit.
     */
    public static LocalDate cutoff(LocalDate day) {
        return day.minus(LIMIT);
    }

    /** Whether a former client with these dates may no longer be solicited on that day. */
    public static boolean expired(@Nullable LocalDate contractEnd, LocalDate lastContact, LocalDate day) {
        return start(contractEnd, lastContact).isBefore(cutoff(day));
    }
}
