package org.charte.registers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.charte.common.InvalidInputException;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The 72-hour clock of Art. 33(1) and what the register records of a breach (L6). */
class BreachClockTests {

    static final Instant DISCOVERED = Instant.parse("2026-12-01T09:30:00Z");
    static final Policy POLICY = PolicyLoader.loadDefault();

    final BreachClock clock = new BreachClock(DISCOVERED);

    @Test
    @DisplayName("L6 the notification is due 72 hours after discovery; near due with 24 hours or less left, then overdue")
    void states() {
        assertThat(clock.dueAt()).isEqualTo(Instant.parse("2026-12-04T09:30:00Z"));
        assertThat(clock.state(DISCOVERED, false)).isEqualTo(BreachClock.State.RUNNING);
        assertThat(clock.state(DISCOVERED.plus(Duration.ofHours(48)).minusSeconds(1), false)).isEqualTo(BreachClock.State.RUNNING);
        assertThat(clock.state(DISCOVERED.plus(Duration.ofHours(48)), false)).isEqualTo(BreachClock.State.NEAR_DUE);
        assertThat(clock.state(DISCOVERED.plus(Duration.ofHours(72)).minusNanos(1), false)).isEqualTo(BreachClock.State.NEAR_DUE);
        assertThat(clock.state(DISCOVERED.plus(Duration.ofHours(72)), false)).isEqualTo(BreachClock.State.OVERDUE);
        assertThat(clock.state(DISCOVERED.plus(Duration.ofDays(30)), true)).isEqualTo(BreachClock.State.STOPPED);
        assertThat(clock.left(DISCOVERED.plus(Duration.ofHours(70)))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    @DisplayName("L6 the SQL's thresholds come from the clock: discovered 48 h ago is near due, 72 h ago overdue")
    void thresholds() {
        Instant now = Instant.parse("2026-12-10T12:00:00Z");
        assertThat(new BreachClock(BreachClock.nearDueIfDiscoveredBy(now)).state(now, false)).isEqualTo(BreachClock.State.NEAR_DUE);
        assertThat(new BreachClock(BreachClock.overdueIfDiscoveredBy(now)).state(now, false)).isEqualTo(BreachClock.State.OVERDUE);
        assertThat(new BreachClock(BreachClock.nearDueIfDiscoveredBy(now).plusSeconds(1)).state(now, false))
                .isEqualTo(BreachClock.State.RUNNING);
    }

    @Test
    @DisplayName("L6 a notification later than 72 hours needs the reasons for the delay (Art. 33(1)); on time it does not")
    void lateNeedsReasons() {
        Instant now = DISCOVERED.plus(Duration.ofDays(5));
        clock.checkNotification(DISCOVERED.plus(Duration.ofHours(71)), now, null);
        clock.checkNotification(DISCOVERED.plus(Duration.ofHours(72)), now, null);
        assertThatThrownBy(() -> clock.checkNotification(DISCOVERED.plus(Duration.ofHours(73)), now, " "))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("reasons for the delay");
        clock.checkNotification(DISCOVERED.plus(Duration.ofHours(73)), now, "the scope was only known on day 3");
        assertThatThrownBy(() -> clock.checkNotification(DISCOVERED.minusSeconds(1), now, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("before the discovery");
        assertThatThrownBy(() -> clock.checkNotification(now.plusSeconds(1), now, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("future");
    }

    @Test
    @DisplayName("L6 the risk decides: none is recorded only, risk is notified to the CNIL, high risk is also told to the people")
    void risk() {
        assertThat(BreachRisk.NONE.notifyAuthority()).isFalse();
        assertThat(BreachRisk.RISK.notifyAuthority()).isTrue();
        assertThat(BreachRisk.RISK.tellPeople()).isFalse();
        assertThat(BreachRisk.HIGH.notifyAuthority()).isTrue();
        assertThat(BreachRisk.HIGH.tellPeople()).isTrue();
    }

    static BreachForm form(List<String> categories) {
        return new BreachForm("Laptop stolen", DISCOVERED, "reported by its user", List.of("confidentiality", "availability"),
                categories, 120L, 480L, "phishing", "disk encrypted remotely wiped", "staff training");
    }

    @Test
    @DisplayName("L6 a breach names the current policy's data categories; an unknown one is refused, the field named, the value not repeated")
    void categories() {
        BreachForm.Checked checked = form(List.of("identity", "contact", "identity")).check(POLICY, DISCOVERED.plusSeconds(60));
        assertThat(checked.categories()).containsExactly("identity", "contact");
        assertThat(checked.nature()).containsExactly(BreachNature.CONFIDENTIALITY, BreachNature.AVAILABILITY);
        assertThatThrownBy(() -> form(List.of("identity", "shoe-size")).check(POLICY, DISCOVERED.plusSeconds(60)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors()).extracting(InvalidInputException.FieldError::field).containsExactly("categories[1]");
                    assertThat(e.errors().getFirst().message()).doesNotContain("shoe-size");
                });
    }

    @Test
    @DisplayName("L6 every field of a breach has a maximum, checked before the database, each invalid field named")
    void maxima() {
        String huge = "x".repeat(BreachForm.TEXT_MAX + 1);
        BreachForm bad = new BreachForm("t".repeat(BreachForm.TITLE_MAX + 1), DISCOVERED.plusSeconds(3600), huge, List.of("leak"),
                List.of(), -1L, BreachForm.COUNT_MAX + 1, huge, huge, null);
        assertThatThrownBy(() -> bad.check(POLICY, DISCOVERED))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(InvalidInputException.FieldError::field)
                        .containsExactly("title", "discoveredAt", "discoveredHow", "nature[0]", "categories", "approximatePeople",
                                "approximateRecords", "consequences", "measuresTaken", "measuresPlanned"));
    }
}
