package org.charte.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MarketingSmsTests {

    static final MarketingSms GESTAN = new MarketingSms("Gestan Cloud", "36180");

    @Test
    @DisplayName("L9 R9.9 a marketing SMS is headed by the sender's name and ends with STOP au <number>")
    void composes() {
        assertThat(GESTAN.compose("-20 % sur la sauvegarde jusqu'à dimanche."))
                .isEqualTo("Gestan Cloud : -20 % sur la sauvegarde jusqu'à dimanche. STOP au 36180");
        assertThat(GESTAN.complies(GESTAN.compose("Offre"))).isTrue();
        assertThat(GESTAN.stopInstruction()).isEqualTo("STOP au 36180");
    }

    @Test
    @DisplayName("L9 R9.9 a text that names the sender and ends with the instruction is left as it is")
    void leavesCompliantText() {
        String text = "Offre Gestan Cloud : -20 %. STOP au 36180";
        assertThat(GESTAN.compose(text)).isEqualTo(text);
        assertThat(GESTAN.complies("gestan cloud vous offre un mois. stop au 36180.")).isTrue();
    }

    @Test
    @DisplayName("L9 R9.9 a text without the sender, or with STOP elsewhere than at its end, does not comply")
    void refusesIncompleteText() {
        assertThat(GESTAN.complies("-20 % ! STOP au 36180")).isFalse();
        assertThat(GESTAN.complies("Gestan Cloud : STOP au 36180 pour ne plus recevoir nos offres, -20 % !")).isFalse();
        assertThat(GESTAN.compose("Gestan Cloud : STOP au 36180 pour ne plus recevoir, -20 % !"))
                .endsWith("-20 % ! STOP au 36180");
        assertThat(GESTAN.complies("Gestan Cloud : STOP au 36181")).isFalse();
    }

    @Test
    @DisplayName("L9 a marketing SMS needs a sender's name and a STOP number of digits")
    void needsSenderAndNumber() {
        assertThatThrownBy(() -> new MarketingSms(" ", "36180")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MarketingSms("Gestan", "STOP")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MarketingSms("Gestan", "12")).isInstanceOf(IllegalArgumentException.class);
    }
}
