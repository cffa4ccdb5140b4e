package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FrenchPublicHolidaysTests {

    @Test
    @DisplayName("L2 the 2027 public holidays of L3133-1: Easter Monday 29 March, Ascension 6 May, Whit Monday 17 May")
    void holidays2027() {
        assertThat(FrenchPublicHolidays.easterSunday(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
        assertThat(FrenchPublicHolidays.of(2027)).containsExactly(
                LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 29), LocalDate.of(2027, 5, 1),
                LocalDate.of(2027, 5, 6), LocalDate.of(2027, 5, 8), LocalDate.of(2027, 5, 17),
                LocalDate.of(2027, 7, 14), LocalDate.of(2027, 8, 15), LocalDate.of(2027, 11, 1),
                LocalDate.of(2027, 11, 11), LocalDate.of(2027, 12, 25));
    }

    @Test
    @DisplayName("L2 Easter by the computus matches the known dates, early and late")
    void easterDates() {
        assertThat(FrenchPublicHolidays.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(FrenchPublicHolidays.easterSunday(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(FrenchPublicHolidays.easterSunday(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(FrenchPublicHolidays.easterSunday(2038)).isEqualTo(LocalDate.of(2038, 4, 25));
        assertThat(FrenchPublicHolidays.easterSunday(2285)).isEqualTo(LocalDate.of(2285, 3, 22));
        assertThat(FrenchPublicHolidays.isHoliday(LocalDate.of(2026, 5, 14))).as("Ascension 2026").isTrue();
        assertThat(FrenchPublicHolidays.isHoliday(LocalDate.of(2026, 5, 15))).isFalse();
    }

    @Test
    @DisplayName("L2 only the national list: Alsace-Moselle's Good Friday and 26 December are not counted")
    void nationalListOnly() {
        assertThat(FrenchPublicHolidays.isHoliday(LocalDate.of(2027, 3, 26))).isFalse();
        assertThat(FrenchPublicHolidays.isHoliday(LocalDate.of(2027, 12, 26))).isFalse();
        assertThat(FrenchPublicHolidays.of(2030)).hasSize(11);
    }
}
