package org.charte.marketing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PostalAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The letter shop's list and the French postal form of its addresses (R9.9, L9), without the framework. */
class LetterShopCsvTests {

    static final Identity LEA = new Identity("Mme", "DURAND", "Léa Marie", null);

    static Contacts at(PostalAddress... addresses) {
        return new Contacts(List.of(addresses), List.of(), List.of());
    }

    @Test
    @DisplayName("R9.9 L9 a deliverable address has a street line and a commune, and in France a postal code; the first deliverable one is used")
    void deliverable() {
        assertThat(LetterAddress.deliverable(new PostalAddress(List.of("2 rue Monge"), "21000", "Dijon", "FR"))).isTrue();
        assertThat(LetterAddress.deliverable(new PostalAddress(List.of("2 rue Monge"), "21000", "Dijon", null))).isTrue();
        assertThat(LetterAddress.deliverable(new PostalAddress(List.of("2 rue Monge"), null, "Dijon", "FR"))).as("France: a postal code").isFalse();
        assertThat(LetterAddress.deliverable(new PostalAddress(List.of(), "21000", "Dijon", "FR"))).as("no street").isFalse();
        assertThat(LetterAddress.deliverable(new PostalAddress(List.of("  "), "21000", "Dijon", "FR"))).as("a blank street").isFalse();
        assertThat(LetterAddress.deliverable(new PostalAddress(List.of("2 rue Monge"), "21000", null, "FR"))).as("no commune").isFalse();
        assertThat(LetterAddress.deliverable(new PostalAddress(List.of("1 Main Street"), null, "Dublin", "IE"))).as("abroad: no code needed").isTrue();
        assertThat(LetterAddress.anyDeliverable(at())).isFalse();
        assertThat(LetterAddress.of(LEA, at(new PostalAddress(List.of("x"), null, "Dijon", "FR"),
                new PostalAddress(List.of("5 rue des Tilleuls"), "97400", "Saint-Denis", "FR"))).orElseThrow().commune()).isEqualTo("SAINT-DENIS");
        assertThat(LetterAddress.of(LEA, at(new PostalAddress(List.of("x"), null, "Dijon", "FR")))).isEmpty();
    }

    @Test
    @DisplayName("R9.9 L9 the CSV opens in French Excel: BOM, ';', CRLF, the commune and the country abroad in capitals without accents, "
            + "fields with ';', quotes or line breaks quoted, and no field read as a formula")
    void csv() {
        LetterAddress lyon = LetterAddress.of(LEA, at(new PostalAddress(List.of("Bât. \"Les Cèdres\"; esc. 2", "12 rue de l'Église"), "69002",
                "Lyon 2e Arrondissement", "FR"))).orElseThrow();
        LetterAddress munich = LetterAddress.of(new Identity(null, "=HYPERLINK(\"x\")", null, null), at(new PostalAddress(List.of("+49 Straße 1",
                "-2", "@home", "Hof"), "80331", "München", "DE"))).orElseThrow();
        String csv = LetterShopCsv.of(List.of(lyon, munich));
        assertThat(csv).isEqualTo("\uFEFFcivilite;prenoms;nom;adresse_1;adresse_2;adresse_3;adresse_4;code_postal;commune;pays\r\n"
                + "Mme;Léa Marie;DURAND;\"Bât. \"\"Les Cèdres\"\"; esc. 2\";12 rue de l'Église;;;69002;LYON 2E ARRONDISSEMENT;\r\n"
                + ";;\"'=HYPERLINK(\"\"x\"\")\";'+49 Straße 1;'-2;'@home;Hof;80331;MUNCHEN;ALLEMAGNE\r\n");
        assertThat(csv.getBytes(StandardCharsets.UTF_8)).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(LetterShopCsv.field("a\nb")).isEqualTo("\"a\nb\"");
    }
}
