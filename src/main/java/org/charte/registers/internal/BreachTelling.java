package org.charte.registers.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the people concerned by a high-risk breach were told (L6, GDPR Art. 34), as the register
 * stores it ({@code breach.people_told_how} and the {@code people-told} step): a stable code, never
 * a sentence, {@code email:<mailed>} or {@code email:<mailed>;without-email:<count>}; the page, the
 * CNIL's notification file and the register export word it in their language, the API returns the
 * channel's code and the counts. Rows stored before the code (the English phrase
 * {@code e-mail: 2; without an e-mail address: 1}) are read the same: the breach's history is
 * appended, never changed, so they are understood rather than rewritten.
 */
record BreachTelling(int mailed, int withoutEmail) {

    /** The channel the letters go by (the only one Charte sends them by). */
    static final String EMAIL = "email";

    private static final Pattern CODE = Pattern.compile("email:([0-9]{1,9})(?:;without-email:([0-9]{1,9}))?");
    private static final Pattern BEFORE = Pattern.compile("e-mail: ([0-9]{1,9})(?:; without an e-mail address: ([0-9]{1,9}))?");

    /** The stored code. */
    String code() {
        return EMAIL + ":" + mailed + (withoutEmail == 0 ? "" : ";without-email:" + withoutEmail);
    }

    /** The stored value read back, in the code or in the English phrase of before; empty for anything else. */
    static Optional<BreachTelling> read(@Nullable String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        for (Pattern form : new Pattern[] {CODE, BEFORE}) {
            Matcher m = form.matcher(stored.strip());
            if (m.matches()) {
                return Optional.of(new BreachTelling(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))));
            }
        }
        return Optional.empty();
    }

    /** The stored value as a code: the code of a known form, else the value as it is (nothing else writes it). */
    static @Nullable String normalised(@Nullable String stored) {
        return read(stored).map(BreachTelling::code).orElse(stored);
    }
}
