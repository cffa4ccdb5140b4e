package org.charte.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SmsEncodingTests {

    @Test
    @DisplayName("R9.9 L9 a text in the GSM alphabet (é, è, à, ù included) travels in GSM 7-bit, data coding 0")
    void gsm() {
        SmsEncoding.Encoded encoded = SmsEncoding.encode("Charte : votre colis est arrivé à l'agence, où il vous attend. 5€ [promo]", 1);
        assertThat(encoded.alphabet()).isEqualTo(SmsEncoding.Alphabet.GSM_7BIT);
        assertThat(encoded.dataCoding()).isEqualTo((byte) 0x00);
        assertThat(encoded.parts()).hasSize(1);
        assertThat(SmsEncoding.decode((byte) 0, encoded.parts().getFirst(), false))
                .isEqualTo("Charte : votre colis est arrivé à l'agence, où il vous attend. 5€ [promo]");
        assertThat(encoded.parts().getFirst()[0]).isEqualTo((byte) 'C');
    }

    @Test
    @DisplayName("R9.9 L9 a text with ê, ç or an emoji travels in UCS-2, data coding 8, accents whole")
    void ucs2() {
        String text = "Arrêt : votre reçu est prêt 😀";
        SmsEncoding.Encoded encoded = SmsEncoding.encode(text, 1);
        assertThat(encoded.alphabet()).isEqualTo(SmsEncoding.Alphabet.UCS2);
        assertThat(encoded.dataCoding()).isEqualTo((byte) 0x08);
        assertThat(encoded.parts().getFirst()).isEqualTo(text.getBytes(StandardCharsets.UTF_16BE));
    }

    @Test
    @DisplayName("R9.9 L9 160 GSM characters fit in one SMS, 161 take two parts of at most 153 with a concatenation header")
    void gsmSegments() {
        assertThat(SmsEncoding.encode("a".repeat(160), 7).parts()).hasSize(1);
        SmsEncoding.Encoded two = SmsEncoding.encode("a".repeat(161), 7);
        assertThat(two.parts()).hasSize(2);
        assertThat(two.concatenated()).isTrue();
        assertThat(Arrays.copyOf(two.parts().get(0), 6)).containsExactly(0x05, 0x00, 0x03, 7, 2, 1);
        assertThat(Arrays.copyOf(two.parts().get(1), 6)).containsExactly(0x05, 0x00, 0x03, 7, 2, 2);
        assertThat(two.parts().get(0)).hasSize(6 + 153);
        assertThat(two.parts().get(1)).hasSize(6 + 8);
    }

    @Test
    @DisplayName("R9.9 L9 an extension character (€) counts two septets and is never cut from its escape")
    void escapesStayWhole() {
        String text = "a".repeat(152) + "€" + "b".repeat(10);
        SmsEncoding.Encoded encoded = SmsEncoding.encode(text, 3);
        assertThat(encoded.parts()).hasSize(2);
        assertThat(encoded.parts().get(0)).hasSize(6 + 152);
        assertThat(encoded.parts().get(1)[6]).isEqualTo(SmsEncoding.ESCAPE);
        assertThat(SmsEncoding.decodeGsm(Arrays.copyOfRange(encoded.parts().get(1), 6, 9))).isEqualTo("€b");
        assertThat(SmsEncoding.decodeGsm(Arrays.copyOfRange(encoded.parts().get(0), 6, 158)) + SmsEncoding.decodeGsm(
                Arrays.copyOfRange(encoded.parts().get(1), 6, encoded.parts().get(1).length))).isEqualTo(text);
    }

    @Test
    @DisplayName("R9.9 L9 70 UCS-2 characters fit in one SMS, more take parts of 67, an emoji never cut in two")
    void ucs2Segments() {
        assertThat(SmsEncoding.encode("ê".repeat(70), 1).parts()).hasSize(1);
        SmsEncoding.Encoded parts = SmsEncoding.encode("ê".repeat(66) + "😀" + "ê".repeat(5), 1);
        assertThat(parts.parts()).hasSize(2);
        assertThat(parts.parts().get(0)).hasSize(6 + 132);
        assertThat(new String(Arrays.copyOfRange(parts.parts().get(1), 6, parts.parts().get(1).length), StandardCharsets.UTF_16BE))
                .isEqualTo("😀" + "ê".repeat(5));
        assertThat(SmsEncoding.parts("ê".repeat(67 * 10))).isEqualTo(10);
        assertThat(SmsEncoding.parts("ê".repeat(67 * 10 + 1))).isEqualTo(11);
    }

    @Test
    @DisplayName("R9.9 L9 a received message is decoded by its data coding, its UDH skipped")
    void decode() {
        assertThat(SmsEncoding.decode((byte) 0x08, "ARRÊT".getBytes(StandardCharsets.UTF_16BE), false)).isEqualTo("ARRÊT");
        assertThat(SmsEncoding.decode((byte) 0x03, "Arrêt".getBytes(StandardCharsets.ISO_8859_1), false)).isEqualTo("Arrêt");
        assertThat(SmsEncoding.decode((byte) 0x01, "STOP".getBytes(StandardCharsets.US_ASCII), false)).isEqualTo("STOP");
        byte[] withHeader = {0x05, 0x00, 0x03, 1, 1, 1, 'S', 'T', 'O', 'P'};
        assertThat(SmsEncoding.decode((byte) 0x00, withHeader, true)).isEqualTo("STOP");
    }
}
