package org.charte.access.internal;

import java.util.regex.Pattern;
import org.charte.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** Checks of what a rights record keeps in clear: who recorded it (a typed id) and references (codes or ids). */
final class RecordedBy {

    private static final Pattern ACTOR = Pattern.compile("system|[a-z][a-z-]*:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** A rights request's id, a ticket reference, a code: never free text, which could hold personal data. */
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._/-]{0,99}");
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private RecordedBy() {}

    static String actor(@Nullable String by) {
        if (by == null || !ACTOR.matcher(by).matches()) {
            throw new InvalidInputException("by", "must be a typed id such as staff:<uuid>, subject:<uuid>, or system");
        }
        return by;
    }

    static @Nullable String reference(@Nullable String reference) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        if (!REFERENCE.matcher(reference.strip()).matches()) {
            throw new InvalidInputException("reference", "must be an id or a code (letters, digits, : . _ / -), at most 100 characters");
        }
        return reference.strip();
    }

    static String code(String field, @Nullable String code) {
        if (code == null || !CODE.matcher(code.strip()).matches()) {
            throw new InvalidInputException(field, "must be a lower-case code such as person-asked");
        }
        return code.strip();
    }
}
