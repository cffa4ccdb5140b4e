package org.charte.rights.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.common.InvalidInputException;
import org.charte.rights.internal.RightsRequests.Claimant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps that move a request's deadline (R9.7, L1): more information asked for (the clock
 * stops) and received (it runs again), and the one extension with its reasoned notice. The rule
 * itself is {@link RequestClock}; this applies it to the stored request and tells the person.
 */
@Service
class RequestDeadlines {

    private final RequestStore store;
    private final RightsMails mails;

    RequestDeadlines(RequestStore store, RightsMails mails) {
        this.store = store;
        this.mails = mails;
    }

    /** Asks the person for more information (mailed when there is an address): the clock stops (L1). */
    @Transactional
    public RightsRequest askForInformation(Actor staff, UUID requestId, String what) {
        RightsRequest request = store.locked(requestId);
        Steps.openOnly(request);
        String text = Steps.required("what", what, Steps.TEXT_MAX);
        LocalDate today = store.today();
        RequestClock clock = request.clock().suspend(today);
        store.clock(requestId, clock);
        store.status(requestId, RequestStatus.AWAITING_INFORMATION);
        store.step(requestId, staff.typedId(), "information-asked", text);
        Claimant claimant = store.claimant(requestId);
        if (claimant.email() != null) {
            Locale locale = RightsMails.locale(request);
            mails.send(claimant.email(), request, "information", List.of(mails.text("rights.mail.information.body", locale), text,
                    mails.text("rights.mail.information.clock", locale)));
        }
        return store.load(requestId).orElseThrow();
    }

    /** The information arrived on that day (today when null): the clock runs again. */
    @Transactional
    public RightsRequest informationReceived(Actor staff, UUID requestId, @Nullable LocalDate on) {
        RightsRequest request = store.locked(requestId);
        if (request.status() != RequestStatus.AWAITING_INFORMATION) {
            throw new InvalidInputException("information", "no information is awaited", "rights.problem.no-information-awaited");
        }
        LocalDate day = on == null ? store.today() : on;
        if (day.isAfter(store.today())) {
            throw new InvalidInputException("receivedOn", "must not be in the future", "rights.problem.received-in-future");
        }
        RequestClock clock = request.clock().resume(day);
        store.clock(requestId, clock);
        store.status(requestId, request.verifiedAt() == null ? RequestStatus.AWAITING_VERIFICATION : RequestStatus.IN_PROGRESS);
        store.step(requestId, staff.typedId(), "information-received", day.toString());
        return store.load(requestId).orElseThrow();
    }

    /** Extends the deadline by two months, with the reasoned notice sent to the person today (R9.7, L1). */
    @Transactional
    public RightsRequest extend(Actor staff, UUID requestId, String reasons) {
        RightsRequest request = store.locked(requestId);
        Steps.openOnly(request);
        String text = Steps.required("reasons", reasons, Steps.TEXT_MAX);
        LocalDate today = store.today();
        RequestClock clock = request.clock().extend(today);
        store.clock(requestId, clock);
        store.step(requestId, staff.typedId(), "extended", text);
        Claimant claimant = store.claimant(requestId);
        Locale locale = RightsMails.locale(request);
        if (claimant.email() != null) {
            mails.send(claimant.email(), request, "extension", List.of(
                    mails.text("rights.mail.extension.body", locale, mails.date(clock.dueOn(today), locale)), text));
        } else {
            store.step(requestId, staff.typedId(), "notice-to-post", null);
        }
        return store.load(requestId).orElseThrow();
    }
}
