package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.charte.subjects.Contacts;
import org.charte.subjects.PostalAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FrenchRegionsTests {

    static PostalAddress address(String postalCode, String country) {
        return new PostalAddress(List.of("1 rue de la Paix"), postalCode, "Commune", country);
    }

    @Test
    @DisplayName("R4.2 regions from postal codes: metropolitan departments, Corsica (2A, 2B), overseas 971-976 and collectivities")
    void postalCodes() {
        assertThat(FrenchRegions.fromPostalCode("75011")).isEqualTo("FR-IDF");
        assertThat(FrenchRegions.fromPostalCode("21000")).isEqualTo("FR-BFC");
        assertThat(FrenchRegions.fromPostalCode("69003")).isEqualTo("FR-ARA");
        assertThat(FrenchRegions.fromPostalCode("20000")).as("Ajaccio, 2A").isEqualTo("FR-20R");
        assertThat(FrenchRegions.fromPostalCode("20200")).as("Bastia, 2B").isEqualTo("FR-20R");
        assertThat(FrenchRegions.fromPostalCode("97110")).isEqualTo("FR-GP");
        assertThat(FrenchRegions.fromPostalCode("97200")).isEqualTo("FR-MQ");
        assertThat(FrenchRegions.fromPostalCode("97300")).isEqualTo("FR-GF");
        assertThat(FrenchRegions.fromPostalCode("97400")).isEqualTo("FR-RE");
        assertThat(FrenchRegions.fromPostalCode("97600")).isEqualTo("FR-YT");
        assertThat(FrenchRegions.fromPostalCode("98713")).isEqualTo("FR-PF");
        assertThat(FrenchRegions.fromPostalCode("98000")).as("Monaco").isNull();
        assertThat(FrenchRegions.fromPostalCode("2100")).isNull();
    }

    @Test
    @DisplayName("R4.2 a person's regions: every French address; else an overseas phone; else unknown (a foreign address, a metropolitan mobile)")
    void person() {
        assertThat(FrenchRegions.of(new Contacts(List.of(address("21000", "FR"), address("97400", null)), List.of(), List.of("+33612345678"))))
                .containsExactly("FR-BFC", "FR-RE");
        assertThat(FrenchRegions.of(new Contacts(List.of(address("10115", "DE")), List.of(), List.of("+262692123456")))).containsExactly("FR-RE");
        assertThat(FrenchRegions.of(new Contacts(List.of(), List.of(), List.of("+262639012345")))).containsExactly("FR-YT");
        assertThat(FrenchRegions.of(new Contacts(List.of(), List.of(), List.of("+590690123456")))).containsExactly("FR-GP");
        assertThat(FrenchRegions.of(new Contacts(List.of(address("10115", "DE")), List.of("a@example.org"), List.of("+33612345678"))))
                .containsExactly(FrenchRegions.UNKNOWN);
        assertThat(FrenchRegions.codes()).contains("FR-IDF", "FR-20R", "FR-RE", FrenchRegions.UNKNOWN).hasSize(13 + 11 + 1);
    }
}
