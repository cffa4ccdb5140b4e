package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.charte.common.InvalidInputException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestClockTests {

    static final LocalDate RECEIVED = LocalDate.of(2026, 3, 10);

    @Test
    @DisplayName("R9.7 L1 a request is due one calendar month after receipt")
    void dueInOneMonth() {
        RequestClock clock = RequestClock.receivedOn(RECEIVED);
        assertThat(clock.dueOn(RECEIVED)).isEqualTo(LocalDate.of(2026, 4, 10));
        assertThat(clock.daysLeft(RECEIVED)).isEqualTo(31);
    }

    @Test
    @DisplayName("R9.7 L1 end of month: received 31 January, due 28 February, or 29 in a leap year")
    void endOfMonth() {
        assertThat(RequestClock.receivedOn(LocalDate.of(2026, 1, 31)).dueOn()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(RequestClock.receivedOn(LocalDate.of(2028, 1, 31)).dueOn()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(RequestClock.receivedOn(LocalDate.of(2026, 3, 31)).dueOn()).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(RequestClock.receivedOn(LocalDate.of(2026, 1, 31)).extend(LocalDate.of(2026, 2, 1)).dueOn())
                .isEqualTo(LocalDate.of(2026, 4, 30));
    }

    @Test
    @DisplayName("R9.7 L1 one extension of two months with a notice sent within the first month")
    void extension() {
        RequestClock extended = RequestClock.receivedOn(RECEIVED).extend(LocalDate.of(2026, 4, 10));
        assertThat(extended.extended()).isTrue();
        assertThat(extended.dueOn()).isEqualTo(LocalDate.of(2026, 6, 10));
    }

    @Test
    @DisplayName("R9.7 L1 an extension notice after the first month is refused, and so is a second extension")
    void lateOrSecondExtensionRefused() {
        RequestClock clock = RequestClock.receivedOn(RECEIVED);
        assertThatThrownBy(() -> clock.extend(LocalDate.of(2026, 4, 11)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("within the first month");
        assertThatThrownBy(() -> clock.extend(LocalDate.of(2026, 3, 20)).extend(LocalDate.of(2026, 3, 21)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already been extended");
        assertThatThrownBy(() -> clock.extend(LocalDate.of(2026, 3, 9))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    @DisplayName("L1 asking for more information suspends the clock until the answer: the due date moves by as many days")
    void suspension() {
        RequestClock asked = RequestClock.receivedOn(RECEIVED).suspend(LocalDate.of(2026, 3, 15));
        assertThat(asked.state(LocalDate.of(2026, 5, 1))).isEqualTo(RequestClock.State.SUSPENDED);
        assertThat(asked.dueOn(LocalDate.of(2026, 3, 25))).isEqualTo(LocalDate.of(2026, 4, 20));
        RequestClock answered = asked.resume(LocalDate.of(2026, 3, 25));
        assertThat(answered.suspendedDays()).isEqualTo(10);
        assertThat(answered.dueOn()).isEqualTo(LocalDate.of(2026, 4, 20));
        // The first month moves too: an extension on 20 April is still within it.
        assertThat(answered.extend(LocalDate.of(2026, 4, 20)).dueOn()).isEqualTo(LocalDate.of(2026, 6, 20));
        assertThatThrownBy(() -> answered.resume(LocalDate.of(2026, 3, 26))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> asked.suspend(LocalDate.of(2026, 3, 16))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> asked.resume(LocalDate.of(2026, 3, 14))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    @DisplayName("R9.7 near due within 7 days, overdue the day after the due date")
    void flags() {
        RequestClock clock = RequestClock.receivedOn(RECEIVED);
        assertThat(clock.state(LocalDate.of(2026, 4, 2))).isEqualTo(RequestClock.State.ON_TIME);
        assertThat(clock.state(LocalDate.of(2026, 4, 3))).isEqualTo(RequestClock.State.NEAR_DUE);
        assertThat(clock.state(LocalDate.of(2026, 4, 10))).isEqualTo(RequestClock.State.NEAR_DUE);
        assertThat(clock.state(LocalDate.of(2026, 4, 11))).isEqualTo(RequestClock.State.OVERDUE);
        assertThat(clock.daysLeft(LocalDate.of(2026, 4, 12))).isEqualTo(-2);
    }

    @Test
    @DisplayName("R9.7 L10 an answer after the due day is late by the days past it; on or before it, not late")
    void daysLate() {
        RequestClock clock = RequestClock.receivedOn(RECEIVED);
        assertThat(clock.daysLate(LocalDate.of(2026, 4, 10))).isZero();
        assertThat(clock.daysLate(LocalDate.of(2026, 3, 20))).isZero();
        assertThat(clock.daysLate(LocalDate.of(2026, 4, 11))).isEqualTo(1);
        assertThat(clock.daysLate(LocalDate.of(2026, 4, 13))).isEqualTo(3);
        assertThat(clock.extend(LocalDate.of(2026, 3, 20)).daysLate(LocalDate.of(2026, 6, 12))).isEqualTo(2);
    }
}
