package org.charte.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.charte.policy.PolicyLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.StaticMessageSource;

class CodeWordsTests {

    final CodeWords codes = new CodeWords(new StaticMessageSource(), PolicyLoader.loadShipped(PolicyLoader.DEFAULT_RESOURCE));

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    @DisplayName("L10 an instant reads as a Paris date and time in the page's language, a role by its label, never as a code")
    void instantsAndRoles() {
        Instant at = Instant.parse("2027-01-15T08:30:00Z");
        LocaleContextHolder.setLocale(Locale.FRENCH);
        assertThat(codes.when(at)).isEqualTo("15/01/2027 à 09:30");
        assertThat(codes.when(null)).isEmpty();
        assertThat(codes.role("adv")).isEqualTo("Administration des ventes (ADV)");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(codes.when(Instant.parse("2027-07-01T22:05:00Z"))).isEqualTo("2 Jul 2027, 00:05");
    }
}
