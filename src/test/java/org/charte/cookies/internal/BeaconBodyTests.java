package org.charte.cookies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.cookies.PageView;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audience beacon's script door reads its body token by token (bench/RESULTS.md, beacon): it reads exactly what
 * Jackson's data binding into {@link NavigationBeaconApi.BeaconBody} read before (R3.4, L8, R8.5), and refuses exactly
 * what it refused, naming the same field with the same message, over valid bodies and every kind of odd or bad one. And
 * the User-Agents' values, kept per agent, are Yauaa's.
 */
class BeaconBodyTests {

    /** The reading the door did before: Jackson's data binding into the record, its errors turned into the same answers. */
    static final ObjectReader BINDING = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
            .readerFor(NavigationBeaconApi.BeaconBody.class);

    static Object bound(byte[] body) {
        try {
            NavigationBeaconApi.BeaconBody beacon = BINDING.readValue(body);
            return beacon == null ? List.of(new FieldError("body", "must be a JSON object")) : beacon;
        } catch (DatabindException e) {
            String field = String.join(".", e.getPath().stream().map(r -> r.getPropertyName()).filter(Objects::nonNull).toList());
            return List.of(new FieldError(field.isEmpty() ? "body" : field, "has the wrong type or shape"));
        } catch (JacksonException e) {
            return List.of(new FieldError("body", "must be a JSON object with site, page, and optionally referrer and consentId"));
        }
    }

    static Object parsed(byte[] body) {
        try {
            return NavigationBeaconApi.parse(body);
        } catch (InvalidInputException e) {
            return e.errors();
        }
    }

    @Test
    @DisplayName("R3.4 L8 R8.5 the beacon's body is read as Jackson's data binding read it: the same page view, or the same field refused")
    void sameAsDataBinding() {
        List<String> bodies = new ArrayList<>(List.of(
                "{\"site\":\"https://www.gestan-demo.example\",\"page\":\"/tarifs?x=1\",\"referrer\":\"https://search.example/?q=a\","
                        + "\"consentId\":\"0190a5e2-7c3b-7def-8abc-0123456789ab\"}",
                "{\"site\":\"https://a.example\",\"page\":\"/\"}",
                " \n{ \"page\" : \"/\u00e9t\u00e9\\n\\u0041\" , \"site\" : \"https://a.example\" } ",
                "{\"site\":\"https://a.example\",\"page\":\"/\",\"referrer\":null,\"consentId\":null}",
                "{\"site\":\"https://a.example\",\"page\":\"/\",\"extra\":{\"a\":[1,2,{\"b\":null}]},\"more\":[[]],\"x\":1}",
                "{\"site\":\"https://a.example\",\"page\":\"/\"} trailing",
                "{\"site\":\"https://a.example\",\"page\":\"/\"}{\"page\":\"/other\"}",
                "{\"site\":\"https://a.example\",\"page\":\"/a\",\"page\":\"/b\"}",
                "{\"site\":12,\"page\":1.5e3,\"referrer\":true,\"consentId\":false}",
                "{\"site\":-0,\"page\":\"/\"}",
                "{\"page\":[\"xyzzy\"],\"site\":\"https://a.example\"}",
                "{\"site\":{\"a\":1},\"page\":\"/\"}",
                "{\"site\":\"https://a.example\",\"page\":\"/\",\"referrer\":[]}",
                "{\"site\":\"https://a.example\",\"page\":\"/\",\"consentId\":{}}",
                "{}",
                "null",
                "[]",
                "[{\"site\":\"https://a.example\",\"page\":\"/\"}]",
                "\"https://a.example\"",
                "12",
                "true",
                "   ",
                "{",
                "{\"site\":",
                "{\"site\":\"https://a.example\",",
                "{\"site\":\"https://a.example\" \"page\":\"/\"}",
                "{site:\"https://a.example\"}",
                "{'site':'https://a.example'}",
                "{\"site\":\"https://a.example\",\"page\":\"/\",}",
                "{\"site\":\"unterminated}",
                "{\"site\":\"a\\qb\"}",
                "xyzzy",
                "\u0000",
                "{\"site\":\"https://a.example\",\"page\":\"/" + "p".repeat(2000) + "\"}"));
        int refused = 0;
        for (String body : bodies) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Object expected = bound(bytes);
            assertThat(parsed(bytes)).as(body.substring(0, Math.min(80, body.length()))).isEqualTo(expected);
            refused += expected instanceof List ? 1 : 0;
        }
        assertThat(refused).as("bad bodies among the cases").isGreaterThan(15);
    }

    @Test
    @DisplayName("R3.4 L8 R8.5 an empty or oversized beacon body is refused before it is read, naming the body")
    void emptyOrTooLarge() {
        assertThat(parsed(new byte[0])).isEqualTo(List.of(new FieldError("body", "is required: a JSON object")));
        byte[] large = ("{\"site\":\"https://a.example\",\"page\":\"/" + "p".repeat(NavigationBeaconApi.MAX_BODY) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(parsed(large)).isEqualTo(List.of(new FieldError("body", "must be at most " + NavigationBeaconApi.MAX_BODY + " bytes")));
    }

    @Test
    @DisplayName("R3.4 the browser and system kept for a User-Agent are Yauaa's, whether parsed or remembered, and the memory of agents is bounded")
    void agentsRemembered() {
        UserAgents agents = new UserAgents(50);
        String chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36";
        PageView.Agent first = agents.parse(chrome);
        assertThat(first.browser()).isEqualTo("Chrome");
        assertThat(first.browserVersion()).as("Chrome says its major version only").isEqualTo("139");
        assertThat(first.system()).isEqualTo("Windows NT");
        assertThat(agents.parse(new String(chrome.toCharArray()))).isSameAs(first);
        assertThat(agents.parse(null)).isEqualTo(new PageView.Agent(UserAgents.UNKNOWN, UserAgents.UNKNOWN, UserAgents.UNKNOWN, UserAgents.UNKNOWN));
        assertThat(agents.parse("  ")).isEqualTo(agents.parse(null));
        for (int i = 0; i <= 120; i++) {
            agents.parse("Bot/" + i);
        }
        assertThat(agents.remembered()).isBetween(1, 50);
        assertThat(agents.parse(chrome)).isEqualTo(first);
    }
}
