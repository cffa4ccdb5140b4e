package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.charte.common.Zones;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallerTimeZonesTests {

    @Test
    @DisplayName("L2 an overseas number is read in its own zone: +262 692 is Réunion (UTC+4), +596 Martinique")
    void overseasNumbers() {
        assertThat(CallerTimeZones.fromPhone("+262692123456")).containsExactly(ZoneId.of("Indian/Reunion"));
        assertThat(CallerTimeZones.fromPhone("+262639012345")).containsExactly(ZoneId.of("Indian/Mayotte"));
        assertThat(CallerTimeZones.fromPhone("+596696123456")).containsExactly(ZoneId.of("America/Martinique"));
        assertThat(CallerTimeZones.fromPhone("+12125550123")).contains(ZoneId.of("America/New_York"));
        assertThat(CallerTimeZones.fromPhone("+33612345678")).containsExactly(Zones.PARIS);
        assertThat(CallerTimeZones.fromPhone("06 12 34 56 78")).containsExactly(Zones.PARIS);
    }

    @Test
    @DisplayName("L2 a postal code gives the zone of an overseas territory, metropolitan France otherwise")
    void postalCodes() {
        assertThat(CallerTimeZones.fromPostalCode("97400")).containsExactly(ZoneId.of("Indian/Reunion"));
        assertThat(CallerTimeZones.fromPostalCode("97110")).containsExactly(ZoneId.of("America/Guadeloupe"));
        assertThat(CallerTimeZones.fromPostalCode("97300")).containsExactly(ZoneId.of("America/Cayenne"));
        assertThat(CallerTimeZones.fromPostalCode("97600")).containsExactly(ZoneId.of("Indian/Mayotte"));
        assertThat(CallerTimeZones.fromPostalCode("97500")).containsExactly(ZoneId.of("America/Miquelon"));
        assertThat(CallerTimeZones.fromPostalCode("98800")).containsExactly(ZoneId.of("Pacific/Noumea"));
        assertThat(CallerTimeZones.fromPostalCode("98714")).hasSize(3).contains(ZoneId.of("Pacific/Tahiti"));
        assertThat(CallerTimeZones.fromPostalCode("75017")).containsExactly(Zones.PARIS);
        assertThat(CallerTimeZones.fromPostalCode("20000")).containsExactly(Zones.PARIS);
        assertThat(CallerTimeZones.fromPostalCode("SW1A 1AA")).isEmpty();
    }

    @Test
    @DisplayName("L2 the number wins over the address; nothing known falls back to Europe/Paris")
    void precedence() {
        assertThat(CallerTimeZones.of("+262692123456", "75017")).containsExactly(ZoneId.of("Indian/Reunion"));
        assertThat(CallerTimeZones.of("not a number", "97200")).containsExactly(ZoneId.of("America/Martinique"));
        assertThat(CallerTimeZones.of(null, null)).containsExactly(Zones.PARIS);
        assertThat(CallerTimeZones.fromPhone("+" + "1".repeat(100))).isEmpty();
    }
}
