package org.charte.cookies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.charte.cookies.ChoiceMethod;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-written pieces of the proof's door (L3, R9.11; bench/RESULTS.md, consent) say exactly what the general
 * machinery they stand in for would: the 201 answer is byte for byte the application's JSON writer's, the method's
 * code read as the enum's own.
 */
class ProofAnswerTests extends RightsTestBase {

    @Autowired JsonMapper json;

    static final String[] PURPOSES = {"audience", "social-sharing", "l'\"ouïe\\", "tab\there", "line\nbreak", "\u0001ctl", "✓ mesure", "é/ü", ""};

    @Test
    @DisplayName("L3 R9.11 the answer to a proof is byte for byte what the application's JSON writer gives for it, over many proofs "
            + "(times with and without fractions of a second, any offset, purposes needing quotes or escapes, none at all)")
    void answerAsTheJsonWriterGivesIt() {
        ObjectWriter writer = json.writerFor(ConsentApi.ProofBody.class);
        Random random = new Random(13);
        for (int i = 0; i < 2_000; i++) {
            Map<String, Boolean> choices = new LinkedHashMap<>();
            int n = i % 5 == 0 ? 0 : 1 + random.nextInt(PURPOSES.length);
            for (int k = 0; k < n; k++) {
                choices.put(PURPOSES[random.nextInt(PURPOSES.length)], random.nextBoolean());
            }
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            ZoneOffset offset = i % 3 == 0 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds((random.nextInt(27) - 13) * 3600 + (i % 2) * 1800);
            OffsetDateTime at = OffsetDateTime.of(2020 + random.nextInt(10), 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24),
                    random.nextInt(60), i % 7 == 0 ? 0 : random.nextInt(60), nanos, offset);
            ChoiceMethod method = ChoiceMethod.values()[random.nextInt(ChoiceMethod.values().length)];
            JdbcConsentRecords.Row row = new JdbcConsentRecords.Row(new UUID(random.nextLong(), random.nextLong()), UUID.randomUUID(),
                    Long.toHexString(random.nextLong() | Long.MIN_VALUE), method.code(), i % 2 == 0 ? "https://www.gestan-demo.example" : "http://a.b:8080",
                    i % 2 == 0 ? "fr" : "en", i % 3 == 0 ? "chrome" : "other", at, choices);
            byte[] expected = writer.writeValueAsBytes(ConsentApi.ProofBody.of(row));
            assertThat(new String(ProofAnswer.of(row), StandardCharsets.UTF_8)).as("proof %d", i).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("L3 a choice's method is read from its code as the enum names it, and any other code (other case, spaces, empty, none) is none")
    void methodCodes() {
        for (ChoiceMethod method : ChoiceMethod.values()) {
            assertThat(method.code()).isEqualTo(method.name().toLowerCase(Locale.ROOT));
            assertThat(ChoiceMethod.ofCode(method.code())).contains(method);
            assertThat(ChoiceMethod.ofCode(method.name())).isEmpty();
            assertThat(ChoiceMethod.ofCode(" " + method.code())).isEmpty();
        }
        assertThat(ChoiceMethod.ofCode("")).isEmpty();
        assertThat(ChoiceMethod.ofCode(null)).isEmpty();
        assertThat(ChoiceMethod.ofCode("other")).isEmpty();
    }
}
