package org.charte.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.charte.testing.PolicyFixtures;
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
    @DisplayName("R5.5 one rule, one day: terminated 2024-06-30, due 2024-07-30, destroyed as of that day, not the day before")
    void oneRuleOneDay() {
        DestructionSchedule schedule = DestructionSchedule.of(PolicyLoader.loadDefault());
        LocalDate terminated = LocalDate.of(2024, 6, 30);
        LocalDate due = schedule.dueOn(terminated);
        assertThat(due).isEqualTo(LocalDate.of(2024, 7, 30));
        assertThat(schedule.dueBy(terminated, LocalDate.of(2024, 7, 29))).isFalse();
        assertThat(schedule.dueBy(terminated, LocalDate.of(2024, 7, 30))).isTrue();
        assertThat(DestructionSchedule.isDue(due, LocalDate.of(2024, 7, 29))).as("the stored due day, the day before").isFalse();
        assertThat(DestructionSchedule.isDue(due, LocalDate.of(2024, 7, 30))).as("the stored due day, that day").isTrue();
        assertThat(DestructionSchedule.isDue(due, LocalDate.of(2024, 7, 31))).isTrue();
    }

    @Test
    @DisplayName("R5.5 a policy without the hosted-data rule gives no schedule; one counted from another event is refused")
    void missingOrMisshapen() {
        Policy without = PolicyLoader.parse("p.yaml", PolicyFixtures.with("id: hosted-production-data", "id: hosted-data-elsewhere"));
        assertThat(DestructionSchedule.find(without)).isEmpty();
        assertThatThrownBy(() -> DestructionSchedule.of(without)).isInstanceOf(IllegalStateException.class);
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
