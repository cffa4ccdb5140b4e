package org.charte.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;

class StopKeywordTests {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"STOP", "stop", "Stop", " Stop ", "stop.", "STOP!", "STOP SMS", "stop sms", "STOP PUB", "Stop pub.", "ARRET", "ARRÊT",
            "arrêt", "Arrêt SMS", "arreter", "Arrêtez", "S T O P", "STOPSMS", "stop merci", "\u200BSTOP\u200B", "ＳＴＯＰ", "\tSTOP\n",
            "Désabonner", "unsubscribe", "STOP 36180"})
    @DisplayName("R9.9 L9 a STOP is recognised in any case, with spaces, punctuation or accents")
    void stops(String text) {
        assertThat(StopKeyword.isStop(text)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "   ", "Bonjour", "Merci pour la livraison", "je ne veux pas que ça s'arrête", "Stopper le chauffage ?", "STOPPE",
            "OK", "Quand arrivera ma commande ?", "STO P P"})
    @DisplayName("R9.9 L9 a message that is not a STOP is not taken for one")
    void notStops(String text) {
        assertThat(StopKeyword.isStop(text)).isFalse();
    }

    @Test
    @DisplayName("R9.9 L9 normalising takes off accents, case, punctuation and invisible characters")
    void normalise() {
        assertThat(StopKeyword.normalise("  Arrêt, s'il vous plaît ! ")).isEqualTo("ARRET S IL VOUS PLAIT");
    }
}
