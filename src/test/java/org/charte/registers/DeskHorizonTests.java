package org.charte.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeskHorizonTests {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    @Test
    @DisplayName("R5.6 R6.4 the desk looks 30 days ahead: a date already past is overdue, one within 30 days (today and the 30th included) near due, a later one not on the desk")
    void horizon() {
        assertThat(DeskHorizon.of(TODAY.minusDays(1), TODAY)).contains(DeskSeverity.OVERDUE);
        assertThat(DeskHorizon.of(TODAY, TODAY)).contains(DeskSeverity.NEAR_DUE);
        assertThat(DeskHorizon.of(LocalDate.of(2027, 1, 2), TODAY)).contains(DeskSeverity.NEAR_DUE);
        assertThat(DeskHorizon.of(LocalDate.of(2027, 1, 3), TODAY)).isEmpty();
        assertThat(DeskHorizon.until(TODAY)).isEqualTo(LocalDate.of(2027, 1, 2));
    }

    @Test
    @DisplayName("R9.7 a desk item links to a back-office page and stands for at least one thing; severities have the codes the meters' tags use")
    void items() {
        assertThat(DeskItem.one("R-2026-000001", "/backoffice/droits", DeskSeverity.OVERDUE, TODAY).count()).isEqualTo(1);
        assertThatThrownBy(() -> DeskItem.one("x", "https://elsewhere.example", DeskSeverity.TO_DO, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeskItem("x", "/backoffice", DeskSeverity.TO_DO, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DeskSeverity.NEAR_DUE.code()).isEqualTo("near-due");
        assertThat(DeskSeverity.TO_DO.code()).isEqualTo("to-do");
    }
}
