package org.charte.subjects.internal;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Year;
import org.jspecify.annotations.Nullable;

/**
 * R3.5, adults only (majorité): a person is an adult from their 18th birthday. Someone born on
 * 29 February whose 18th year is a common year becomes an adult on 1 March, never on 28 February:
 * a day early would let a minor subscribe, a day late only makes an adult wait one day.
 * An unknown birth date is not adult.
 */
public record Adulthood(int age) {

    /** The age of majority in France (C. civ. art. 414). */
    public static final Adulthood FRANCE = new Adulthood(18);

    private static final MonthDay LEAP_DAY = MonthDay.of(2, 29);

    public Adulthood {
        if (age < 1) {
            throw new IllegalArgumentException("age of majority must be positive");
        }
    }

    /** The first day on which a person born on {@code birthDate} is an adult. */
    public LocalDate firstAdultDay(LocalDate birthDate) {
        int year = birthDate.getYear() + age;
        if (MonthDay.from(birthDate).equals(LEAP_DAY) && !Year.isLeap(year)) {
            return LocalDate.of(year, 3, 1); // the safe day: not 28 February
        }
        return birthDate.withYear(year);
    }

    /** Whether a person born on {@code birthDate} (null: unknown) is an adult on {@code day}. */
    public boolean isAdultOn(@Nullable LocalDate birthDate, LocalDate day) {
        return birthDate != null && !firstAdultDay(birthDate).isAfter(day);
    }
}
