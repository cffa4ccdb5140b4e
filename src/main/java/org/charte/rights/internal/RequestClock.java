package org.charte.rights.internal;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import org.charte.common.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * The deadline of a rights request (GDPR Art. 12(3), R9.7, L1), framework-free. Days are legal
 * days in Europe/Paris.
 *
 * <ul>
 * <li>Due one month after receipt; a month is a calendar month, and a day the next month lacks is
 *     its last day (received 31 January, due 28 or 29 February).
 * <li>One extension of two more months (due three months after receipt), only with a reasoned
 *     notice sent within the first month; a second one, or one later, is refused.
 * <li>Asking the person for more information (identity evidence) suspends the clock from the day
 *     it is asked until the day the answer arrives: the due date moves by as many days.
 * </ul>
 *
 * @param receivedOn     the day the request was received
 * @param suspendedDays  days the clock stood still in past suspensions
 * @param suspendedSince the day the current suspension began, if one runs
 * @param extendedOn     the day the extension notice was sent, if any
 */
public record RequestClock(LocalDate receivedOn, int suspendedDays, @Nullable LocalDate suspendedSince, @Nullable LocalDate extendedOn) {

    public static final Period ANSWER_WITHIN = Period.ofMonths(1);
    public static final Period EXTENSION = Period.ofMonths(2);
    /** A request due within this many days is near due. */
    public static final int NEAR_DUE_DAYS = 7;

    /** Where a request stands against its deadline on a day. */
    public enum State { ON_TIME, NEAR_DUE, OVERDUE, SUSPENDED }

    public RequestClock {
        if (suspendedDays < 0) {
            throw new IllegalArgumentException("suspendedDays must not be negative");
        }
    }

    public static RequestClock receivedOn(LocalDate day) {
        return new RequestClock(day, 0, null, null);
    }

    /** Days suspended up to {@code asOf}, the running suspension included. */
    public int suspendedAsOf(LocalDate asOf) {
        int running = suspendedSince == null || !asOf.isAfter(suspendedSince) ? 0 : (int) ChronoUnit.DAYS.between(suspendedSince, asOf);
        return suspendedDays + running;
    }

    /** The end of the first month (moved by the suspensions): the last day an extension notice may be sent. */
    public LocalDate firstMonthEnds(LocalDate asOf) {
        return receivedOn.plus(ANSWER_WITHIN).plusDays(suspendedAsOf(asOf));
    }

    /** The day the answer is due, as things stand on {@code asOf}. */
    public LocalDate dueOn(LocalDate asOf) {
        Period within = extendedOn == null ? ANSWER_WITHIN : ANSWER_WITHIN.plus(EXTENSION);
        return receivedOn.plus(within).plusDays(suspendedAsOf(asOf));
    }

    /** The due date with no running suspension counted: what lists sort by. */
    public LocalDate dueOn() {
        return dueOn(suspendedSince == null ? receivedOn : suspendedSince);
    }

    public boolean extended() {
        return extendedOn != null;
    }

    public boolean suspended() {
        return suspendedSince != null;
    }

    /** Days left until the due date (negative once overdue). */
    public long daysLeft(LocalDate asOf) {
        return ChronoUnit.DAYS.between(asOf, dueOn(asOf));
    }

    /** Days past the due date on {@code answeredOn}: zero when the answer is on time. */
    public long daysLate(LocalDate answeredOn) {
        return Math.max(0, -daysLeft(answeredOn));
    }

    public State state(LocalDate asOf) {
        if (suspended()) {
            return State.SUSPENDED;
        }
        long left = daysLeft(asOf);
        return left < 0 ? State.OVERDUE : left <= NEAR_DUE_DAYS ? State.NEAR_DUE : State.ON_TIME;
    }

    /**
     * The extension, with its notice sent on {@code noticeOn}.
     *
     * @throws InvalidInputException (field {@code extension}) when already extended, when the notice
     *     comes after the first month, or before the request was received
     */
    public RequestClock extend(LocalDate noticeOn) {
        if (extendedOn != null) {
            throw new InvalidInputException("extension", "the deadline has already been extended once; it may not be extended again", "rights.problem.already-extended");
        }
        if (noticeOn.isBefore(receivedOn)) {
            throw new InvalidInputException("extension", "the notice cannot be dated before the request was received", "rights.problem.notice-before-receipt");
        }
        if (noticeOn.isAfter(firstMonthEnds(noticeOn))) {
            throw new InvalidInputException("extension",
                    "an extension needs a reasoned notice sent within the first month, which ended on " + firstMonthEnds(noticeOn),
                    "rights.problem.extension-too-late");
        }
        return new RequestClock(receivedOn, suspendedDays, suspendedSince, noticeOn);
    }

    /** Stops the clock from {@code on}: more information was asked for. */
    public RequestClock suspend(LocalDate on) {
        if (suspendedSince != null) {
            throw new InvalidInputException("information", "more information has already been asked for and not yet received", "rights.problem.information-pending");
        }
        if (on.isBefore(receivedOn)) {
            throw new InvalidInputException("information", "the clock cannot stop before the request was received", "rights.problem.information-before-receipt");
        }
        return new RequestClock(receivedOn, suspendedDays, on, extendedOn);
    }

    /** Starts the clock again on {@code on}: the information arrived. */
    public RequestClock resume(LocalDate on) {
        if (suspendedSince == null) {
            throw new InvalidInputException("information", "no information is awaited", "rights.problem.no-information-awaited");
        }
        if (on.isBefore(suspendedSince)) {
            throw new InvalidInputException("information", "the answer cannot arrive before it was asked for", "rights.problem.information-before-asked");
        }
        return new RequestClock(receivedOn, suspendedAsOf(on), null, extendedOn);
    }
}
