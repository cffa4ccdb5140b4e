package org.charte.subjects.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AdulthoodTests {

    final Adulthood adulthood = Adulthood.FRANCE;

    @Test
    @DisplayName("R3.5 a person is an adult from their 18th birthday, not the day before")
    void eighteenthBirthday() {
        LocalDate born = LocalDate.of(2008, 11, 26);
        assertThat(adulthood.firstAdultDay(born)).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(adulthood.isAdultOn(born, LocalDate.of(2026, 11, 25))).isFalse();
        assertThat(adulthood.isAdultOn(born, LocalDate.of(2026, 11, 26))).isTrue();
    }

    @Test
    @DisplayName("R3.5 born on 29 February: refused on 28 February and accepted on 1 March of a common 18th year (the safe day)")
    void leapDayInACommonYear() {
        LocalDate born = LocalDate.of(2008, 2, 29);
        assertThat(adulthood.firstAdultDay(born)).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(adulthood.isAdultOn(born, LocalDate.of(2026, 2, 28))).as("a day early would let a minor subscribe").isFalse();
        assertThat(adulthood.isAdultOn(born, LocalDate.of(2026, 3, 1))).isTrue();
    }

    @Test
    @DisplayName("R3.5 born on 29 February: accepted on 29 February of a leap year (an age of majority whose year is leap, and later leap years)")
    void leapDayInALeapYear() {
        LocalDate born = LocalDate.of(2008, 2, 29);
        // 18 years after a leap year is never a leap year; the rule keeps the birthday itself when it exists.
        assertThat(new Adulthood(20).firstAdultDay(born)).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(new Adulthood(20).isAdultOn(born, LocalDate.of(2028, 2, 28))).isFalse();
        assertThat(new Adulthood(20).isAdultOn(born, LocalDate.of(2028, 2, 29))).isTrue();
        assertThat(adulthood.isAdultOn(born, LocalDate.of(2028, 2, 29))).isTrue();
    }

    @Test
    @DisplayName("R3.5 an unknown birth date is never adult")
    void unknown() {
        assertThat(adulthood.isAdultOn(null, LocalDate.of(2026, 1, 1))).isFalse();
    }
}
