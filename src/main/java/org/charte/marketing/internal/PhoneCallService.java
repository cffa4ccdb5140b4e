package org.charte.marketing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest.Action;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.ResourceRef;
import org.charte.common.Ids;
import org.charte.common.InvalidInputException;
import org.charte.common.Zones;
import org.charte.marketing.CallContext;
import org.charte.marketing.CallDecision;
import org.charte.marketing.CallOutcome;
import org.charte.marketing.CallRefusedException;
import org.charte.marketing.CallerTimeZones;
import org.charte.marketing.Capacity;
import org.charte.marketing.CapacityChange;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.PhoneCall;
import org.charte.marketing.PhoneCallRules;
import org.charte.marketing.PhoneCalls;
import org.charte.marketing.SolicitationBasis;
import org.charte.marketing.Solicitations;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.Subjects;
import org.charte.subjects.UnknownSubjectException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Prospecting calls (L2): before an attempt is recorded, whether the person may be solicited by
 * phone for the purpose ({@link Solicitations}: basis, objection, suppression list) and whether the
 * call is allowed at that instant ({@link PhoneCallRules}: days, hours in the person's time zone,
 * 4 attempts per 30 days, 60 days after a refusal). A forbidden attempt is refused and nothing is
 * recorded; the access is decided on the person's contact data and audited.
 */
@Service
class PhoneCallService implements PhoneCalls {

    /** How far after the clock's now an attempt may be dated (clocks of agents' machines drift). */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(2);
    /** Attempts are recorded as they happen, not years later. */
    static final Duration PAST_LIMIT = Duration.ofDays(31);

    private final JdbcCalls calls;
    private final JdbcMarketing rows;
    private final Solicitations solicitations;
    private final MarketingChoices choices;
    private final AccessDecisions decisions;
    private final Subjects subjects;
    private final Ids ids;
    private final Clock clock;

    PhoneCallService(JdbcCalls calls, JdbcMarketing rows, Solicitations solicitations, MarketingChoices choices, AccessDecisions decisions,
            Subjects subjects, Ids ids, Clock clock) {
        this.calls = calls;
        this.rows = rows;
        this.solicitations = solicitations;
        this.choices = choices;
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
        if (!choices.purposes().contains(purpose)) {
            throw new InvalidInputException("marketingPurpose", "must be one of " + String.join(", ", choices.purposes()));
        }
        if (at.isAfter(now.plus(FUTURE_TOLERANCE)) || at.isBefore(now.minus(PAST_LIMIT))) {
            throw new InvalidInputException("calledAt", "must be within the last " + PAST_LIMIT.toDays() + " days and not in the future");
        }
        subjects.status(subjectId).orElseThrow(UnknownSubjectException::new);
        decisions.requireNamedPurpose(actor, accessPurpose, Action.WRITE, MarketingService.CONTACT, ResourceRef.subject(subjectId));
        Contacts contacts = subjects.read(actor, accessPurpose.strip(), MarketingService.CONTACT, subjectId).contacts();
        contacts = contacts == null ? Contacts.none() : contacts;

        // Two agents calling the same person at once must not both pass the 4 attempts: the person's
        // current bases (the phone consent a consumer needs among them) are locked until this ends.
        rows.currentKinds(subjectId);
        LocalDate day = LocalDate.ofInstant(at, Zones.PARIS);
        SolicitationBasis.Verdict verdict = solicitations.maySolicit(subjectId, MarketingChannel.PHONE, purpose, day);
        if (!verdict.allowed()) {
            throw new CallRefusedException(verdict.reason().code(), null);
        }
        for (String phone : contacts.phones()) {
            if (solicitations.suppressed(MarketingChannel.PHONE, purpose, phone)) {
                throw new CallRefusedException("suppressed", null);
            }
        }
        CallDecision decision = PhoneCallRules.decide(context(subjectId, contacts, at), at);
        if (!decision.allowed()) {
            throw new CallRefusedException(decision.reason().code(), decision.next());
        }
        PhoneCall call = new PhoneCall(ids.next(), subjectId, purpose, at, outcome, now, actor.typedId());
        calls.insert(call);
        return call;
    }

    @Override
    @Transactional
    public List<PhoneCall> calls(Actor actor, String accessPurpose, UUID subjectId) {
        subjects.status(subjectId).orElseThrow(UnknownSubjectException::new);
        decisions.requireNamedPurpose(actor, accessPurpose, Action.READ, MarketingService.CONTACT, ResourceRef.subject(subjectId));
        return calls.calls(subjectId);
    }

    private CallContext context(UUID subjectId, Contacts contacts, Instant at) {
        List<CapacityChange> capacities = rows.capacities(subjectId);
        boolean professional = !capacities.isEmpty() && capacities.getLast().capacity() == Capacity.PROFESSIONAL;
        LocalDate first = LocalDate.ofInstant(at, Zones.PARIS).minusDays(PhoneCallRules.ATTEMPT_PERIOD_DAYS);
        List<Instant> attempts = calls.attempts(subjectId, first.atStartOfDay(Zones.PARIS).toInstant(), at);
        Instant lastRefusal = calls.lastRefusal(subjectId, at).orElse(null);
        String phone = contacts.phones().isEmpty() ? null : contacts.phones().getFirst();
        String postalCode = contacts.addresses().isEmpty() ? null : postalCode(contacts.addresses().getFirst());
        List<ZoneId> zones = CallerTimeZones.of(phone, postalCode);
        // Consent to be called at other times than D223-9's windows is not recorded yet: the windows always apply.
        return new CallContext(professional, false, attempts, lastRefusal, zones);
    }

    private static @Nullable String postalCode(PostalAddress address) {
        return "FR".equalsIgnoreCase(address.country()) || address.country() == null ? address.postalCode() : null;
    }
}
