package org.charte.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.charte.common.InvalidInputException.FieldError;
import org.jspecify.annotations.Nullable;

/**
 * What a real-world date entered into Charte may be (R8.5): a day between {@link #EARLIEST} and
 * {@link #LATEST}. Nothing Charte records (a birth, a contract, an invoice, a payment, a last
 * contact, a deadline, a grant's end) happens outside that range, and a day outside it is an error
 * of entry or an attack: an invoice of year 0 would be numbered F-0-…, a last contact of year 0
 * would erase a prospect at the next run, a date of year +999999999 overflows whatever adds to it.
 * Business rules (not in the future, adults only, ...) come on top of this one.
 */
public final class PlausibleDate {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2199, 12, 31);
    public static final String MESSAGE = "must be a real date between 1900-01-01 and 2199-12-31";

    private static final Instant EARLIEST_INSTANT = EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant AFTER_LATEST_INSTANT = LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private PlausibleDate() {}

    /** A missing day is not this rule's business (required fields say so themselves). */
    public static boolean isPlausible(@Nullable LocalDate day) {
        return day == null || (!day.isBefore(EARLIEST) && !day.isAfter(LATEST));
    }

    public static boolean isPlausible(@Nullable Instant instant) {
        return instant == null || (!instant.isBefore(EARLIEST_INSTANT) && instant.isBefore(AFTER_LATEST_INSTANT));
    }

    /** Adds an error naming {@code field} (never its value) when the day is not plausible; true when it is. */
    public static boolean check(List<FieldError> errors, String field, @Nullable LocalDate day) {
        if (isPlausible(day)) {
            return true;
        }
        errors.add(new FieldError(field, MESSAGE));
        return false;
    }

    public static boolean check(List<FieldError> errors, String field, @Nullable Instant instant) {
        if (isPlausible(instant)) {
            return true;
        }
        errors.add(new FieldError(field, MESSAGE));
        return false;
    }

    /** Throws {@link InvalidInputException} naming {@code field} when the day is not plausible. */
    public static @Nullable LocalDate require(String field, @Nullable LocalDate day) {
        if (!isPlausible(day)) {
            throw new InvalidInputException(field, MESSAGE);
        }
        return day;
    }

    public static @Nullable Instant require(String field, @Nullable Instant instant) {
        if (!isPlausible(instant)) {
            throw new InvalidInputException(field, MESSAGE);
        }
        return instant;
    }
}
