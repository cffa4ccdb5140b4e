package org.charte.cookies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.Period;
import org.charte.policy.PolicyLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChoiceLifetimeTests {

    static final Instant SET = Instant.parse("2026-01-15T10:00:00Z");

    @Test
    @DisplayName("R5.4 L3 the shipped policy: the choice cookie lives 13 months from the choice and the choice is asked again after 6 months, on the Paris calendar")
    void shipped() {
        ChoiceLifetime lifetime = ChoiceLifetime.of(PolicyLoader.loadDefault());
        assertThat(lifetime.cookieName()).isEqualTo("charte_consent");
        assertThat(lifetime.lifetime()).isEqualTo(Period.ofMonths(13));
        assertThat(lifetime.reaskAfter()).isEqualTo(Period.ofMonths(6));
        assertThat(lifetime.expiresAt(SET)).isEqualTo(Instant.parse("2027-02-15T10:00:00Z"));
        assertThat(lifetime.reaskAt(SET)).as("11:00 in Paris, summer time").isEqualTo(Instant.parse("2026-07-15T09:00:00Z"));
        assertThat(lifetime.isDue(SET, Instant.parse("2026-07-15T08:59:59Z"))).isFalse();
        assertThat(lifetime.isDue(SET, Instant.parse("2026-07-15T09:00:00Z"))).isTrue();
    }

    @Test
    @DisplayName("R5.4 L3 a choice cookie never lives over 13 months, and a re-ask delay longer than the cookie is cut to its lifetime")
    void bounds() {
        assertThatThrownBy(() -> new ChoiceLifetime("c", Period.ofMonths(14), Period.ofMonths(6))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ChoiceLifetime("c", Period.ofMonths(12), Period.ofMonths(13)).reaskAfter()).isEqualTo(Period.ofMonths(12));
    }
}
