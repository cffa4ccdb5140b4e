package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditLog;
import org.charte.common.Zones;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Json;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Prospecting calls end to end (L2), on the real database: over real HTTP for a recent weekday, and
 * through the module's API with the clock moved to each day of 2027 (a staff session does not
 * survive a clock moved by months). Each attempt is checked against the basis (opt-in since 11 August 2026) and
 * D223-9 (days, hours in the person's zone, 4 attempts per 30 days, 60 days after a refusal).
 */
@Tag("db")
class PhoneCallsTests extends RightsTestBase {

    static final String CS = "customer-service";
    static final String PURPOSE = "loyalty-prospecting";

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired MarketingChoices choices;
    @Autowired JdbcClient jdbc;
    @Autowired PhoneCalls phoneCalls;
    @Autowired AuditLog audit;

    Relationship world;
    Staff adv;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        commitments.sign(world.dpo().id());
        adv = world.staff("adv");
    }

    static String mobile(String prefix) {
        return prefix + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    /** Moves the clock to a time in Paris and answers that instant. */
    Instant at(LocalDateTime paris) {
        Instant target = paris.atZone(Zones.PARIS).toInstant();
        clock.advance(Duration.between(clock.instant(), target));
        return target;
    }

    /** A person (registered now) with a phone and an address, customer service granted for 200 days. */
    UUID person(String phone, String postalCode) {
        UUID subject = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("M.", "APPELE", "Dominique", LocalDate.of(1975, 3, 2)),
                new Contacts(List.of(new PostalAddress(List.of("3 rue des Lilas"), postalCode, postalCode.equals("97400") ? "Saint-Denis" : "Dijon", "FR")),
                        List.of("appele-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org"), List.of(phone)), null),
                world.today());
        grants.grantIndividual(adv.id(), CS, Set.of(Subjects.CONTACT), List.of(ResourceRef.subject(subject)),
                clock.instant().plus(Duration.ofDays(200)), "test of prospecting calls", world.dpo().id());
        return subject;
    }

    UUID consenting(String phone, String postalCode) {
        UUID subject = person(phone, postalCode);
        choices.consent(Actor.staff(adv.id()), CS, subject,
                new MarketingChoices.NewConsent(MarketingChannel.PHONE, PURPOSE, Means.PHONE, "phone-script-v2", null));
        return subject;
    }

    HttpResponse<String> call(UUID subject, String outcome, Instant at) {
        return adv.http().json("POST", "/api/v1/marketing/subjects/" + subject + "/calls?purpose=" + CS,
                "{\"marketingPurpose\":\"" + PURPOSE + "\",\"outcome\":\"" + outcome + "\",\"calledAt\":\"" + OffsetDateTime.ofInstant(at, Zones.PARIS) + "\"}");
    }

    /** Records an attempt through the module's API: "allowed", or the reason it was refused. */
    String attempt(UUID subject, String outcome, Instant at) {
        try {
            phoneCalls.record(Actor.staff(adv.id()), CS, subject, PURPOSE, CallOutcome.fromCode(outcome).orElseThrow(), at);
            return "allowed";
        } catch (CallRefusedException e) {
            return e.reason();
        }
    }

    static void assertAllowed(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    static JsonNode assertRefused(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = Json.of(response);
        assertThat(problem.path("reason").asString()).isEqualTo(reason);
        return problem;
    }

    long calls(UUID subject) {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_call WHERE subject_id = ?").param(subject).query(Long.class).single();
    }

    @Test
    @DisplayName("L2 a consumer who consented is called on Tuesday 30 March 2027 at 10:30; not on Easter Monday (public-holiday) nor at 13:30 (outside-hours, next allowed at 14:00)")
    void windowsAndHolidays() {
        Instant easterMonday = at(LocalDateTime.of(2027, 3, 29, 10, 30));
        UUID subject = consenting(mobile("+33612"), "21000");
        assertThat(attempt(subject, "answered", easterMonday)).isEqualTo("public-holiday");

        Instant tuesday = at(LocalDateTime.of(2027, 3, 30, 10, 30));
        assertThat(attempt(subject, "answered", tuesday)).isEqualTo("allowed");

        Instant lunch = at(LocalDateTime.of(2027, 3, 30, 13, 30));
        CallRefusedException refused = assertThrows(CallRefusedException.class, () -> phoneCalls.record(
                Actor.staff(adv.id()), CS, subject, PURPOSE, CallOutcome.NO_ANSWER, lunch));
        assertThat(refused.reason()).isEqualTo("outside-hours");
        assertThat(refused.next()).isEqualTo(LocalDateTime.of(2027, 3, 30, 14, 0).atZone(Zones.PARIS).toInstant());
        assertThat(calls(subject)).as("only the allowed attempt is recorded").isEqualTo(1);
        assertThat(phoneCalls.calls(Actor.staff(adv.id()), CS, subject)).singleElement()
                .satisfies(c -> assertThat(c.calledAt()).isEqualTo(tuesday));
    }

    @Test
    @DisplayName("L2 over HTTP: an allowed attempt answers 201 with the attempt and is listed; a forbidden one 409 problem+json with its reason and the next allowed instant, nothing recorded")
    void overHttp() {
        UUID subject = consenting(mobile("+33612"), "21000");
        LocalDate day = LocalDate.now(clock.withZone(Zones.PARIS)).minusDays(1);
        while (day.getDayOfWeek().getValue() > 5 || FrenchPublicHolidays.isHoliday(day)) {
            day = day.minusDays(1);
        }
        Instant morning = day.atTime(10, 30).atZone(Zones.PARIS).toInstant();
        HttpResponse<String> allowed = call(subject, "answered", morning);
        assertAllowed(allowed);
        assertThat(Json.of(allowed).path("outcome").asString()).isEqualTo("answered");
        assertThat(Json.of(allowed).path("recordedBy").asString()).isEqualTo("staff:" + adv.id());

        JsonNode problem = assertRefused(call(subject, "no-answer", day.atTime(13, 30).atZone(Zones.PARIS).toInstant()), "outside-hours");
        assertThat(problem.path("next").asString()).isEqualTo(day.atTime(14, 0).atZone(Zones.PARIS).toInstant().toString());
        assertThat(calls(subject)).isEqualTo(1);

        HttpResponse<String> listed = adv.http().get("/api/v1/marketing/subjects/" + subject + "/calls?purpose=" + CS);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(Json.of(listed).size()).isEqualTo(1);
        assertThat(Json.of(listed).get(0).path("calledAt").asString()).isEqualTo(morning.toString());
        assertThat(Json.of(listed).get(0).path("marketingPurpose").asString()).isEqualTo(PURPOSE);
        assertThat(audit.forSubject(subject, 50)).as("each access decided and audited with its actor and purpose").anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + adv.id());
            assertThat(e.event().action()).isEqualTo("write");
            assertThat(e.event().purpose()).isEqualTo(CS);
        });
    }

    @Test
    @DisplayName("L2 a fifth attempt within 30 calendar days is refused (too-many-attempts) and not recorded")
    void fourAttempts() {
        Instant first = at(LocalDateTime.of(2027, 3, 30, 10, 30));
        UUID subject = consenting(mobile("+33612"), "21000");
        assertThat(attempt(subject, "no-answer", first)).isEqualTo("allowed");
        assertThat(attempt(subject, "voicemail", at(LocalDateTime.of(2027, 3, 31, 15, 0)))).isEqualTo("allowed");
        assertThat(attempt(subject, "busy", at(LocalDateTime.of(2027, 4, 1, 15, 0)))).isEqualTo("allowed");
        assertThat(attempt(subject, "answered", at(LocalDateTime.of(2027, 4, 2, 15, 0)))).isEqualTo("allowed");
        Instant fifth = at(LocalDateTime.of(2027, 4, 6, 11, 0));
        assertThat(attempt(subject, "no-answer", fifth)).isEqualTo("too-many-attempts");
        assertThat(calls(subject)).isEqualTo(4);
    }

    @Test
    @DisplayName("L2 after a refusal during a call, none for 60 calendar days: 59 days later refused (refused-recently), 61 days later allowed")
    void sixtyDaysAfterRefusal() {
        Instant friday = at(LocalDateTime.of(2027, 4, 2, 10, 30));
        UUID subject = consenting(mobile("+33612"), "21000");
        assertThat(attempt(subject, "refused", friday)).isEqualTo("allowed");

        Instant later59 = at(LocalDateTime.of(2027, 5, 31, 10, 30));
        assertThat(attempt(subject, "answered", later59)).isEqualTo("refused-recently");
        Instant later61 = at(LocalDateTime.of(2027, 6, 2, 10, 30));
        assertThat(attempt(subject, "answered", later61)).isEqualTo("allowed");
        assertThat(calls(subject)).isEqualTo(2);
    }

    @Test
    @DisplayName("L2 a Réunion mobile (+262 692) is called in Réunion's time: 10:30 in Paris on 23 March 2027 is 13:30 there (outside-hours); a metropolitan one is called")
    void overseasNumber() {
        Instant at = at(LocalDateTime.of(2027, 3, 23, 10, 30));
        UUID reunion = consenting(mobile("+262692"), "97400");
        assertThat(attempt(reunion, "answered", at)).isEqualTo("outside-hours");
        UUID dijon = consenting(mobile("+33612"), "21000");
        assertThat(attempt(dijon, "answered", at)).isEqualTo("allowed");
        assertThat(calls(reunion)).isZero();
    }

    @Test
    @DisplayName("L2 since 11 August 2026 a consumer without consent is not called (consent-required); a professional is called outside the consumer windows unless they object (objected)")
    void basis() {
        Instant easterMonday = at(LocalDateTime.of(2027, 3, 29, 10, 30));
        UUID consumer = person(mobile("+33612"), "21000");
        assertThat(attempt(consumer, "answered", easterMonday)).isEqualTo("consent-required");
        assertThat(calls(consumer)).isZero();

        UUID professional = person(mobile("+33612"), "21000");
        Actor actor = Actor.staff(adv.id());
        choices.recordCapacity(actor, CS, professional, Capacity.PROFESSIONAL);
        assertThat(attempt(professional, "answered", easterMonday)).isEqualTo("allowed");
        Instant evening = at(LocalDateTime.of(2027, 3, 29, 21, 0));
        assertThat(attempt(professional, "no-answer", evening)).isEqualTo("allowed");
        choices.object(actor, CS, professional, new MarketingChoices.NewObjection(Set.of(MarketingChannel.PHONE), PURPOSE, Means.PHONE, null), false);
        assertThat(attempt(professional, "answered", evening)).isEqualTo("objected");
        assertThat(calls(professional)).isEqualTo(2);
    }

    @Test
    @DisplayName("L2 bad input is refused with each invalid field named and records nothing: unknown outcome, unknown purpose, year 0, 600 KB strings, a future instant")
    void badInput() {
        UUID subject = consenting(mobile("+33612"), "21000");
        String path = "/api/v1/marketing/subjects/" + subject + "/calls?purpose=" + CS;
        MarketingChoicesTests.assertBad(adv.http().json("POST", path, """
                {"marketingPurpose":"loyalty-prospecting","outcome":"hung-up"}"""), "outcome");
        MarketingChoicesTests.assertBad(adv.http().json("POST", path, """
                {"marketingPurpose":"billing","outcome":"answered"}"""), "marketingPurpose");
        MarketingChoicesTests.assertBad(adv.http().json("POST", path, """
                {"marketingPurpose":"loyalty-prospecting","outcome":"answered","calledAt":"0000-03-30T10:30:00+01:00"}"""), "calledAt");
        MarketingChoicesTests.assertBad(adv.http().json("POST", path, """
                {"marketingPurpose":"loyalty-prospecting","outcome":"answered","calledAt":"2099-03-30T10:30:00+01:00"}"""), "calledAt");
        String huge = "x".repeat(600_000);
        MarketingChoicesTests.assertBad(adv.http().json("POST", path,
                "{\"marketingPurpose\":\"" + huge + "\",\"outcome\":\"answered\"}"), "marketingPurpose");
        MarketingChoicesTests.assertBad(adv.http().json("POST", path,
                "{\"marketingPurpose\":\"loyalty-prospecting\",\"outcome\":\"" + huge + "\"}"), "outcome");
        MarketingChoicesTests.assertBad(adv.http().json("POST", path,
                "{\"marketingPurpose\":\"loyalty-prospecting\",\"outcome\":\"answered\",\"calledAt\":\"" + huge + "\"}"), "calledAt");
        assertThat(adv.http().json("POST", "/api/v1/marketing/subjects/" + UUID.randomUUID() + "/calls?purpose=" + CS, """
                {"marketingPurpose":"loyalty-prospecting","outcome":"answered"}""").statusCode()).as("unknown person").isEqualTo(404);
        assertThat(calls(subject)).as("nothing recorded").isZero();
    }
}
