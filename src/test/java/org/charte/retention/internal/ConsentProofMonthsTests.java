package org.charte.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import org.charte.common.Ids;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The month rule behind dropping a month's partition of proofs of cookie choices (R5.4, L3), and the month's id in a run. */
class ConsentProofMonthsTests {

    static final Policy POLICY = PolicyLoader.loadDefault();

    @Test
    @DisplayName("R5.4 L3 a month of proofs goes whole only when the cookie-choices rule says every day of it is due: never a proof early")
    void wholeMonthNeverEarly() {
        CookieRetention rule = CookieRetention.of(POLICY).orElseThrow();
        YearMonth january = YearMonth.of(2026, 1);
        assertThat(rule.isWholeMonthDue(january, LocalDate.of(2027, 2, 28))).as("31 January is 13 months old on 1 March").isFalse();
        assertThat(rule.isWholeMonthDue(january, LocalDate.of(2027, 3, 1))).isTrue();
        for (LocalDate asOf = LocalDate.of(2026, 12, 1); asOf.isBefore(LocalDate.of(2027, 6, 1)); asOf = asOf.plusDays(1)) {
            for (LocalDate day = january.atDay(1); !day.isAfter(january.atEndOfMonth()); day = day.plusDays(1)) {
                if (rule.isWholeMonthDue(january, asOf)) {
                    assertThat(rule.isDue(day, asOf)).as("%s on %s", day, asOf).isTrue();
                }
            }
        }
    }

    @Test
    @DisplayName("R5.4 a month's id in a run reads as its month, and sorts before every proof's id (UUIDv7), so that paging takes the months first")
    void monthIds() {
        YearMonth month = YearMonth.of(2025, 11);
        assertThat(ConsentProofStep.monthId(month).toString()).isEqualTo("00000000-0000-0000-0000-000000202511");
        assertThat(ConsentProofStep.monthOf(ConsentProofStep.monthId(month))).isEqualTo(month);
        assertThat(ConsentProofStep.monthId(YearMonth.of(9999, 12))).isLessThan(new Ids(Clock.systemUTC()).next());
    }
}
