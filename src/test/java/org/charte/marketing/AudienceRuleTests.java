package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.charte.common.Zones;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.SubjectStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AudienceRuleTests {

    /** Tuesday 30 March 2027, 10:30 in Paris: within D223-9's windows. */
    static final Instant TUESDAY = paris(2027, 3, 30, 10, 30);
    /** Easter Monday 2027, 10:30 in Paris: a public holiday. */
    static final Instant EASTER_MONDAY = paris(2027, 3, 29, 10, 30);
    static final ZoneId REUNION = ZoneId.of("Indian/Reunion");

    static Instant paris(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(Zones.PARIS).toInstant();
    }

    /** A consumer prospect with every address, nothing against them, no basis: the facts each test changes. */
    static AudienceRule.Facts person(@Nullable BasisKind current) {
        return new AudienceRule.Facts(SubjectStatus.PROSPECT, Capacity.CONSUMER, current, false, false, false, false, true, false, List.of(),
                false, 0, false);
    }

    static AudienceRule.Facts with(AudienceRule.Facts f, SubjectStatus status, Capacity capacity) {
        return new AudienceRule.Facts(status, capacity, f.current(), f.deceased(), f.restricted(), f.held(), f.formerClientExpired(),
                f.reachable(), f.suppressed(), f.zones(), f.otherTimesConsented(), f.recentAttempts(), f.refusedRecently());
    }

    static AudienceRule.Facts phone(AudienceRule.Facts f, List<ZoneId> zones, boolean otherTimes, int attempts, boolean refused) {
        return new AudienceRule.Facts(f.status(), f.capacity(), f.current(), f.deceased(), f.restricted(), f.held(), f.formerClientExpired(),
                f.reachable(), f.suppressed(), zones, otherTimes, attempts, refused);
    }

    static @Nullable Exclusion email(AudienceRule.Facts facts) {
        return AudienceRule.exclusion(MarketingChannel.EMAIL, facts, TUESDAY);
    }

    @Test
    @DisplayName("R9.9 a person excluded for several reasons is counted under the first: deceased, restricted, held, former client, address, suppressed, objected")
    void firstReasonWins() {
        BasisKind objected = BasisKind.OBJECTION;
        assertThat(email(new AudienceRule.Facts(SubjectStatus.CLIENT_INACTIVE, Capacity.CONSUMER, objected, true, true, true, true, false, true,
                List.of(), false, 0, false))).isEqualTo(Exclusion.DECEASED);
        assertThat(email(new AudienceRule.Facts(SubjectStatus.CLIENT_INACTIVE, Capacity.CONSUMER, objected, false, true, true, true, false, true,
                List.of(), false, 0, false))).isEqualTo(Exclusion.RESTRICTED);
        assertThat(email(new AudienceRule.Facts(SubjectStatus.CLIENT_INACTIVE, Capacity.CONSUMER, objected, false, false, true, true, false, true,
                List.of(), false, 0, false))).isEqualTo(Exclusion.HELD);
        assertThat(email(new AudienceRule.Facts(SubjectStatus.CLIENT_INACTIVE, Capacity.CONSUMER, objected, false, false, false, true, false, true,
                List.of(), false, 0, false))).isEqualTo(Exclusion.FORMER_CLIENT_EXPIRED);
        assertThat(email(new AudienceRule.Facts(SubjectStatus.CLIENT_INACTIVE, Capacity.CONSUMER, objected, false, false, false, false, false, true,
                List.of(), false, 0, false))).isEqualTo(Exclusion.NO_ADDRESS);
        assertThat(email(new AudienceRule.Facts(SubjectStatus.CLIENT_INACTIVE, Capacity.CONSUMER, objected, false, false, false, false, true, true,
                List.of(), false, 0, false))).isEqualTo(Exclusion.SUPPRESSED);
        assertThat(email(person(objected))).isEqualTo(Exclusion.OBJECTED);
    }

    @Test
    @DisplayName("L5 L9 the basis decides by SolicitationBasis: objection, withdrawal, no consent; consent, analogous offers to a client, a professional's job")
    void basis() {
        assertThat(email(person(BasisKind.CONSENT_WITHDRAWN))).isEqualTo(Exclusion.CONSENT_WITHDRAWN);
        assertThat(email(person(null))).isEqualTo(Exclusion.NO_BASIS);
        assertThat(email(person(BasisKind.ANALOGOUS_OFFERS))).as("a prospect is no client").isEqualTo(Exclusion.NO_BASIS);
        assertThat(email(person(BasisKind.CONSENT))).isNull();
        assertThat(email(with(person(BasisKind.ANALOGOUS_OFFERS), SubjectStatus.CLIENT_INACTIVE, Capacity.CONSUMER))).isNull();
        assertThat(email(with(person(BasisKind.JOB_RELATED), SubjectStatus.PROSPECT, Capacity.PROFESSIONAL))).isNull();
        assertThat(AudienceRule.exclusion(MarketingChannel.POST, person(null), TUESDAY)).as("post: unless they object").isNull();
        assertThat(AudienceRule.exclusion(MarketingChannel.POST, person(BasisKind.OBJECTION), TUESDAY)).isEqualTo(Exclusion.OBJECTED);
    }

    @Test
    @DisplayName("L4 a former client past 3 years after the later of contract end and last contact: the cutoff SQL compares with says the same as the rule")
    void formerClient() {
        LocalDate day = LocalDate.of(2027, 3, 30);
        assertThat(FormerClientMarketing.cutoff(day)).isEqualTo(LocalDate.of(2024, 3, 30));
        assertThat(FormerClientMarketing.expired(LocalDate.of(2024, 3, 29), LocalDate.of(2023, 1, 1), day)).isTrue();
        assertThat(FormerClientMarketing.expired(LocalDate.of(2024, 3, 30), LocalDate.of(2023, 1, 1), day)).isFalse();
        assertThat(FormerClientMarketing.expired(LocalDate.of(2020, 1, 1), LocalDate.of(2025, 1, 1), day)).as("a later contact counts").isFalse();
        assertThat(FormerClientMarketing.expired(null, LocalDate.of(2024, 3, 29), day)).isTrue();
    }

    @Test
    @DisplayName("L2 phone: a consumer needs consent (an active client's running contract aside); D223-9's days and hours, overseas zones, other-times consent")
    void phoneWindows() {
        AudienceRule.Facts consented = person(BasisKind.CONSENT);
        assertThat(AudienceRule.exclusion(MarketingChannel.PHONE, person(null), TUESDAY)).isEqualTo(Exclusion.NO_BASIS);
        assertThat(AudienceRule.exclusion(MarketingChannel.PHONE, with(person(null), SubjectStatus.CLIENT_ACTIVE, Capacity.CONSUMER), TUESDAY))
                .isNull();
        assertThat(AudienceRule.exclusion(MarketingChannel.PHONE, consented, TUESDAY)).isNull();
        assertThat(AudienceRule.exclusion(MarketingChannel.PHONE, consented, EASTER_MONDAY)).isEqualTo(Exclusion.OUTSIDE_CALL_HOURS);
        assertThat(AudienceRule.exclusion(MarketingChannel.PHONE, phone(consented, List.of(), true, 0, false), EASTER_MONDAY)).isNull();
        assertThat(AudienceRule.exclusion(MarketingChannel.PHONE, with(person(null), SubjectStatus.PROSPECT, Capacity.PROFESSIONAL), EASTER_MONDAY))
                .as("D223-9 protects consumers").isNull();
        Instant tuesdayNoon = paris(2027, 3, 30, 12, 0);
        Instant tuesdayHalfPastEleven = paris(2027, 3, 30, 11, 30);
        AudienceRule.Facts reunion = phone(consented, List.of(REUNION), false, 0, false);
        assertThat(AudienceRule.exclusion(MarketingChannel.PHONE, reunion, tuesdayNoon)).as("14:00 in Réunion").isNull();
        assertThat(AudienceRule.exclusion(MarketingChannel.PHONE, reunion, tuesdayHalfPastEleven)).as("13:30 in Réunion")
                .isEqualTo(Exclusion.OUTSIDE_CALL_HOURS);
        assertThat(AudienceRule.exclusion(MarketingChannel.PHONE, consented, tuesdayHalfPastEleven)).as("11:30 in Paris").isNull();
    }

    @Test
    @DisplayName("L2 phone: 4 attempts within 30 days or a refusal within 60 are the call limit, counted after the hours")
    void phoneLimits() {
        AudienceRule.Facts consented = person(BasisKind.CONSENT);
        assertThat(AudienceRule.exclusion(MarketingChannel.PHONE, phone(consented, List.of(), false, 3, false), TUESDAY)).isNull();
        assertThat(AudienceRule.exclusion(MarketingChannel.PHONE, phone(consented, List.of(), false, 4, false), TUESDAY))
                .isEqualTo(Exclusion.CALL_LIMIT);
        assertThat(AudienceRule.exclusion(MarketingChannel.PHONE, phone(consented, List.of(), false, 0, true), TUESDAY))
                .isEqualTo(Exclusion.CALL_LIMIT);
        assertThat(AudienceRule.exclusion(MarketingChannel.PHONE, phone(consented, List.of(), false, 4, true), EASTER_MONDAY))
                .isEqualTo(Exclusion.OUTSIDE_CALL_HOURS);
        assertThat(AudienceRule.exclusion(MarketingChannel.PHONE, phone(consented, List.of(), true, 4, false), EASTER_MONDAY))
                .as("other times consented: the limits still apply").isEqualTo(Exclusion.CALL_LIMIT);
    }

    @Test
    @DisplayName("L2 the first instants from which attempts and refusals count, as SQL reads them, are those PhoneCallRules applies")
    void countingBounds() {
        List<ZoneId> paris = List.of(Zones.PARIS);
        Instant attemptsFrom = PhoneCallRules.attemptsCountFrom(TUESDAY);
        Instant refusalsFrom = PhoneCallRules.refusalsCountFrom(TUESDAY);
        assertThat(PhoneCallRules.decide(new CallContext(false, false, List.of(attemptsFrom, TUESDAY, TUESDAY, TUESDAY), null, paris), TUESDAY)
                .reason()).isEqualTo(CallRefusalReason.TOO_MANY_ATTEMPTS);
        assertThat(PhoneCallRules.decide(new CallContext(false, false, List.of(attemptsFrom.minusSeconds(1), TUESDAY, TUESDAY, TUESDAY), null,
                paris), TUESDAY).allowed()).isTrue();
        assertThat(PhoneCallRules.decide(new CallContext(false, false, List.of(), refusalsFrom, paris), TUESDAY).reason())
                .isEqualTo(CallRefusalReason.REFUSED_RECENTLY);
        assertThat(PhoneCallRules.decide(new CallContext(false, false, List.of(), refusalsFrom.minusSeconds(1), paris), TUESDAY).allowed()).isTrue();
    }
}
