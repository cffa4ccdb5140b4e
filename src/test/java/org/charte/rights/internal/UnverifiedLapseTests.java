package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnverifiedLapseTests {

    static final UnverifiedLapse MONTH = new UnverifiedLapse(Period.ofMonths(1));

    static RightsRequest request(LocalDate receivedOn, RequestStatus status, @Nullable Instant verifiedAt, @Nullable LocalDate suspendedSince) {
        return new RightsRequest(UUID.randomUUID(), "R-2026-000001", RequestType.ACCESS, RequestChannel.EMAIL, "fr", receivedOn, Instant.EPOCH, status,
                null, verifiedAt, new RequestClock(receivedOn, 0, suspendedSince, null), null, null);
    }

    @Test
    @DisplayName("R9.6 R9.7 an unverified request waits one month from receipt and lapses the day after, the day it would have turned overdue")
    void lapsesInsteadOfTurningOverdue() {
        LocalDate received = LocalDate.of(2026, 3, 10);
        RightsRequest request = request(received, RequestStatus.AWAITING_VERIFICATION, null, null);
        assertThat(MONTH.waitsUntil(request)).contains(LocalDate.of(2026, 4, 10));
        assertThat(MONTH.lapsed(request, LocalDate.of(2026, 4, 10))).isFalse();
        assertThat(MONTH.lapsed(request, LocalDate.of(2026, 4, 11))).isTrue();
        assertThat(request.clock().state(LocalDate.of(2026, 4, 11))).as("the day it would be overdue").isEqualTo(RequestClock.State.OVERDUE);
        assertThat(MONTH.receivedOnOrBefore(LocalDate.of(2026, 4, 11))).as("the store's candidates include it")
                .isAfterOrEqualTo(received);
    }

    @Test
    @DisplayName("R9.6 at the ends of months the candidates the store selects still include every lapsed request")
    void endOfMonth() {
        for (LocalDate received = LocalDate.of(2026, 1, 1); received.isBefore(LocalDate.of(2027, 1, 1)); received = received.plusDays(1)) {
            RightsRequest request = request(received, RequestStatus.AWAITING_VERIFICATION, null, null);
            LocalDate firstLapsedDay = MONTH.waitsUntil(request).orElseThrow().plusDays(1);
            assertThat(MONTH.lapsed(request, firstLapsedDay)).isTrue();
            assertThat(MONTH.receivedOnOrBefore(firstLapsedDay)).as("received " + received).isAfterOrEqualTo(received);
        }
    }

    @Test
    @DisplayName("R9.6 L1 information asked for restarts the wait from the day it was asked; a verified or closed request never lapses")
    void suspendedVerifiedClosed() {
        LocalDate received = LocalDate.of(2026, 3, 10);
        RightsRequest asked = request(received, RequestStatus.AWAITING_INFORMATION, null, LocalDate.of(2026, 3, 20));
        assertThat(MONTH.waitsUntil(asked)).contains(LocalDate.of(2026, 4, 20));
        assertThat(MONTH.lapsed(asked, LocalDate.of(2026, 4, 15))).isFalse();
        assertThat(MONTH.lapsed(asked, LocalDate.of(2026, 4, 21))).isTrue();
        assertThat(MONTH.lapsed(request(received, RequestStatus.IN_PROGRESS, Instant.EPOCH, null), LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(MONTH.lapsed(request(received, RequestStatus.AWAITING_INFORMATION, Instant.EPOCH, LocalDate.of(2026, 3, 20)),
                LocalDate.of(2027, 1, 1))).as("verified, then asked for more").isFalse();
        assertThat(MONTH.lapsed(request(received, RequestStatus.ANSWERED, null, null), LocalDate.of(2027, 1, 1))).isFalse();
        assertThatThrownBy(() -> new UnverifiedLapse(Period.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
