package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.charte.marketing.SolicitationBasis.Facts;
import org.charte.marketing.SolicitationBasis.Reason;
import org.charte.marketing.SolicitationBasis.Verdict;
import org.charte.policy.MarketingChannel;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SolicitationBasisTests {

    static final LocalDate AFTER = LocalDate.of(2026, 12, 2);

    static Verdict decide(MarketingChannel channel, Capacity capacity, boolean client, boolean running, @Nullable BasisKind current, LocalDate day) {
        return SolicitationBasis.decide(new Facts(channel, capacity, client, running, current, day));
    }

    @ParameterizedTest
    @EnumSource(MarketingChannel.class)
    @DisplayName("L5 an objection or a withdrawal stops every channel, whoever the person is: client, professional, with a running contract")
    void objectionStopsEverything(MarketingChannel channel) {
        assertThat(decide(channel, Capacity.PROFESSIONAL, true, true, BasisKind.OBJECTION, AFTER)).isEqualTo(new Verdict(false, Reason.OBJECTED));
        assertThat(decide(channel, Capacity.CONSUMER, true, true, BasisKind.CONSENT_WITHDRAWN, AFTER))
                .isEqualTo(new Verdict(false, Reason.CONSENT_WITHDRAWN));
    }

    @Test
    @DisplayName("L9 e-mail and SMS: consent by default; nothing recorded is no basis, even for a client or a professional")
    void electronicNeedsABasis() {
        for (MarketingChannel channel : new MarketingChannel[] {MarketingChannel.EMAIL, MarketingChannel.SMS}) {
            assertThat(decide(channel, Capacity.CONSUMER, false, false, BasisKind.CONSENT, AFTER).reason()).isEqualTo(Reason.CONSENT);
            assertThat(decide(channel, Capacity.CONSUMER, false, false, null, AFTER)).isEqualTo(new Verdict(false, Reason.NO_BASIS));
            assertThat(decide(channel, Capacity.CONSUMER, true, true, null, AFTER).allowed()).isFalse();
            assertThat(decide(channel, Capacity.PROFESSIONAL, false, false, null, AFTER).allowed()).isFalse();
        }
    }

    @Test
    @DisplayName("L9 analogous offers reach clients only (active or former), the objection having been offered at collection")
    void analogousOffersForClientsOnly() {
        assertThat(decide(MarketingChannel.EMAIL, Capacity.CONSUMER, true, false, BasisKind.ANALOGOUS_OFFERS, AFTER))
                .isEqualTo(new Verdict(true, Reason.ANALOGOUS_OFFERS));
        assertThat(decide(MarketingChannel.SMS, Capacity.CONSUMER, false, false, BasisKind.ANALOGOUS_OFFERS, AFTER).allowed())
                .as("a prospect is no client").isFalse();
    }

    @Test
    @DisplayName("L9 job-related messages reach professionals only, unless they object")
    void jobRelatedForProfessionalsOnly() {
        assertThat(decide(MarketingChannel.EMAIL, Capacity.PROFESSIONAL, false, false, BasisKind.JOB_RELATED, AFTER))
                .isEqualTo(new Verdict(true, Reason.JOB_RELATED));
        assertThat(decide(MarketingChannel.EMAIL, Capacity.CONSUMER, false, false, BasisKind.JOB_RELATED, AFTER).allowed())
                .as("a consumer is not solicited about a job").isFalse();
    }

    @Test
    @DisplayName("L2 phone since 11 August 2026: a consumer only with consent, except a client with a running contract; a professional unless they object")
    void phone() {
        assertThat(decide(MarketingChannel.PHONE, Capacity.CONSUMER, false, false, null, AFTER)).isEqualTo(new Verdict(false, Reason.CONSENT_REQUIRED));
        assertThat(decide(MarketingChannel.PHONE, Capacity.CONSUMER, true, false, null, AFTER).allowed()).as("a former client").isFalse();
        assertThat(decide(MarketingChannel.PHONE, Capacity.CONSUMER, false, false, BasisKind.CONSENT, AFTER).reason()).isEqualTo(Reason.CONSENT);
        assertThat(decide(MarketingChannel.PHONE, Capacity.CONSUMER, true, true, null, AFTER)).isEqualTo(new Verdict(true, Reason.RUNNING_CONTRACT));
        assertThat(decide(MarketingChannel.PHONE, Capacity.PROFESSIONAL, false, false, null, AFTER)).isEqualTo(new Verdict(true, Reason.NOT_OBJECTED));
    }

    @Test
    @DisplayName("L2 the consent rule counts from 11 August 2026: on the 10th the opposition-list regime still ran")
    void phoneBeforeTheLaw() {
        assertThat(decide(MarketingChannel.PHONE, Capacity.CONSUMER, false, false, null, LocalDate.of(2026, 8, 10)).allowed()).isTrue();
        assertThat(decide(MarketingChannel.PHONE, Capacity.CONSUMER, false, false, null, SolicitationBasis.PHONE_OPT_IN).allowed()).isFalse();
    }

    @Test
    @DisplayName("L5 post: anyone unless they object")
    void post() {
        assertThat(decide(MarketingChannel.POST, Capacity.CONSUMER, false, false, null, AFTER)).isEqualTo(new Verdict(true, Reason.NOT_OBJECTED));
        assertThat(decide(MarketingChannel.POST, Capacity.CONSUMER, false, false, BasisKind.OBJECTION, AFTER).allowed()).isFalse();
    }

    @Test
    @DisplayName("L9 the suppression list keeps an objection 3 years from the day, unless the policy says otherwise")
    void suppressionRetention() {
        SuppressionRetention law = new SuppressionRetention(SuppressionRetention.RULE_ID, SuppressionRetention.LAW);
        LocalDate objected = LocalDate.of(2026, 12, 2);
        assertThat(law.keptUntil(objected)).isEqualTo(LocalDate.of(2029, 12, 2));
        assertThat(law.expired(objected, LocalDate.of(2029, 12, 2))).isFalse();
        assertThat(law.expired(objected, LocalDate.of(2029, 12, 3))).isTrue();
    }
}
