package org.charte.cookies.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The choices of a proof of cookie choices as its row keeps them (L3, R9.11; V53): one JSON object, a purpose's id to
 * {@code true} (accepted) or {@code false} (refused), in the order of the banner's purposes, e.g.
 * {@code {"audience":false,"social-sharing":true}}. In the proof's own row rather than a row per purpose beside it: one
 * row and its index entries per proof instead of three, on the busiest write of Charte (bench/RESULTS.md, consent).
 * Written here only, so the text is always this compact form; read back by any JSON parser (V53 built the rows stored
 * before it with the database's own JSON quoting).
 */
final class StoredChoices {

    private static final TypeReference<LinkedHashMap<String, Boolean>> MAP = new TypeReference<>() {};

    /** The longest text a row takes (V53): 20 purposes of 64 characters, each of which JSON might quote as 6. */
    static final int MAX = 20_000;

    private StoredChoices() {}

    /** The choices as their row keeps them. */
    static String text(Map<String, Boolean> choices) {
        StringBuilder text = new StringBuilder(2 + choices.size() * 24).append('{');
        boolean first = true;
        for (Map.Entry<String, Boolean> choice : choices.entrySet()) {
            if (!first) {
                text.append(',');
            }
            first = false;
            quote(text, choice.getKey());
            text.append(':').append(choice.getValue().booleanValue());
        }
        return text.append('}').toString();
    }

    /** A JSON string: {@code "} and {@code \} escaped, control characters as {@code \}{@code uXXXX}, everything else as it is. */
    static void quote(StringBuilder text, String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\').append(c);
            } else if (c < 0x20) {
                text.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else {
                text.append(c);
            }
        }
        text.append('"');
    }

    /** The choices a row keeps, in their order. */
    static Map<String, Boolean> of(String text) {
        return JsonMapper.shared().readValue(text, MAP);
    }

    /** Whether the choices a row keeps accept this purpose (a purpose they do not answer is not accepted). */
    static boolean accepts(@Nullable String text, String purpose) {
        return text != null && Boolean.TRUE.equals(of(text).get(purpose));
    }
}
