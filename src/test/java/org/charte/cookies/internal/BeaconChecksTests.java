package org.charte.cookies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The hand-written checks of a page view posted to the audience beacon say what Bean Validation
 * would say of the record's declared constraints, field for field and message for message (R3.4,
 * R8.5), over valid views and every kind of bad one: so the published constraints and the checks
 * cannot drift apart.
 */
class BeaconChecksTests {

    static ValidatorFactory factory;
    static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory(); // with the API's messages (ValidationMessages.properties)
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    static final NavigationBeaconApi.BeaconBody VALID = new NavigationBeaconApi.BeaconBody("https://www.gestan-demo.example", "/tarifs?x=1",
            "https://search.example/?q=gestan", "0190a5e2-7c3b-7def-8abc-0123456789ab");

    static NavigationBeaconApi.BeaconBody with(String field, String value) {
        return switch (field) {
            case "site" -> new NavigationBeaconApi.BeaconBody(value, VALID.page(), VALID.referrer(), VALID.consentId());
            case "page" -> new NavigationBeaconApi.BeaconBody(VALID.site(), value, VALID.referrer(), VALID.consentId());
            case "referrer" -> new NavigationBeaconApi.BeaconBody(VALID.site(), VALID.page(), value, VALID.consentId());
            default -> new NavigationBeaconApi.BeaconBody(VALID.site(), VALID.page(), VALID.referrer(), value);
        };
    }

    @Test
    @DisplayName("R3.4 R8.5 the checks of a page view posted to the beacon name exactly the fields and messages of its declared constraints, valid or not")
    void sameAsBeanValidation() {
        List<NavigationBeaconApi.BeaconBody> bodies = new ArrayList<>(List.of(VALID));
        Map<String, List<String>> texts = Map.of(
                "site", List.of("http://localhost:8080", "javascript:alert(1)", "https://" + "a".repeat(300) + ".example",
                        "https://" + "a".repeat(200) + ":123456", "https://a.example/"),
                "page", List.of("/", "/a b", "tarifs", "/" + "p".repeat(1024), "/" + "p".repeat(1023), "/x\t"),
                "referrer", List.of("http://x.example", "ftp://x.example", "https://", "https://a b", "https://" + "r".repeat(1020)),
                "consentId", List.of("0190A5E2-7C3B-7DEF-8ABC-0123456789AB", "not-an-id", "0190a5e2-7c3b-7def-8abc-0123456789abc"));
        for (Map.Entry<String, List<String>> field : texts.entrySet()) {
            bodies.add(with(field.getKey(), null));
            for (String text : field.getValue()) {
                bodies.add(with(field.getKey(), text));
            }
            for (String odd : List.of("", "   ", "\u0000", "/\u0000", "\u202Een", "a".repeat(600_000), "é", "/é")) {
                bodies.add(with(field.getKey(), odd));
            }
        }
        bodies.add(new NavigationBeaconApi.BeaconBody(null, null, null, null));
        bodies.add(new NavigationBeaconApi.BeaconBody("b".repeat(300), "", "\u202E", "x".repeat(40)));

        int refused = 0;
        for (NavigationBeaconApi.BeaconBody body : bodies) {
            List<FieldError> expected = InvalidInputException.violations(validator, body);
            assertThat(BeaconChecks.violations(body)).as(String.valueOf(body).substring(0, Math.min(200, String.valueOf(body).length())))
                    .containsExactlyElementsOf(expected);
            refused += expected.isEmpty() ? 0 : 1;
        }
        assertThat(refused).as("bad views among the cases").isGreaterThan(25);
    }
}
