package org.charte.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AssessmentScheduleTests {

    final AssessmentSchedule yearly = AssessmentSchedule.yearly();
    final LocalDate today = LocalDate.of(2026, 12, 3);

    @Test
    @DisplayName("R8.6 a subcontractor's next assessment is due a year after the last one, overdue the day after")
    void yearlyByDefault() {
        LocalDate last = LocalDate.of(2025, 12, 3);
        assertThat(yearly.nextDue(last, LocalDate.of(2024, 1, 10), today)).isEqualTo(today);
        assertThat(yearly.overdue(last, null, today)).isFalse();
        assertThat(yearly.overdue(last, null, today.plusDays(1))).isTrue();
        assertThat(yearly.overdue(LocalDate.of(2026, 6, 1), null, today)).isFalse();
    }

    @Test
    @DisplayName("R8.6 a subcontractor never assessed is due from its contract's signature, or today without a contract")
    void neverAssessed() {
        assertThat(yearly.nextDue(null, LocalDate.of(2026, 3, 1), today)).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(yearly.overdue(null, LocalDate.of(2026, 3, 1), today)).isTrue();
        assertThat(yearly.nextDue(null, null, today)).isEqualTo(today);
        assertThat(yearly.overdue(null, null, today)).isFalse();
    }

    @Test
    @DisplayName("R8.6 another interval can be chosen, never zero or negative")
    void otherInterval() {
        assertThat(new AssessmentSchedule(Period.ofMonths(6)).nextDue(LocalDate.of(2026, 1, 31), null, today)).isEqualTo(LocalDate.of(2026, 7, 31));
        assertThatThrownBy(() -> new AssessmentSchedule(Period.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
