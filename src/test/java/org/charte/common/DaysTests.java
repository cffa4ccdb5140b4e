package org.charte.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DaysTests {

    @Test
    @DisplayName("L10 a day and an instant as each language writes them, instants in Paris time, never ISO 8601")
    void asEachLanguageWritesThem() {
        LocalDate day = LocalDate.of(2027, 1, 5);
        assertThat(Days.day(day, Locale.FRENCH)).isEqualTo("05/01/2027");
        assertThat(Days.day(day, Locale.ENGLISH)).isEqualTo("5 Jan 2027");
        assertThat(Days.day(null, Locale.FRENCH)).isEmpty();
        // 08:30 UTC in winter is 09:30 in Paris; in summer 10:30
        Instant winter = Instant.parse("2027-01-05T08:30:12Z");
        assertThat(Days.when(winter, Locale.FRENCH)).isEqualTo("05/01/2027 à 09:30");
        assertThat(Days.when(winter, Locale.ENGLISH)).isEqualTo("5 Jan 2027, 09:30");
        assertThat(Days.second(winter, Locale.FRENCH)).isEqualTo("05/01/2027 à 09:30:12");
        assertThat(Days.second(winter, Locale.ENGLISH)).isEqualTo("5 Jan 2027, 09:30:12");
        assertThat(Days.when(Instant.parse("2027-07-05T08:30:00Z"), Locale.FRENCH)).isEqualTo("05/07/2027 à 10:30");
        assertThat(Days.when((Instant) null, Locale.ENGLISH)).isEmpty();
        // in the person's own zone (Réunion, UTC+4)
        assertThat(Days.when(winter.atZone(ZoneId.of("Indian/Reunion")), Locale.FRENCH)).isEqualTo("05/01/2027 à 12:30");
        // any other language is written as in French, the policy's language
        assertThat(Days.day(day, Locale.GERMAN)).isEqualTo("05/01/2027");
    }
}
