package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.charte.common.Zones;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PhoneCallRulesTests {

    private static final ZoneId REUNION = ZoneId.of("Indian/Reunion");

    private static Instant paris(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Zones.PARIS).toInstant();
    }

    private static CallContext consumer(List<Instant> attempts, @Nullable Instant refusal) {
        return new CallContext(false, false, attempts, refusal, List.of(Zones.PARIS));
    }

    private static CallDecision at(String localDateTime) {
        return PhoneCallRules.decide(consumer(List.of(), null), paris(localDateTime));
    }

    @Test
    @DisplayName("L2 a consumer is called Monday to Friday, 10:00-13:00 and 14:00-20:00, never at lunch, at night or at the weekend")
    void windows() {
        assertThat(at("2027-03-03T10:00").allowed()).isTrue();      // Wednesday
        assertThat(at("2027-03-03T12:59").allowed()).isTrue();
        assertThat(at("2027-03-03T19:59").allowed()).isTrue();
        CallDecision lunch = at("2027-03-03T13:30");
        assertThat(lunch.reason()).isEqualTo(CallRefusalReason.OUTSIDE_HOURS);
        assertThat(lunch.next()).isEqualTo(paris("2027-03-03T14:00"));
        CallDecision evening = at("2027-03-03T20:00");
        assertThat(evening.reason()).isEqualTo(CallRefusalReason.OUTSIDE_HOURS);
        assertThat(evening.next()).isEqualTo(paris("2027-03-04T10:00"));
        assertThat(at("2027-03-03T09:59").next()).isEqualTo(paris("2027-03-03T10:00"));
        CallDecision saturday = at("2027-03-06T11:00");
        assertThat(saturday.reason()).isEqualTo(CallRefusalReason.WEEKEND);
        assertThat(saturday.next()).isEqualTo(paris("2027-03-08T10:00"));
    }

    @Test
    @DisplayName("L2 no call on a public holiday: Easter Monday 29 March 2027 and the Ascension week-end lead to the next working day")
    void holidays() {
        CallDecision easterMonday = at("2027-03-29T11:00");
        assertThat(easterMonday.allowed()).isFalse();
        assertThat(easterMonday.reason()).isEqualTo(CallRefusalReason.PUBLIC_HOLIDAY);
        assertThat(easterMonday.next()).isEqualTo(paris("2027-03-30T10:00"));
        assertThat(at("2027-05-05T20:30").next()).as("Ascension on Thursday 6 May").isEqualTo(paris("2027-05-07T10:00"));
        assertThat(at("2027-05-14T20:30").next()).as("Whit Monday 17 May").isEqualTo(paris("2027-05-18T10:00"));
    }

    @Test
    @DisplayName("L2 the windows are read in the person's zone: 10:00 in Réunion (UTC+4) is 07:00 in Paris in winter")
    void overseasZone() {
        List<ZoneId> zones = CallerTimeZones.of("+262692123456", null);
        CallContext reunion = new CallContext(false, false, List.of(), null, zones);
        assertThat(PhoneCallRules.decide(reunion, paris("2027-03-03T07:00")).allowed()).isTrue();
        CallDecision parisAfternoon = PhoneCallRules.decide(reunion, paris("2027-03-03T17:30"));
        assertThat(parisAfternoon.reason()).as("20:30 in Réunion").isEqualTo(CallRefusalReason.OUTSIDE_HOURS);
        assertThat(parisAfternoon.next()).isEqualTo(LocalDateTime.parse("2027-03-04T10:00").atZone(REUNION).toInstant());
        assertThat(PhoneCallRules.decide(consumer(List.of(), null), paris("2027-03-03T07:00")).allowed()).isFalse();
    }

    @Test
    @DisplayName("L2 at most 4 attempts within 30 calendar days; the fifth waits until the oldest is 30 days old")
    void fourAttempts() {
        List<Instant> four = List.of(paris("2027-03-01T10:00"), paris("2027-03-02T10:00"),
                paris("2027-03-03T10:00"), paris("2027-03-04T10:00"));
        assertThat(PhoneCallRules.decide(consumer(four.subList(0, 3), null), paris("2027-03-05T11:00")).allowed()).isTrue();
        CallDecision fifth = PhoneCallRules.decide(consumer(four, null), paris("2027-03-05T11:00"));
        assertThat(fifth.allowed()).isFalse();
        assertThat(fifth.reason()).isEqualTo(CallRefusalReason.TOO_MANY_ATTEMPTS);
        assertThat(fifth.next()).as("1 March + 30 days").isEqualTo(paris("2027-03-31T10:00"));
        assertThat(PhoneCallRules.decide(consumer(four, null), paris("2027-03-30T11:00")).allowed()).isFalse();
        assertThat(PhoneCallRules.decide(consumer(four, null), paris("2027-03-31T11:00")).allowed()).isTrue();
    }

    @Test
    @DisplayName("L2 none for 60 days after a refusal during a call")
    void sixtyDaysAfterRefusal() {
        Instant refusal = paris("2027-03-01T11:00");
        CallDecision soon = PhoneCallRules.decide(consumer(List.of(refusal), refusal), paris("2027-04-30T11:00"));
        assertThat(soon.reason()).isEqualTo(CallRefusalReason.REFUSED_RECENTLY);
        assertThat(soon.next()).as("the day after the 60th, a Monday").isEqualTo(paris("2027-05-03T10:00"));
        assertThat(PhoneCallRules.decide(consumer(List.of(refusal), refusal), paris("2027-05-03T10:30")).allowed()).isTrue();
    }

    @Test
    @DisplayName("L2 a consumer who consented expressly to other times may be called then, within the frequency limits")
    void otherTimesConsented() {
        CallContext evenings = new CallContext(false, true, List.of(), null, List.of(Zones.PARIS));
        assertThat(PhoneCallRules.decide(evenings, paris("2027-03-06T21:00")).allowed()).isTrue();
        Instant refusal = paris("2027-03-01T11:00");
        CallContext refused = new CallContext(false, true, List.of(), refusal, List.of(Zones.PARIS));
        assertThat(PhoneCallRules.decide(refused, paris("2027-03-06T21:00")).reason()).isEqualTo(CallRefusalReason.REFUSED_RECENTLY);
    }

    @Test
    @DisplayName("L2 a professional (B2B) is not bound by the consumer's days, hours and frequency")
    void professional() {
        CallContext b2b = new CallContext(true, false, List.of(paris("2027-03-01T10:00"), paris("2027-03-01T10:05"),
                paris("2027-03-01T10:10"), paris("2027-03-01T10:15")), null, List.of(Zones.PARIS));
        assertThat(PhoneCallRules.decide(b2b, paris("2027-03-01T08:00")).allowed()).isTrue();
    }

    @Test
    @DisplayName("L2 several zones (French Polynesia): a call only when every zone is within its windows")
    void severalZones() {
        List<ZoneId> polynesia = CallerTimeZones.fromPostalCode("98714");
        CallContext context = new CallContext(false, false, List.of(), null, polynesia);
        Instant tahitiTen = LocalDateTime.parse("2027-03-03T10:00").atZone(ZoneId.of("Pacific/Tahiti")).toInstant();
        CallDecision decision = PhoneCallRules.decide(context, tahitiTen);
        assertThat(decision.allowed()).isTrue();
        Instant tahitiNineteenFortyFive = LocalDateTime.parse("2027-03-03T19:45").atZone(ZoneId.of("Pacific/Tahiti")).toInstant();
        CallDecision late = PhoneCallRules.decide(context, tahitiNineteenFortyFive);
        assertThat(late.reason()).as("20:45 in the Marquesas").isEqualTo(CallRefusalReason.OUTSIDE_HOURS);
        assertThat(late.next()).isNotNull();
        assertThat(PhoneCallRules.decide(context, late.next()).allowed()).isTrue();
    }

    @Test
    @DisplayName("L2 whenever a call is refused, the next instant given is allowed and no earlier minute was")
    void nextIsTheFirstAllowedInstant() {
        Random random = new Random(20270329L);
        List<List<ZoneId>> zones = List.of(List.of(Zones.PARIS), List.of(REUNION), CallerTimeZones.fromPostalCode("98714"),
                List.of(ZoneId.of("America/Cayenne")));
        Instant start = paris("2026-12-01T00:00");
        for (int i = 0; i < 2_000; i++) {
            Instant at = start.plusSeconds(random.nextLong(400L * 24 * 3600));
            List<Instant> attempts = new ArrayList<>();
            for (int a = random.nextInt(6); a > 0; a--) {
                attempts.add(at.minusSeconds(random.nextLong(40L * 24 * 3600)));
            }
            Instant refusal = random.nextInt(4) == 0 ? at.minusSeconds(random.nextLong(80L * 24 * 3600)) : null;
            CallContext context = new CallContext(false, random.nextInt(5) == 0, attempts, refusal, zones.get(random.nextInt(zones.size())));
            CallDecision decision = PhoneCallRules.decide(context, at);
            if (decision.allowed()) {
                continue;
            }
            assertThat(decision.next()).as("refused at %s: %s", at, decision.reason()).isNotNull().isAfter(at);
            assertThat(PhoneCallRules.decide(context, decision.next()).allowed()).as("next %s", decision.next()).isTrue();
            assertThat(PhoneCallRules.decide(context, decision.next().minusSeconds(60)).allowed()).isFalse();
        }
    }
}
