package org.charte.marketing.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.charte.common.InvalidInputException;
import org.charte.common.Zones;
import org.charte.marketing.CallContext;
import org.charte.marketing.CallDecision;
import org.charte.marketing.CallStatus;
import org.charte.marketing.CallerTimeZones;
import org.charte.marketing.Capacity;
import org.charte.marketing.CapacityChange;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.PhoneCallRules;
import org.charte.marketing.SolicitationBasis;
import org.charte.marketing.Solicitations;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.PostalAddress;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Whether a call to a person for a marketing purpose is allowed at an instant (L2), from their rows:
 * first their basis for the phone, their objections and the suppression list ({@link Solicitations}),
 * then D223-9 ({@link PhoneCallRules}) with their capacity, their consent to other times, their
 * attempts, their last refusal and their time zones. Asks no decision point: the caller has decided
 * the access and read the contacts.
 */
@Component
class CallChecks {

    private final JdbcCalls calls;
    private final JdbcMarketing rows;
    private final BasisHistory history;
    private final Solicitations solicitations;
    private final MarketingChoices choices;

    CallChecks(JdbcCalls calls, JdbcMarketing rows, BasisHistory history, Solicitations solicitations, MarketingChoices choices) {
        this.calls = calls;
        this.rows = rows;
        this.history = history;
        this.solicitations = solicitations;
        this.choices = choices;
    }

    /** @throws InvalidInputException naming {@code marketingPurpose} when it is not a marketing purpose of the policy */
    void requirePurpose(@Nullable String purpose) {
        if (purpose == null || !choices.purposes().contains(purpose)) {
            throw new InvalidInputException("marketingPurpose", "must be one of " + String.join(", ", choices.purposes()));
        }
    }

    /** The verdict at {@code at} and what led to it. */
    CallStatus check(UUID subjectId, Contacts contacts, String purpose, Instant at) {
        CallContext context = context(subjectId, contacts, at);
        String reason = null;
        Instant next = null;
        SolicitationBasis.Verdict verdict = solicitations.maySolicit(subjectId, MarketingChannel.PHONE, purpose, LocalDate.ofInstant(at, Zones.PARIS));
        if (!verdict.allowed()) {
            reason = verdict.reason().code();
        } else if (contacts.phones().stream().anyMatch(phone -> solicitations.suppressed(MarketingChannel.PHONE, purpose, phone))) {
            reason = "suppressed";
        } else {
            CallDecision decision = PhoneCallRules.decide(context, at);
            if (!decision.allowed()) {
                reason = decision.reason().code();
                next = decision.next();
            }
        }
        return new CallStatus(at, reason == null, reason, next, context.zones(), calls.calls(subjectId).stream()
                .filter(c -> !c.calledAt().isBefore(firstCounted(at)) && !c.calledAt().isAfter(at)).toList(),
                context.lastRefusal(), context.otherTimesConsented(), context.professional());
    }

    /** Locks the person's current bases until the caller's transaction ends: two agents must not both pass the 4 attempts. */
    void lock(UUID subjectId) {
        rows.currentKinds(subjectId);
    }

    /** The first instant whose attempts count at {@code at}: the start of the 30th calendar day before, in Paris. */
    private static Instant firstCounted(Instant at) {
        return LocalDate.ofInstant(at, Zones.PARIS).minusDays(PhoneCallRules.ATTEMPT_PERIOD_DAYS).atStartOfDay(Zones.PARIS).toInstant();
    }

    private CallContext context(UUID subjectId, Contacts contacts, Instant at) {
        List<CapacityChange> capacities = rows.capacities(subjectId);
        boolean professional = !capacities.isEmpty() && capacities.getLast().capacity() == Capacity.PROFESSIONAL;
        List<Instant> attempts = calls.attempts(subjectId, firstCounted(at), at);
        Instant lastRefusal = calls.lastRefusal(subjectId, at).orElse(null);
        String phone = contacts.phones().isEmpty() ? null : contacts.phones().getFirst();
        String postalCode = contacts.addresses().isEmpty() ? null : postalCode(contacts.addresses().getFirst());
        List<ZoneId> zones = CallerTimeZones.of(phone, postalCode);
        return new CallContext(professional, history.otherTimesConsented(subjectId), attempts, lastRefusal, zones);
    }

    private static @Nullable String postalCode(PostalAddress address) {
        return "FR".equalsIgnoreCase(address.country()) || address.country() == null ? address.postalCode() : null;
    }
}
