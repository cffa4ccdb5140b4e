package org.charte.marketing;

import java.time.LocalDate;
import java.util.Locale;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.SubjectStatus;
import org.jspecify.annotations.Nullable;

/**
 * Whether a person may be solicited on a channel for a marketing purpose, and why: the one place
 * the law of solicitation is written (framework-free; campaigns, call lists and the back office ask
 * it).
 *
 * <ul>
 * <li>Any channel: a withdrawal or an objection stops it at once, without motive (L5).</li>
 * <li>E-mail and SMS (CPCE L34-5, L9): prior consent; or, for a client, offers about analogous
 * products when the objection was offered at collection; or, for a professional, messages about
 * their job; nothing else.</li>
 * <li>Phone (C. conso L223-1 as amended, L2): from {@link #PHONE_OPT_IN} a consumer only with
 * consent, except a client with a running contract about related products; a professional unless
 * they object. Before that day the opposition-list regime ran: anyone not objected.</li>
 * <li>Post: unless they object.</li>
 * </ul>
 */
public final class SolicitationBasis {

    /** Loi n° 2025-594: consumers' prior consent to phone prospecting, in force 11 August 2026 (L2). */
    public static final LocalDate PHONE_OPT_IN = LocalDate.of(2026, 8, 11);

    /** Why a person may or may not be solicited: a code for counts and pages. */
    public enum Reason {
        CONSENT(true), ANALOGOUS_OFFERS(true), JOB_RELATED(true), RUNNING_CONTRACT(true), NOT_OBJECTED(true),
        OBJECTED(false), CONSENT_WITHDRAWN(false), NO_BASIS(false), CONSENT_REQUIRED(false);

        private final boolean allows;

        Reason(boolean allows) {
            this.allows = allows;
        }

        public boolean allows() {
            return allows;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The answer: allowed or not, with the reason. */
    public record Verdict(boolean allowed, Reason reason) {

        static Verdict of(Reason reason) {
            return new Verdict(reason.allows(), reason);
        }
    }

    /**
     * What the rule needs: the channel, the person's capacity, whether they are a client and whether
     * a contract of theirs runs (about the products the purpose offers), the current basis of that
     * channel and purpose ({@code null}: none ever recorded), and the day.
     */
    public record Facts(MarketingChannel channel, Capacity capacity, boolean client, boolean runningContract,
            @Nullable BasisKind current, LocalDate day) {

        /**
         * The facts of a person in that relationship status: any client (active or former) is a
         * client; an active client's contracts run (the products they subscribe to are the related ones).
         */
        public static Facts of(MarketingChannel channel, Capacity capacity, SubjectStatus status, @Nullable BasisKind current, LocalDate day) {
            return new Facts(channel, capacity, status != SubjectStatus.PROSPECT, status == SubjectStatus.CLIENT_ACTIVE, current, day);
        }
    }

    private SolicitationBasis() {}

    public static Verdict decide(Facts facts) {
        BasisKind current = facts.current();
        if (current == BasisKind.OBJECTION) {
            return Verdict.of(Reason.OBJECTED);
        }
        if (current == BasisKind.CONSENT_WITHDRAWN) {
            return Verdict.of(Reason.CONSENT_WITHDRAWN);
        }
        if (current == BasisKind.CONSENT) {
            return Verdict.of(Reason.CONSENT);
        }
        return switch (facts.channel()) {
            case EMAIL, SMS -> electronic(facts, current);
            case PHONE -> phone(facts);
            case POST -> Verdict.of(Reason.NOT_OBJECTED);
        };
    }

    private static Verdict electronic(Facts facts, @Nullable BasisKind current) {
        if (current == BasisKind.ANALOGOUS_OFFERS && facts.client()) {
            return Verdict.of(Reason.ANALOGOUS_OFFERS);
        }
        if (current == BasisKind.JOB_RELATED && facts.capacity() == Capacity.PROFESSIONAL) {
            return Verdict.of(Reason.JOB_RELATED);
        }
        return Verdict.of(Reason.NO_BASIS);
    }

    private static Verdict phone(Facts facts) {
        if (facts.capacity() == Capacity.PROFESSIONAL || facts.day().isBefore(PHONE_OPT_IN)) {
            return Verdict.of(Reason.NOT_OBJECTED);
        }
        if (facts.runningContract()) {
            return Verdict.of(Reason.RUNNING_CONTRACT);
        }
        return Verdict.of(Reason.CONSENT_REQUIRED);
    }
}
