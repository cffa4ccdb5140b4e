package org.charte.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.charte.common.InvalidInputException.FieldError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlausibleDateTests {

    @Test
    @DisplayName("R8.5 a real-world date lies between 1900-01-01 and 2199-12-31: year 0 and +999999999-12-31 are refused, the field named")
    void plausibleDays() {
        assertThat(PlausibleDate.MESSAGE).contains(PlausibleDate.EARLIEST.toString(), PlausibleDate.LATEST.toString());
        assertThat(PlausibleDate.isPlausible(LocalDate.of(1900, 1, 1))).isTrue();
        assertThat(PlausibleDate.isPlausible(LocalDate.of(2199, 12, 31))).isTrue();
        assertThat(PlausibleDate.isPlausible(LocalDate.of(2026, 12, 2))).isTrue();
        assertThat(PlausibleDate.isPlausible((LocalDate) null)).isTrue();
        assertThat(PlausibleDate.isPlausible(LocalDate.of(1899, 12, 31))).isFalse();
        assertThat(PlausibleDate.isPlausible(LocalDate.of(0, 1, 1))).isFalse();
        assertThat(PlausibleDate.isPlausible(LocalDate.of(2200, 1, 1))).isFalse();
        assertThat(PlausibleDate.isPlausible(LocalDate.MAX)).isFalse();
        assertThat(PlausibleDate.isPlausible(LocalDate.MIN)).isFalse();

        List<FieldError> errors = new ArrayList<>();
        assertThat(PlausibleDate.check(errors, "issuedOn", LocalDate.of(0, 1, 1))).isFalse();
        assertThat(errors).containsExactly(new FieldError("issuedOn", PlausibleDate.MESSAGE));
        assertThatThrownBy(() -> PlausibleDate.require("assessedOn", LocalDate.parse("+999999999-12-31")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("assessedOn"));
    }

    @Test
    @DisplayName("R8.5 a real-world instant lies within the same days, whatever its time; Instant.MAX is refused without overflowing")
    void plausibleInstants() {
        assertThat(PlausibleDate.isPlausible(Instant.parse("1900-01-01T00:00:00Z"))).isTrue();
        assertThat(PlausibleDate.isPlausible(Instant.parse("2199-12-31T23:59:59.999Z"))).isTrue();
        assertThat(PlausibleDate.isPlausible(Instant.parse("1899-12-31T23:59:59Z"))).isFalse();
        assertThat(PlausibleDate.isPlausible(Instant.parse("2200-01-01T00:00:00Z"))).isFalse();
        assertThat(PlausibleDate.isPlausible(Instant.MAX)).isFalse();
        assertThat(PlausibleDate.isPlausible(Instant.MIN)).isFalse();
    }
}
