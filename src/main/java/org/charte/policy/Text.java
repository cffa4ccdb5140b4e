package org.charte.policy;

import java.util.Locale;

/** A label or sentence of the policy, in French and English side by side. */
public record Text(String fr, String en) {

    public String in(Locale locale) {
        return "en".equals(locale.getLanguage()) ? en : fr;
    }

    @Override
    public String toString() {
        return fr;
    }
}
