package org.charte.rights.internal;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * A request whose sender never proves who they are lapses (R9.6, R9.7), framework-free: the answer
 * is owed to a person whose identity is verified, and one that never is would otherwise sit in the
 * list as overdue for ever. It lapses the day after {@code after} has run since the last time the
 * controller waited on the sender: receipt, or the day more information was asked for. A request
 * whose identity was verified never lapses.
 *
 * <p>{@code after} is configuration ({@code charte.rights.unverified-lapse}, one month as shipped,
 * the answer's own delay, so an unverified request lapses instead of turning overdue).
 *
 * @param after how long an unverified request waits for its sender
 */
public record UnverifiedLapse(Period after) {

    public UnverifiedLapse {
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("charte.rights.unverified-lapse must be a positive period");
        }
    }

    /** The last day the request still waits; it lapses the day after. Empty once the identity is verified or it is closed. */
    public Optional<LocalDate> waitsUntil(RightsRequest request) {
        if (!request.open() || request.verifiedAt() != null) {
            return Optional.empty();
        }
        LocalDate since = request.clock().suspendedSince() == null ? request.receivedOn() : request.clock().suspendedSince();
        return Optional.of(since.plus(after));
    }

    public boolean lapsed(RightsRequest request, LocalDate today) {
        return waitsUntil(request).filter(today::isAfter).isPresent();
    }

    /**
     * A day no later than which a request lapsed on {@code today} was received (the waiting starts at
     * receipt or later, and a lapsed one waited past {@code after}): what the store selects candidates
     * by before {@link #lapsed} decides.
     */
    public LocalDate receivedOnOrBefore(LocalDate today) {
        return today.minus(after);
    }
}
