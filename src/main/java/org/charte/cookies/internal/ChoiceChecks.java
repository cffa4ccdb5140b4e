package org.charte.cookies.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.charte.common.InvalidInputException.FieldError;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a choice as consent.js posts it (L3, R8.5), checked by hand on the busiest open door
 * of Charte: {@link ConsentApi.ChoiceBody}'s constraint annotations, which the OpenAPI document
 * publishes, read these constants, and {@code ChoiceChecksTests} proves that these checks name
 * exactly the fields and messages Bean Validation would, at a fraction of its cost per request
 * (bench/RESULTS.md, consent). One difference, on purpose: an entry of {@code choices} that is
 * refused (a key over 64 characters, a null answer) is named {@code choices}, never by its key,
 * which is what was sent.
 */
final class ChoiceChecks {

    static final String UUID_TEXT = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    static final String UUID_MESSAGE = "must be a UUID";
    static final int CONSENT_ID_MAX = 36;
    static final String VERSION_TEXT = "[0-9a-f]{16}";
    static final String VERSION_MESSAGE = "must be 16 hexadecimal digits";
    static final int VERSION_MAX = 16;
    static final String METHOD_TEXT = "banner|settings|inline|gpc|dnt";
    static final String METHOD_MESSAGE = "must be banner, settings, inline, gpc or dnt";
    static final int METHOD_MAX = 8;
    static final String SITE_TEXT = "https?://[A-Za-z0-9.-]{1,200}(:[0-9]{1,5})?";
    static final String SITE_MESSAGE = "must be a site's origin: http(s)://host[:port]";
    static final int SITE_MAX = 255;
    static final String LANGUAGE_TEXT = "fr|en";
    static final String LANGUAGE_MESSAGE = "must be fr or en";
    static final int LANGUAGE_MAX = 2;
    static final int CHOICES_MAX = 20;
    static final int PURPOSE_MAX = 64;

    /** The API's words for {@code @NotNull} and {@code @Size} (ValidationMessages.properties), which it has always answered with. */
    static final String NOT_NULL = "is required";

    private static final Pattern UUID = Pattern.compile(UUID_TEXT);
    private static final Pattern VERSION = Pattern.compile(VERSION_TEXT);
    private static final Pattern METHOD = Pattern.compile(METHOD_TEXT);
    private static final Pattern SITE = Pattern.compile(SITE_TEXT);
    private static final Pattern LANGUAGE = Pattern.compile(LANGUAGE_TEXT);

    private ChoiceChecks() {}

    /** Every field that breaks its rule, sorted as {@code InvalidInputException.violations} sorts them; empty when none does. */
    static List<FieldError> violations(ConsentApi.ChoiceBody body) {
        List<FieldError> errors = new ArrayList<>(0);
        text(errors, "consentId", body.consentId(), CONSENT_ID_MAX, UUID, UUID_MESSAGE);
        text(errors, "bannerVersion", body.bannerVersion(), VERSION_MAX, VERSION, VERSION_MESSAGE);
        text(errors, "method", body.method(), METHOD_MAX, METHOD, METHOD_MESSAGE);
        text(errors, "site", body.site(), SITE_MAX, SITE, SITE_MESSAGE);
        text(errors, "language", body.language(), LANGUAGE_MAX, LANGUAGE, LANGUAGE_MESSAGE);
        Map<String, Boolean> choices = body.choices();
        if (choices == null) {
            errors.add(new FieldError("choices", NOT_NULL));
        } else {
            if (choices.size() > CHOICES_MAX) {
                errors.add(new FieldError("choices", size(CHOICES_MAX)));
            }
            boolean longKey = false;
            boolean nullAnswer = false;
            for (Map.Entry<String, Boolean> choice : choices.entrySet()) {
                longKey |= choice.getKey().length() > PURPOSE_MAX;
                nullAnswer |= choice.getValue() == null;
            }
            if (longKey) {
                errors.add(new FieldError("choices", size(PURPOSE_MAX)));
            }
            if (nullAnswer) {
                errors.add(new FieldError("choices", NOT_NULL));
            }
        }
        if (errors.size() > 1) {
            errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        }
        return errors;
    }

    private static void text(List<FieldError> errors, String field, @Nullable String value, int max, Pattern shape, String message) {
        if (value == null) {
            errors.add(new FieldError(field, NOT_NULL));
            return;
        }
        if (value.length() > max) {
            errors.add(new FieldError(field, size(max)));
        }
        if (!shape.matcher(value).matches()) {
            errors.add(new FieldError(field, message));
        }
    }

    static String size(int max) {
        return "size must be between 0 and " + max;
    }
}
