package org.charte.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The language a browser asks for, on the pages a message links to (L5): French or English, French when in doubt. */
class BrowserLanguageTests {

    @Test
    @DisplayName("L5 Accept-Language picks English or French by preference; anything else, a malformed or an oversized header is French")
    void picks() {
        assertThat(LocaleConfiguration.browserLanguage("en-GB,en;q=0.9,fr;q=0.8")).isEqualTo(Locale.ENGLISH);
        assertThat(LocaleConfiguration.browserLanguage("fr-CA,en;q=0.5")).isEqualTo(Locale.FRENCH);
        assertThat(LocaleConfiguration.browserLanguage("de-DE,en;q=0.3")).isEqualTo(Locale.ENGLISH);
        assertThat(LocaleConfiguration.browserLanguage("de-DE")).isEqualTo(Locale.FRENCH);
        assertThat(LocaleConfiguration.browserLanguage(null)).isEqualTo(Locale.FRENCH);
        assertThat(LocaleConfiguration.browserLanguage("en;q=abc")).isEqualTo(Locale.FRENCH);
        assertThat(LocaleConfiguration.browserLanguage("en," + "x".repeat(2_000))).isEqualTo(Locale.FRENCH);
    }
}
