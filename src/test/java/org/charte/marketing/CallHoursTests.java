package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipInputStream;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.common.Zones;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Json;
import org.charte.testing.MailServer;
import org.charte.testing.PrivacyCentre;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A consumer's express consent to be called outside D223-9's days and hours (L2), and its withdrawal
 * (L5): over real HTTP on the real database, with its wording sealed, read back with the person's
 * choices, honoured by the phone rules, shown to the person (R9.1, R9.3) and erased with them.
 */
class CallHoursTests extends RightsTestBase {

    static final String CS = "customer-service";
    static final String PURPOSE = "loyalty-prospecting";
    static final String WORDING = "J'accepte d'être appelé(e) le samedi et après 20 h";

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired MarketingChoices choices;
    @Autowired PhoneCalls phoneCalls;
    @Autowired MarketingRetention erasures;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;

    Relationship world;
    Staff adv;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        commitments.sign(world.dpo().id());
        adv = world.staff("adv");
    }

    UUID person(String email) {
        String phone = "+33613" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        UUID subject = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "PROSPECTEE", "Camille", LocalDate.of(1980, 5, 17)),
                new Contacts(List.of(new PostalAddress(List.of("8 rue Pasteur"), "21000", "Dijon", "FR")), List.of(email), List.of(phone)), null),
                world.today().minusMonths(2));
        grants.grantIndividual(adv.id(), CS, Set.of(Subjects.CONTACT), List.of(ResourceRef.subject(subject)),
                clock.instant().plus(Duration.ofDays(200)), "test of the consent to other call times", world.dpo().id());
        choices.consent(Actor.staff(adv.id()), CS, subject, new MarketingChoices.NewConsent(MarketingChannel.PHONE, PURPOSE, Means.PHONE,
                "phone-script-v2", null));
        return subject;
    }

    static String email() {
        return "horaires-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    HttpResponse<String> post(UUID subject, String body) {
        return adv.http().json("POST", "/api/v1/marketing/subjects/" + subject + "/call-hours?purpose=" + CS, body);
    }

    long rows(UUID subject) {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_call_hours WHERE subject_id = ?").param(subject).query(Long.class).single();
    }

    String attempt(UUID subject, Instant at) {
        try {
            phoneCalls.record(Actor.staff(adv.id()), CS, subject, PURPOSE, CallOutcome.NO_ANSWER, at);
            return "allowed";
        } catch (CallRefusedException e) {
            return e.reason();
        }
    }

    Instant at(LocalDateTime paris) {
        Instant target = paris.atZone(Zones.PARIS).toInstant();
        clock.advance(Duration.between(clock.instant(), target));
        return target;
    }

    @Test
    @DisplayName("L2 a consent to be called at other times is recorded over HTTP with how and by whom, its wording sealed, decided and audited; "
            + "it is read back with the person's choices and its withdrawal is the current choice at once (L5)")
    void recordedAndReadBack() {
        UUID subject = person(email());
        HttpResponse<String> given = post(subject, "{\"consented\":true,\"means\":\"phone\",\"wording\":\"" + WORDING + "\"}");
        assertThat(given.statusCode()).as(given.body()).isEqualTo(201);
        assertThat(Json.of(given).path("consented").asBoolean()).isTrue();
        assertThat(Json.of(given).path("recordedBy").asString()).isEqualTo("staff:" + adv.id());

        byte[] sealed = jdbc.sql("SELECT proof FROM marketing_call_hours WHERE subject_id = ?").param(subject).query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).as("the wording is sealed at rest").doesNotContain("samedi");

        JsonNode read = Json.of(adv.http().get("/api/v1/marketing/subjects/" + subject + "?purpose=" + CS));
        assertThat(read.path("otherTimesConsented").asBoolean()).isTrue();
        assertThat(read.path("callHours").get(0).path("wording").asString()).isEqualTo(WORDING);
        assertThat(read.path("callHours").get(0).path("means").asString()).isEqualTo("phone");

        HttpResponse<String> withdrawn = post(subject, "{\"consented\":false,\"means\":\"letter\"}");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
        JsonNode after = Json.of(adv.http().get("/api/v1/marketing/subjects/" + subject + "?purpose=" + CS));
        assertThat(after.path("otherTimesConsented").asBoolean()).isFalse();
        assertThat(after.path("callHours").size()).as("the history kept, oldest first").isEqualTo(2);
        assertThat(after.path("callHours").get(1).path("means").asString()).isEqualTo("letter");
        assertThat(audit.forSubject(subject, 50)).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + adv.id());
            assertThat(e.event().action()).isEqualTo("object");
            assertThat(e.event().purpose()).isEqualTo(CS);
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.ALLOWED);
        });
    }

    @Test
    @DisplayName("L2 a consumer who consented to other times is called on Saturday 3 April 2027 at 21:00; after the withdrawal, not (weekend), "
            + "and the 4 attempts per 30 days still apply")
    void phoneRulesHonourIt() {
        Instant saturday = at(LocalDateTime.of(2027, 4, 3, 21, 0));
        UUID subject = person(email());
        assertThat(attempt(subject, saturday)).isEqualTo("weekend");
        choices.callHours(Actor.staff(adv.id()), CS, subject, new MarketingChoices.NewCallHours(true, Means.PAPER, WORDING));
        assertThat(attempt(subject, saturday)).isEqualTo("allowed");
        assertThat(attempt(subject, at(LocalDateTime.of(2027, 4, 4, 8, 0)))).as("Sunday 8:00").isEqualTo("allowed");
        assertThat(attempt(subject, at(LocalDateTime.of(2027, 4, 5, 22, 0)))).as("Easter Monday 22:00").isEqualTo("allowed");
        assertThat(attempt(subject, at(LocalDateTime.of(2027, 4, 6, 7, 0)))).isEqualTo("allowed");
        assertThat(attempt(subject, at(LocalDateTime.of(2027, 4, 6, 21, 0)))).isEqualTo("too-many-attempts");

        choices.callHours(Actor.staff(adv.id()), CS, subject, new MarketingChoices.NewCallHours(false, Means.PHONE, null));
        CallStatus status = phoneCalls.status(Actor.staff(adv.id()), CS, subject, PURPOSE);
        assertThat(status.otherTimesConsented()).isFalse();
        assertThat(status.recent()).hasSize(4);
    }

    @Test
    @DisplayName("L2 bad input is refused naming each field, nothing recorded: no choice, a system means, a consent without wording, "
            + "600 KB or a line break in the wording, a withdrawal with no consent in force")
    void badInput() {
        UUID subject = person(email());
        MarketingChoicesTests.assertBad(post(subject, "{\"means\":\"phone\",\"wording\":\"oui\"}"), "consented");
        MarketingChoicesTests.assertBad(post(subject, "{\"consented\":true,\"means\":\"one-click\",\"wording\":\"oui\"}"), "means");
        MarketingChoicesTests.assertBad(post(subject, "{\"consented\":true,\"means\":\"phone\"}"), "wording");
        MarketingChoicesTests.assertBad(post(subject, "{\"consented\":true,\"means\":\"phone\",\"wording\":\"" + "x".repeat(600_000) + "\"}"), "wording");
        MarketingChoicesTests.assertBad(post(subject, "{\"consented\":true,\"means\":\"phone\",\"wording\":\"oui\\nnon\"}"), "wording");
        MarketingChoicesTests.assertBad(post(subject, "{\"consented\":false,\"means\":\"phone\"}"), "consented");
        HttpResponse<String> huge = post(subject, "{\"consented\":true,\"means\":\"" + "p".repeat(600_000) + "\",\"wording\":\"oui\"}");
        MarketingChoicesTests.assertBad(huge, "means");
        assertThat(huge.body()).doesNotContain("ppppp");
        assertThat(post(UUID.randomUUID(), "{\"consented\":true,\"means\":\"phone\",\"wording\":\"oui\"}").statusCode()).isEqualTo(404);
        assertThat(rows(subject)).isZero();
    }

    @Test
    @DisplayName("R9.1 R9.3 L2 the access report and the portability export show the consent to other call times with its wording; "
            + "it is erased with the person")
    void shownToThePersonAndErased() throws Exception {
        String email = email();
        UUID subject = person(email);
        choices.callHours(Actor.staff(adv.id()), CS, subject, new MarketingChoices.NewCallHours(true, Means.FORM, WORDING));

        PrivacyCentre centre = PrivacyCentre.at(port);
        UUID access = PrivacyCentre.requestId(centre.ask("access", "Camille Prospectée", email, ""));
        centre.enter(access, MailServer.find(MailServer.latest(email, "code"), "(\\d{6})"));
        String link = MailServer.find(MailServer.latest(email, "Réponse"), "(http://\\S+/telechargement/[A-Za-z0-9_-]{43})");
        String report = centre.download(link).body();
        assertThat(report).contains("Appels en dehors des jours et heures légaux", "Consentement à être appelé à d", "Formulaire",
                "le samedi et après 20 h");

        UUID portability = PrivacyCentre.requestId(centre.ask("portability", "Camille Prospectée", email, ""));
        centre.enter(portability, MailServer.find(MailServer.latest(email, "code"), "(\\d{6})"));
        String zipLink = MailServer.find(MailServer.latest(email, "Réponse"), "(http://\\S+/telechargement/[A-Za-z0-9_-]{43})");
        Map<String, String> entries = new TreeMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(centre.downloadBytes(zipLink).body()), StandardCharsets.UTF_8)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries.get("marketing-call-hours.csv")).contains("true,form").contains("samedi");
        assertThat(entries.get("data.json")).contains("marketing-call-hours");

        assertThat(rows(subject)).isEqualTo(1);
        assertThat(erasures.erase(List.of(subject))).isPositive();
        assertThat(rows(subject)).isZero();
    }
}
