package org.charte.rights.internal;

import java.util.Locale;
import org.charte.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** The languages Charte answers in: French (the default) and English; any other code is refused (R8.5). */
final class Languages {

    static final String MESSAGE = "must be fr or en";

    private Languages() {}

    /** French when none is given, English for {@code en}; anything else refused, the field named {@code language}. */
    static Locale of(@Nullable String code) {
        if (code == null || code.isBlank() || code.equals("fr")) {
            return Locale.FRENCH;
        }
        if (code.equals("en")) {
            return Locale.ENGLISH;
        }
        throw new InvalidInputException("language", MESSAGE);
    }
}
