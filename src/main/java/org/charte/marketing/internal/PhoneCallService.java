package org.charte.marketing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ResourceRef;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.marketing.CallOutcome;
import org.charte.marketing.CallRefusedException;
import org.charte.marketing.CallStatus;
import org.charte.marketing.PhoneCall;
import org.charte.marketing.PhoneCalls;
import org.charte.subjects.Contacts;
import org.charte.subjects.Subjects;
import org.charte.subjects.UnknownSubjectException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Prospecting calls (L2): the access decided on the person's contact data and audited, then
 * {@link CallChecks} says whether the call is allowed at that instant (basis, objection, suppression
 * list, then D223-9); a forbidden attempt is refused and nothing is recorded.
 */
@Service
class PhoneCallService implements PhoneCalls {

    /** How far after the clock's now an attempt may be dated (clocks of agents' machines drift). */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(2);
    /** Attempts are recorded as they happen, not years later. */
    static final Duration PAST_LIMIT = Duration.ofDays(31);

    private final CallChecks checks;
    private final JdbcCalls calls;
    private final AccessDecisions decisions;
    private final Subjects subjects;
    private final Ids ids;
    private final Clock clock;

    PhoneCallService(CallChecks checks, JdbcCalls calls, AccessDecisions decisions, Subjects subjects, Ids ids, Clock clock) {
        this.checks = checks;
        this.calls = calls;
        this.decisions = decisions;
        this.subjects = subjects;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    @Transactional
    public PhoneCall record(Actor actor, String accessPurpose, UUID subjectId, String purpose, CallOutcome outcome, @Nullable Instant calledAt) {
        Instant now = clock.instant();
        Instant at = calledAt == null ? now : calledAt;
        checks.requirePurpose(purpose);
        if (at.isAfter(now.plus(FUTURE_TOLERANCE)) || at.isBefore(now.minus(PAST_LIMIT))) {
            throw new InvalidInputException("calledAt", "must be within the last " + PAST_LIMIT.toDays() + " days and not in the future");
        }
        subjects.status(subjectId).orElseThrow(UnknownSubjectException::new);
        decisions.requireNamedPurpose(actor, accessPurpose, Action.WRITE, MarketingService.CONTACT, ResourceRef.subject(subjectId));
        Contacts contacts = contacts(actor, accessPurpose, subjectId);
        checks.lock(subjectId);
        CallStatus status = checks.check(subjectId, contacts, purpose, at);
        if (!status.allowed()) {
            throw new CallRefusedException(status.reason(), status.next());
        }
        PhoneCall call = new PhoneCall(ids.next(), subjectId, purpose, at, outcome, now, actor.typedId());
        calls.insert(call);
        return call;
    }

    @Override
    @Transactional
    public CallStatus status(Actor actor, String accessPurpose, UUID subjectId, String purpose) {
        checks.requirePurpose(purpose);
        subjects.status(subjectId).orElseThrow(UnknownSubjectException::new);
        return checks.check(subjectId, contacts(actor, accessPurpose, subjectId), purpose, clock.instant());
    }

    @Override
    @Transactional
    public List<PhoneCall> calls(Actor actor, String accessPurpose, UUID subjectId) {
        subjects.status(subjectId).orElseThrow(UnknownSubjectException::new);
        decisions.requireNamedPurpose(actor, accessPurpose, Action.READ, MarketingService.CONTACT, ResourceRef.subject(subjectId));
        return calls.calls(subjectId);
    }

    /** The person's contacts, read for the same actor and purpose (decided and audited as a read). */
    private Contacts contacts(Actor actor, String accessPurpose, UUID subjectId) {
        Contacts contacts = subjects.read(actor, accessPurpose.strip(), MarketingService.CONTACT, subjectId).contacts();
        return contacts == null ? Contacts.none() : contacts;
    }
}
