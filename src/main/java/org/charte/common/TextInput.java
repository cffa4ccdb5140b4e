package org.charte.common;

import java.util.List;
import org.charte.common.InvalidInputException.FieldError;
import org.jspecify.annotations.Nullable;

/**
 * What a text entered into Charte may hold (R8.5): at most its declared number of characters,
 * checked before anything reaches the database (sealed fields have no column to stop them), and no
 * invisible characters that change how it reads: no C0 or C1 control character (NUL, ESC, ...)
 * and no bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069). A single line
 * (a name, an address line, an e-mail, a code, a reason) holds no line break either; free text (a
 * message, notes, reasons written as a paragraph) may hold line feeds, carriage returns and tabs.
 * Messages name the rule, never the text.
 */
public final class TextInput {

    /** The two kinds of text: one line, or free text over several lines. */
    public enum Kind {
        SINGLE_LINE, FREE_TEXT
    }

    public static final String CONTROL_MESSAGE = "must not hold control or bidirectional-override characters";
    public static final String LINE_BREAK_MESSAGE = "must be a single line, without control or bidirectional-override characters";

    private TextInput() {}

    public static String tooLong(int max) {
        return "must be at most " + max + " characters";
    }

    /** The first character this kind of text may not hold, or -1. */
    public static int forbiddenAt(CharSequence text, Kind kind) {
        for (int i = 0; i < text.length(); i++) {
            if (forbidden(text.charAt(i), kind)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean forbidden(char c, Kind kind) {
        if (c == '\n' || c == '\r' || c == '\t') {
            return kind == Kind.SINGLE_LINE;
        }
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    /** What is wrong with the text (its length first, then its characters), or null when it may be recorded; null text is fine. */
    public static @Nullable String problem(@Nullable CharSequence text, int max, Kind kind) {
        if (text == null) {
            return null;
        }
        if (text.length() > max) {
            return tooLong(max);
        }
        if (forbiddenAt(text, kind) >= 0) {
            return kind == Kind.SINGLE_LINE ? LINE_BREAK_MESSAGE : CONTROL_MESSAGE;
        }
        return null;
    }

    /** Adds an error naming {@code field} when the text may not be recorded; true when it may. */
    public static boolean check(List<FieldError> errors, String field, @Nullable CharSequence text, int max, Kind kind) {
        String problem = problem(text, max, kind);
        if (problem == null) {
            return true;
        }
        errors.add(new FieldError(field, problem));
        return false;
    }

    public static boolean line(List<FieldError> errors, String field, @Nullable CharSequence text, int max) {
        return check(errors, field, text, max, Kind.SINGLE_LINE);
    }

    public static boolean freeText(List<FieldError> errors, String field, @Nullable CharSequence text, int max) {
        return check(errors, field, text, max, Kind.FREE_TEXT);
    }

    /** Throws {@link InvalidInputException} naming {@code field} when a single line may not be recorded. */
    public static @Nullable String requireLine(String field, @Nullable String text, int max) {
        String problem = problem(text, max, Kind.SINGLE_LINE);
        if (problem != null) {
            throw new InvalidInputException(field, problem);
        }
        return text;
    }

    /** Throws {@link InvalidInputException} naming {@code field} when free text may not be recorded. */
    public static @Nullable String requireFreeText(String field, @Nullable String text, int max) {
        String problem = problem(text, max, Kind.FREE_TEXT);
        if (problem != null) {
            throw new InvalidInputException(field, problem);
        }
        return text;
    }
}
