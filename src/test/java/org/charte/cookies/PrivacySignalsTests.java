package org.charte.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrivacySignalsTests {

    static Map<String, Boolean> accepting() {
        Map<String, Boolean> choices = new LinkedHashMap<>();
        choices.put("audience", true);
        choices.put("social-sharing", true);
        return choices;
    }

    @Test
    @DisplayName("R9.11 Sec-GPC: 1 turns a banner choice into a GPC refusal of every purpose; DNT: 1 too when the policy honours it")
    void signalsRefuse() {
        var signals = new PrivacySignals(true);
        var gpc = signals.apply(ChoiceMethod.BANNER, accepting(), "1", null);
        assertThat(gpc.method()).isEqualTo(ChoiceMethod.GPC);
        assertThat(gpc.choices()).containsExactly(Map.entry("audience", false), Map.entry("social-sharing", false));
        assertThat(signals.apply(ChoiceMethod.BANNER, accepting(), null, "1").method()).isEqualTo(ChoiceMethod.DNT);
        assertThat(new PrivacySignals(false).apply(ChoiceMethod.BANNER, accepting(), null, "1").choices()).containsEntry("audience", true);
        assertThat(signals.apply(ChoiceMethod.GPC, accepting(), null, null).choices()).containsValues(false).doesNotContainValue(true);
    }

    @Test
    @DisplayName("R9.11 without a signal the choice stands; a choice made in the settings the person opened stands even with a signal")
    void explicitChoiceStands() {
        var signals = new PrivacySignals(true);
        assertThat(signals.apply(ChoiceMethod.BANNER, accepting(), null, null).choices()).containsEntry("audience", true);
        assertThat(signals.apply(ChoiceMethod.BANNER, accepting(), "0", "0").method()).isEqualTo(ChoiceMethod.BANNER);
        var settings = signals.apply(ChoiceMethod.SETTINGS, accepting(), "1", "1");
        assertThat(settings.method()).isEqualTo(ChoiceMethod.SETTINGS);
        assertThat(settings.choices()).containsEntry("audience", true);
    }

    @Test
    @DisplayName("R7.2 R9.11 loading a social network's content from its placeholder (inline) is the person's deliberate choice: a signal does not overrule it")
    void inlineChoiceStands() {
        var inline = new PrivacySignals(true).apply(ChoiceMethod.INLINE, accepting(), "1", "1");
        assertThat(inline.method()).isEqualTo(ChoiceMethod.INLINE);
        assertThat(inline.choices()).isEqualTo(accepting());
        assertThat(ChoiceMethod.ofCode("inline")).contains(ChoiceMethod.INLINE);
        assertThat(ChoiceMethod.INLINE.signal()).isFalse();
    }

    @Test
    @DisplayName("L3 a banner version is the first 16 hex digits of the SHA-256 of what the banner shows: another word, another version")
    void bannerVersion() {
        assertThat(BannerVersion.of("abc").value()).isEqualTo("ba7816bf8f01cfea");
        assertThat(BannerVersion.of("abd")).isNotEqualTo(BannerVersion.of("abc"));
    }
}
