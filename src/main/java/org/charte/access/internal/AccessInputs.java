package org.charte.access.internal;

import java.time.Instant;
import java.time.LocalDate;
import org.charte.access.AccessException;
import org.charte.common.PlausibleDate;
import org.charte.common.TextInput;
import org.jspecify.annotations.Nullable;

/**
 * The access module's services check what pages and the API give them with the shared rules
 * ({@link TextInput}, {@link PlausibleDate}) before the database, refusing with an
 * {@link AccessException} naming the field, never the value.
 */
final class AccessInputs {

    private AccessInputs() {}

    static void line(String field, @Nullable String text, int max) {
        String problem = TextInput.problem(text, max, TextInput.Kind.SINGLE_LINE);
        if (problem != null) {
            throw new AccessException(field, problem);
        }
    }

    static void day(String field, @Nullable LocalDate day) {
        if (!PlausibleDate.isPlausible(day)) {
            throw new AccessException(field, PlausibleDate.MESSAGE);
        }
    }

    static void instant(String field, @Nullable Instant instant) {
        if (!PlausibleDate.isPlausible(instant)) {
            throw new AccessException(field, PlausibleDate.MESSAGE);
        }
    }
}
