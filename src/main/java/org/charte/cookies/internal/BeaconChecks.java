package org.charte.cookies.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.charte.common.InvalidInputException.FieldError;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a page view as consent.js posts it to the audience beacon (R3.4, R8.5), checked by hand
 * on a busy open door, as {@link ChoiceChecks} checks a choice: {@link NavigationBeaconApi.BeaconBody}'s
 * constraint annotations, which the OpenAPI document publishes, read these constants, and
 * {@code BeaconChecksTests} proves that these checks name exactly the fields and messages Bean
 * Validation would.
 */
final class BeaconChecks {

    static final int SITE_MAX = ChoiceChecks.SITE_MAX;
    static final String SITE_TEXT = ChoiceChecks.SITE_TEXT;
    static final String SITE_MESSAGE = ChoiceChecks.SITE_MESSAGE;
    static final int PAGE_MAX = 1024;
    static final String PAGE_TEXT = "/[^\\s]*";
    static final String PAGE_MESSAGE = "must be a path starting with /";
    static final int REFERRER_MAX = 1024;
    static final String REFERRER_TEXT = "(https?://\\S+)?";
    static final String REFERRER_MESSAGE = "must be an http(s) address";
    static final int CONSENT_ID_MAX = ChoiceChecks.CONSENT_ID_MAX;
    static final String UUID_TEXT = ChoiceChecks.UUID_TEXT;
    static final String UUID_MESSAGE = ChoiceChecks.UUID_MESSAGE;

    private static final Pattern SITE = Pattern.compile(SITE_TEXT);
    private static final Pattern PAGE = Pattern.compile(PAGE_TEXT);
    private static final Pattern REFERRER = Pattern.compile(REFERRER_TEXT);
    private static final Pattern UUID = Pattern.compile(UUID_TEXT);

    private BeaconChecks() {}

    /** Every field that breaks its rule, sorted as {@code InvalidInputException.violations} sorts them; empty when none does. */
    static List<FieldError> violations(NavigationBeaconApi.BeaconBody body) {
        List<FieldError> errors = new ArrayList<>(0);
        text(errors, "site", body.site(), true, SITE_MAX, SITE, SITE_MESSAGE);
        text(errors, "page", body.page(), true, PAGE_MAX, PAGE, PAGE_MESSAGE);
        text(errors, "referrer", body.referrer(), false, REFERRER_MAX, REFERRER, REFERRER_MESSAGE);
        text(errors, "consentId", body.consentId(), false, CONSENT_ID_MAX, UUID, UUID_MESSAGE);
        if (errors.size() > 1) {
            errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        }
        return errors;
    }

    private static void text(List<FieldError> errors, String field, @Nullable String value, boolean required, int max, Pattern shape,
            String message) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, ChoiceChecks.NOT_NULL));
            }
            return;
        }
        if (value.length() > max) {
            errors.add(new FieldError(field, ChoiceChecks.size(max)));
        }
        if (!shape.matcher(value).matches()) {
            errors.add(new FieldError(field, message));
        }
    }
}
