package org.charte.retention.internal;

import java.time.LocalDate;
import java.time.Period;

/**
 * "Kept for {@code duration} after {@code start}", framework-free. Data is due for erasure when its
 * start is before {@link #cutoff} (as-of minus the duration): a day the database can compare with,
 * and never early (a month-end can make it a day or two late, never a day early).
 */
record Deadline(Period duration) {

    /** The first start day still kept on {@code asOf}: anything that started before it is due. */
    public LocalDate cutoff(LocalDate asOf) {
        return asOf.minus(duration);
    }

    public boolean isDue(LocalDate start, LocalDate asOf) {
        return start.isBefore(cutoff(asOf));
    }

    /** The last day data that started on {@code start} is kept. */
    public LocalDate keptUntil(LocalDate start) {
        return start.plus(duration);
    }
}
