package org.charte.cookies.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a choice posted in the plain shape {@code consent.js} sends ({@code JSON.stringify} of a flat object: no
 * space, no escape, no {@code null}), so that the busiest open door of Charte (bench/RESULTS.md, consent) need not
 * start Jackson's data binding for it. Anything else answers {@code null} and the caller reads the body with Jackson,
 * as before: a member other than the six of {@link ConsentApi.ChoiceBody} or named twice, a space, an escape or a
 * character outside printable ASCII in a text, a value other than a text (or, in {@code choices}, {@code true} or
 * {@code false}), anything after the object. What it does read is exactly what Jackson reads from the same bytes
 * ({@code PlainChoiceReaderTests} compares them over valid and broken bodies); the checks that follow are the same.
 */
final class PlainChoiceReader {

    private final byte[] in;
    private int at;

    private PlainChoiceReader(byte[] in) {
        this.in = in;
    }

    /** The choice these bytes hold, or {@code null} when they are not in the plain shape (Jackson then decides). */
    static ConsentApi.@Nullable ChoiceBody read(byte[] body) {
        return new PlainChoiceReader(body).body();
    }

    private ConsentApi.@Nullable ChoiceBody body() {
        String consentId = null;
        String bannerVersion = null;
        String method = null;
        String site = null;
        String language = null;
        Map<String, Boolean> choices = null;
        if (!take('{')) {
            return null;
        }
        if (!take('}')) {
            do {
                String name = text();
                if (name == null || !take(':')) {
                    return null;
                }
                switch (name) {
                    case "consentId" -> {
                        if (consentId != null || (consentId = text()) == null) {
                            return null;
                        }
                    }
                    case "bannerVersion" -> {
                        if (bannerVersion != null || (bannerVersion = text()) == null) {
                            return null;
                        }
                    }
                    case "method" -> {
                        if (method != null || (method = text()) == null) {
                            return null;
                        }
                    }
                    case "site" -> {
                        if (site != null || (site = text()) == null) {
                            return null;
                        }
                    }
                    case "language" -> {
                        if (language != null || (language = text()) == null) {
                            return null;
                        }
                    }
                    case "choices" -> {
                        if (choices != null || (choices = choices()) == null) {
                            return null;
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            } while (take(','));
            if (!take('}')) {
                return null;
            }
        }
        return at == in.length ? new ConsentApi.ChoiceBody(consentId, bannerVersion, method, site, language, choices) : null;
    }

    /** {@code {"purpose":true,...}}, each purpose once, or null. */
    private @Nullable Map<String, Boolean> choices() {
        if (!take('{')) {
            return null;
        }
        Map<String, Boolean> choices = new LinkedHashMap<>();
        if (take('}')) {
            return choices;
        }
        do {
            String purpose = text();
            if (purpose == null || !take(':')) {
                return null;
            }
            Boolean answer = word("true") ? Boolean.TRUE : word("false") ? Boolean.FALSE : null;
            if (answer == null || choices.put(purpose, answer) != null) {
                return null;
            }
        } while (take(','));
        return take('}') ? choices : null;
    }

    /** A text of printable ASCII without escape ({@code "} and {@code \} excluded), or null. */
    private @Nullable String text() {
        if (!take('"')) {
            return null;
        }
        int start = at;
        while (at < in.length) {
            byte b = in[at];
            if (b == '"') {
                String text = new String(in, start, at - start, StandardCharsets.ISO_8859_1);
                at++;
                return text;
            }
            if (b < 0x20 || b > 0x7E || b == '\\') {
                return null;
            }
            at++;
        }
        return null;
    }

    private boolean word(String word) {
        if (in.length - at < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[at + i] != word.charAt(i)) {
                return false;
            }
        }
        at += word.length();
        return true;
    }

    private boolean take(char c) {
        if (at < in.length && in[at] == c) {
            at++;
            return true;
        }
        return false;
    }
}
