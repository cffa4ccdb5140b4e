package org.charte.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.charte.support.PolicyFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DestructionScheduleTests {

    @Test
    @DisplayName("R5.5 a hosted database is due for destruction 30 days after termination (rule hosted-production-data, P30D)")
    void thirtyDaysAfterTermination() {
        DestructionSchedule schedule = DestructionSchedule.of(PolicyLoader.loadDefault());
        assertThat(schedule.ruleId()).isEqualTo("hosted-production-data");
        assertThat(schedule.duration()).isEqualTo(Period.ofDays(30));
        LocalDate terminated = LocalDate.of(2026, 1, 31);
        assertThat(schedule.dueOn(terminated)).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(schedule.dueBy(terminated, LocalDate.of(2026, 3, 1))).as("the day before").isFalse();
        assertThat(schedule.dueBy(terminated, LocalDate.of(2026, 3, 2))).as("the due day").isTrue();
        assertThat(schedule.dueBy(terminated, LocalDate.of(2027, 1, 1))).isTrue();
    }

    @Test
    @DisplayName("R5.5 the duration comes from the policy file: a policy saying P60D gives 60 days")
    void durationFromThePolicy() {
        Policy policy = PolicyLoader.parse("p.yaml", PolicyFixtures.with(
                "start: [termination]\n    duration: P30D", "start: [termination]\n    duration: P60D"));
        assertThat(DestructionSchedule.of(policy).dueOn(LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    @DisplayName("R5.5 a zero or negative duration is refused")
    void positive() {
        assertThatThrownBy(() -> new DestructionSchedule("x", Period.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DestructionSchedule("x", Period.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
