package org.charte.cookies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The hand-written checks of a posted choice say what Bean Validation would say of the record's
 * declared constraints, field for field and message for message (L3, R8.5), over valid choices and
 * every kind of bad one: so the published constraints and the checks cannot drift apart.
 */
class ChoiceChecksTests {

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

    static final ConsentApi.ChoiceBody VALID = new ConsentApi.ChoiceBody("0190a5e2-7c3b-7def-8abc-0123456789ab", "0123456789abcdef", "banner",
            "https://www.gestan-demo.example", "fr", Map.of("audience", true, "social-sharing", false));

    static ConsentApi.ChoiceBody with(String field, Object value) {
        return switch (field) {
            case "consentId" -> new ConsentApi.ChoiceBody((String) value, VALID.bannerVersion(), VALID.method(), VALID.site(), VALID.language(), VALID.choices());
            case "bannerVersion" -> new ConsentApi.ChoiceBody(VALID.consentId(), (String) value, VALID.method(), VALID.site(), VALID.language(), VALID.choices());
            case "method" -> new ConsentApi.ChoiceBody(VALID.consentId(), VALID.bannerVersion(), (String) value, VALID.site(), VALID.language(), VALID.choices());
            case "site" -> new ConsentApi.ChoiceBody(VALID.consentId(), VALID.bannerVersion(), VALID.method(), (String) value, VALID.language(), VALID.choices());
            case "language" -> new ConsentApi.ChoiceBody(VALID.consentId(), VALID.bannerVersion(), VALID.method(), VALID.site(), (String) value, VALID.choices());
            default -> {
                @SuppressWarnings("unchecked")
                Map<String, Boolean> choices = (Map<String, Boolean>) value;
                yield new ConsentApi.ChoiceBody(VALID.consentId(), VALID.bannerVersion(), VALID.method(), VALID.site(), VALID.language(), choices);
            }
        };
    }

    /** What Bean Validation says, an entry of choices named {@code choices} (the checks never name one by its key). */
    static List<FieldError> beanValidation(ConsentApi.ChoiceBody body) {
        LinkedHashSet<FieldError> said = new LinkedHashSet<>();
        for (FieldError error : InvalidInputException.violations(validator, body)) {
            said.add(error.field().startsWith("choices[") ? new FieldError("choices", error.message()) : error);
        }
        List<FieldError> sorted = new ArrayList<>(said);
        sorted.sort((a, b) -> a.field().equals(b.field()) ? a.message().compareTo(b.message()) : a.field().compareTo(b.field()));
        return sorted;
    }

    @Test
    @DisplayName("L3 R8.5 the checks of a posted choice name exactly the fields and messages of its declared constraints, valid or not")
    void sameAsBeanValidation() {
        List<ConsentApi.ChoiceBody> bodies = new ArrayList<>(List.of(VALID));
        Map<String, List<String>> texts = Map.of(
                "consentId", List.of("0190A5E2-7C3B-7DEF-8ABC-0123456789AB", "not-an-id", "0190a5e2-7c3b-7def-8abc-0123456789abc"),
                "bannerVersion", List.of("0123456789ABCDEF", "0123456789abcdef0", "xyz"),
                "method", List.of("settings", "inline", "gpc", "dnt", "xyzzy", "bannerbanner"),
                "site", List.of("http://localhost:8080", "javascript:alert(1)", "https://" + "a".repeat(300) + ".example",
                        "https://" + "a".repeat(200) + ":123456"),
                "language", List.of("en", "de", "fra"));
        UnaryOperator<String> huge = s -> s + "x".repeat(600_000);
        for (Map.Entry<String, List<String>> field : texts.entrySet()) {
            bodies.add(with(field.getKey(), null));
            for (String text : field.getValue()) {
                bodies.add(with(field.getKey(), text));
            }
            for (String odd : List.of("", "   ", "\u0000", "fr\u0000", "\u202Een", huge.apply("a"), "é")) {
                bodies.add(with(field.getKey(), odd));
            }
        }
        Map<String, Boolean> withNull = new HashMap<>(VALID.choices());
        withNull.put("audience", null);
        Map<String, Boolean> many = new LinkedHashMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("purpose-" + i, i % 2 == 0);
        }
        Map<String, Boolean> longKey = new HashMap<>(VALID.choices());
        longKey.put("p".repeat(65), true);
        Map<String, Boolean> everything = new HashMap<>(many);
        everything.put("q".repeat(65), null);
        everything.put("r".repeat(70), null);
        bodies.addAll(List.of(with("choices", null), with("choices", Map.of()), with("choices", withNull), with("choices", many),
                with("choices", longKey), with("choices", everything)));
        bodies.add(new ConsentApi.ChoiceBody(null, null, null, null, null, null));
        bodies.add(new ConsentApi.ChoiceBody(huge.apply("b"), "", "\u202E", "ftp://x", "FR", everything));

        int refused = 0;
        for (ConsentApi.ChoiceBody body : bodies) {
            List<FieldError> expected = beanValidation(body);
            assertThat(ChoiceChecks.violations(body)).as(String.valueOf(body).substring(0, Math.min(200, String.valueOf(body).length())))
                    .containsExactlyElementsOf(expected);
            refused += expected.isEmpty() ? 0 : 1;
        }
        assertThat(refused).as("bad choices among the cases").isGreaterThan(50);
    }
}
