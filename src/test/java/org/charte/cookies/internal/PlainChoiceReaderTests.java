package org.charte.cookies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand reading of a posted choice in consent.js's plain shape (L3, R8.5; bench/RESULTS.md, consent) gives exactly
 * the choice the application's Jackson reader gives for the same bytes, and leaves every other body to it: over
 * thousands of plain bodies (each read by hand) and as many broken or unusual ones (spaces, escapes, non-ASCII,
 * nulls, numbers, members twice, unknown or missing, cut short, followed by more).
 */
class PlainChoiceReaderTests extends RightsTestBase {

    @Autowired JsonMapper json;

    static final String[] NAMES = {"consentId", "bannerVersion", "method", "site", "language", "choices"};
    static final String PRINTABLE = " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    static String text(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "0190a5e2-7c3b-7def-8abc-0123456789ab";
            case 1 -> "https://www.gestan-demo.example";
            case 2 -> random.nextBoolean() ? "fr" : "banner";
            case 3 -> "";
            default -> {
                StringBuilder s = new StringBuilder();
                for (int i = random.nextInt(20); i > 0; i--) {
                    s.append(PRINTABLE.charAt(random.nextInt(PRINTABLE.length())));
                }
                yield s.toString();
            }
        };
    }

    /** A body as consent.js sends it: the members in any order, some maybe missing, choices with distinct purposes. */
    static String plain(Random random) {
        List<String> names = new ArrayList<>(List.of(NAMES));
        Collections.shuffle(names, random);
        if (random.nextInt(4) == 0) {
            names.remove(random.nextInt(names.size()));
        }
        StringBuilder body = new StringBuilder("{");
        for (String name : names) {
            body.append(body.length() > 1 ? "," : "").append('"').append(name).append("\":");
            if (name.equals("choices")) {
                body.append('{');
                List<String> purposes = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    String purpose = i % 2 == 0 ? "audience" + purposes.size() : text(random).replace("\"", "").replace("\\", "");
                    if (!purposes.contains(purpose)) {
                        purposes.add(purpose);
                    }
                }
                for (String purpose : purposes) {
                    body.append(body.charAt(body.length() - 1) == '{' ? "" : ",").append('"').append(purpose).append("\":").append(random.nextBoolean());
                }
                body.append('}');
            } else {
                body.append('"').append(text(random).replace("\"", "").replace("\\", "")).append('"');
            }
        }
        return body.append('}').toString();
    }

    static final String[] INSERTS = {" ", "\n", "\\u0041", "\\\"", "é", "null", "1", "[]", "{}", "\"", ",", ":", "true", "\"x\":\"y\"",
            "\"consentId\":\"a\",", "\"choices\":{\"a\":true},", "\u0001", "\uFEFF"};

    /** The plain body changed at a random place: a piece inserted, a part cut, a member doubled, trailing bytes. */
    static String broken(Random random, String body) {
        int at = random.nextInt(body.length() + 1);
        return switch (random.nextInt(5)) {
            case 0, 1 -> body.substring(0, at) + INSERTS[random.nextInt(INSERTS.length)] + body.substring(at);
            case 2 -> body.substring(0, at);
            case 3 -> body.substring(0, at) + body.substring(Math.min(body.length(), at + 1 + random.nextInt(5)));
            default -> body + (random.nextBoolean() ? " " : "{}");
        };
    }

    @Test
    @DisplayName("L3 R8.5 a choice in consent.js's plain shape is read by hand exactly as Jackson reads it; any other body is left to Jackson")
    void sameChoiceAsJackson() {
        ObjectReader reader = json.readerFor(ConsentApi.ChoiceBody.class);
        Random random = new Random(11);
        int byHand = 0;
        int left = 0;
        for (int i = 0; i < 20_000; i++) {
            String body = plain(random);
            if (i % 2 == 1) {
                body = broken(random, body);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ConsentApi.ChoiceBody hand = PlainChoiceReader.read(bytes);
            ConsentApi.ChoiceBody jackson;
            try {
                jackson = reader.readValue(bytes);
            } catch (JacksonException e) {
                jackson = null;
            }
            if (i % 2 == 0) {
                assertThat(hand).as("a plain body is read by hand: %s", body).isNotNull();
            }
            if (hand != null) {
                byHand++;
                assertThat(hand).as("the same choice as Jackson's: %s", body).isEqualTo(jackson);
                assertThat(hand.choices() == null ? List.of() : List.copyOf(hand.choices().keySet())).as("in the same order: %s", body)
                        .isEqualTo(jackson.choices() == null ? List.of() : List.copyOf(jackson.choices().keySet()));
            } else {
                left++;
            }
        }
        assertThat(byHand).isGreaterThan(10_000);
        assertThat(left).as("broken bodies left to Jackson").isGreaterThan(3_000);
        assertThat(PlainChoiceReader.read("{\"choices\":{\"a\":true,\"a\":false}}".getBytes(StandardCharsets.UTF_8))).as("a purpose twice").isNull();
        assertThat(PlainChoiceReader.read("{\"site\":\"a\",\"site\":\"b\"}".getBytes(StandardCharsets.UTF_8))).as("a member twice").isNull();
        assertThat(PlainChoiceReader.read("{\"site\":null}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(PlainChoiceReader.read("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(new ConsentApi.ChoiceBody(null, null, null, null, null, null));
    }
}
