package org.charte.marketing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import org.charte.common.Zones;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.SubjectStatus;
import org.jspecify.annotations.Nullable;

/**
 * Whether one person a campaign targets may be solicited, and if not, the first {@link Exclusion}
 * in its order (R9.9, L2, L4, L5, L9, Art. 18). Framework-free, and it writes no rule of its own:
 * the basis is {@link SolicitationBasis}'s, the calls {@link PhoneCallRules}', L4's three years
 * {@link FormerClientMarketing}'s (the audience's SQL compares with its cutoff); this object only
 * maps their answers, with the file's facts, onto the exclusion reasons.
 */
public final class AudienceRule {

    /**
     * What is known of one person (or of every person of a group that shares them) at the instant
     * of the question. {@code reachable}: they have an address of the channel (an e-mail, a phone,
     * a postal address); {@code suppressed}: one of them is on the suppression list for the channel
     * and purpose; {@code held}: kept only by a legal hold, an obligation or the archive;
     * {@code formerClientExpired}: a former client past {@link FormerClientMarketing#LIMIT}. The
     * phone facts: the person's time zones (empty: Europe/Paris), an express consent to other
     * times, the attempts that count against a call now (any number from {@link PhoneCallRules#MAX_ATTEMPTS}
     * on is the same) and a refusal during a call that still forbids one.
     */
    public record Facts(SubjectStatus status, Capacity capacity, @Nullable BasisKind current, boolean deceased, boolean restricted,
            boolean held, boolean formerClientExpired, boolean reachable, boolean suppressed, List<ZoneId> zones,
            boolean otherTimesConsented, int recentAttempts, boolean refusedRecently) {

        public Facts {
            zones = List.copyOf(zones);
        }
    }

    private AudienceRule() {}

    /** The first reason the person may not be solicited on that channel at that instant; null when they may be. */
    public static @Nullable Exclusion exclusion(MarketingChannel channel, Facts facts, Instant at) {
        if (facts.deceased()) {
            return Exclusion.DECEASED;
        }
        if (facts.restricted()) {
            return Exclusion.RESTRICTED;
        }
        if (facts.held()) {
            return Exclusion.HELD;
        }
        if (facts.formerClientExpired()) {
            return Exclusion.FORMER_CLIENT_EXPIRED;
        }
        if (!facts.reachable()) {
            return Exclusion.NO_ADDRESS;
        }
        if (facts.suppressed()) {
            return Exclusion.SUPPRESSED;
        }
        LocalDate day = LocalDate.ofInstant(at, Zones.PARIS);
        SolicitationBasis.Verdict verdict = SolicitationBasis.decide(SolicitationBasis.Facts.of(channel, facts.capacity(), facts.status(),
                facts.current(), day));
        if (!verdict.allowed()) {
            return switch (verdict.reason()) {
                case OBJECTED -> Exclusion.OBJECTED;
                case CONSENT_WITHDRAWN -> Exclusion.CONSENT_WITHDRAWN;
                default -> Exclusion.NO_BASIS;
            };
        }
        return channel == MarketingChannel.PHONE ? phone(facts, at) : null;
    }

    /** D223-9: the hours come before the limits in {@link Exclusion}'s order, so a refusal for a limit is asked again without them. */
    private static @Nullable Exclusion phone(Facts facts, Instant at) {
        List<ZoneId> zones = facts.zones().isEmpty() ? List.of(Zones.PARIS) : facts.zones();
        boolean professional = facts.capacity() == Capacity.PROFESSIONAL;
        int attempts = Math.min(Math.max(facts.recentAttempts(), 0), PhoneCallRules.MAX_ATTEMPTS);
        CallDecision decision = PhoneCallRules.decide(new CallContext(professional, facts.otherTimesConsented(), Collections.nCopies(attempts, at),
                facts.refusedRecently() ? at : null, zones), at);
        if (decision.allowed()) {
            return null;
        }
        CallRefusalReason reason = decision.reason();
        if (reason == CallRefusalReason.TOO_MANY_ATTEMPTS || reason == CallRefusalReason.REFUSED_RECENTLY) {
            boolean hoursAllow = PhoneCallRules.decide(new CallContext(professional, facts.otherTimesConsented(), List.of(), null, zones), at).allowed();
            return hoursAllow ? Exclusion.CALL_LIMIT : Exclusion.OUTSIDE_CALL_HOURS;
        }
        return Exclusion.OUTSIDE_CALL_HOURS;
    }
}
