package org.charte.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Period;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DurationsTests {

    @Test
    @DisplayName("R1.1 policy durations read as the text says them, in French and English")
    void words() {
        assertThat(Durations.describe(Period.ofYears(3), Locale.FRENCH)).isEqualTo("3 ans");
        assertThat(Durations.describe(Period.ofYears(1), Locale.FRENCH)).isEqualTo("1 an");
        assertThat(Durations.describe(Period.ofMonths(13), Locale.FRENCH)).isEqualTo("13 mois");
        assertThat(Durations.describe(Period.ofDays(30), Locale.FRENCH)).isEqualTo("30 jours");
        assertThat(Durations.describe(Period.of(1, 6, 0), Locale.ENGLISH)).isEqualTo("1 year and 6 months");
        assertThat(Durations.describe(Period.ofYears(10), Locale.ENGLISH)).isEqualTo("10 years");
    }
}
