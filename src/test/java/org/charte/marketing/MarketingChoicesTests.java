package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
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
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/**
 * A person's marketing choices end to end (R9.9, R9.10, L2, L5, L9): over real HTTP, on the real
 * database, with mail to GreenMail, erasure through the privacy centre and the retention path.
 */
@RecordApplicationEvents
class MarketingChoicesTests extends RightsTestBase {

    static final String CS = "customer-service";

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired MarketingChoices choices;
    @Autowired Solicitations solicitations;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEvents events;

    Relationship world;
    Staff adv;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        commitments.sign(world.dpo().id());
        adv = world.staff("adv");
    }

    static String email() {
        return "prospect-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** A phone of its own: the suppression list outlives people, and other tests object with theirs. */
    static String phone() {
        return "+33612" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    UUID person(SubjectStatus status, String email, String phone) {
        return subjects.register(status, new PersonalData(new Identity("Mme", "PROSPECTEE", "Camille", LocalDate.of(1980, 5, 17)),
                new Contacts(List.of(new PostalAddress(List.of("8 rue Pasteur"), "21000", "Dijon", "FR")), List.of(email), List.of(phone)), null),
                world.today().minusMonths(2));
    }

    /** Customer service's grant on the person's contact data. */
    void granted(Staff staff, UUID subject) {
        world.grant(staff, CS, Set.of(Subjects.CONTACT), subject);
    }

    String base(UUID subject) {
        return "/api/v1/marketing/subjects/" + subject;
    }

    JsonNode read(Staff staff, UUID subject) {
        HttpResponse<String> response = staff.http().get(base(subject) + "?purpose=" + CS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.of(response);
    }

    long historyRows(UUID subject) {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_basis WHERE subject_id = ?").param(subject).query(Long.class).single();
    }

    @Test
    @DisplayName("L9 L2 a consent is recorded with its proof (wording and version, how, when, by whom, which page), decided and audited; it makes the person solicitable at once")
    void consentWithProof() {
        UUID subject = person(SubjectStatus.PROSPECT, email(), phone());
        granted(adv, subject);
        assertThat(solicitations.maySolicit(subject, MarketingChannel.EMAIL, "newsletters", world.today()).reason())
                .isEqualTo(SolicitationBasis.Reason.NO_BASIS);

        HttpResponse<String> given = adv.http().json("POST", base(subject) + "/consents?purpose=" + CS,
                """
                {"channel":"email","marketingPurpose":"newsletters","means":"form","wording":"newsletter-form-v3","details":"https://www.example.org/inscription"}""");
        assertThat(given.statusCode()).as(given.body()).isEqualTo(201);

        JsonNode read = read(adv, subject);
        assertThat(read.path("capacity").asString()).isEqualTo("consumer");
        JsonNode current = read.path("current").get(0);
        assertThat(current.path("kind").asString()).isEqualTo("consent");
        assertThat(current.path("channel").asString()).isEqualTo("email");
        assertThat(current.path("wording").asString()).isEqualTo("newsletter-form-v3");
        assertThat(current.path("means").asString()).isEqualTo("form");
        assertThat(current.path("details").asString()).isEqualTo("https://www.example.org/inscription");
        assertThat(current.path("recordedBy").asString()).isEqualTo("staff:" + adv.id());
        assertThat(current.path("recordedOn").asString()).isEqualTo(world.today().toString());
        assertThat(solicitations.maySolicit(subject, MarketingChannel.EMAIL, "newsletters", world.today()))
                .isEqualTo(new SolicitationBasis.Verdict(true, SolicitationBasis.Reason.CONSENT));
        assertThat(solicitations.maySolicit(subject, MarketingChannel.SMS, "newsletters", world.today()).allowed()).as("per channel").isFalse();

        byte[] sealed = jdbc.sql("SELECT details FROM marketing_basis WHERE subject_id = ?").param(subject).query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).as("the page is sealed at rest").doesNotContain("example.org");
        assertThat(audit.forSubject(subject, 50)).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + adv.id());
            assertThat(e.event().action()).isEqualTo("write");
            assertThat(e.event().purpose()).isEqualTo(CS);
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.ALLOWED);
        });
    }

    @Test
    @DisplayName("L5 a withdrawal takes effect at once and publishes ConsentWithdrawn; the history keeps both entries")
    void withdrawalAtOnce() {
        UUID subject = person(SubjectStatus.PROSPECT, email(), phone());
        granted(adv, subject);
        Actor actor = Actor.staff(adv.id());
        Basis consent = choices.consent(actor, CS, subject,
                new MarketingChoices.NewConsent(MarketingChannel.SMS, "loyalty-prospecting", Means.PHONE, "phone-script-v2", "appel entrant"));
        assertThat(events.stream(ConsentGiven.class)).anySatisfy(e -> assertThat(e.basisId()).isEqualTo(consent.id()));
        assertThat(solicitations.maySolicit(subject, MarketingChannel.SMS, "loyalty-prospecting", world.today()).allowed()).isTrue();

        Basis withdrawn = choices.withdraw(actor, CS, subject, MarketingChannel.SMS, "loyalty-prospecting", Means.EMAIL);
        assertThat(solicitations.maySolicit(subject, MarketingChannel.SMS, "loyalty-prospecting", world.today()))
                .isEqualTo(new SolicitationBasis.Verdict(false, SolicitationBasis.Reason.CONSENT_WITHDRAWN));
        assertThat(events.stream(ConsentWithdrawn.class)).anySatisfy(e -> {
            assertThat(e.basisId()).isEqualTo(withdrawn.id());
            assertThat(e.subjectId()).isEqualTo(subject);
            assertThat(e.channel()).isEqualTo(MarketingChannel.SMS);
        });
        Choices now = choices.choices(actor, CS, subject);
        assertThat(now.history()).extracting(Basis::kind).containsExactly(BasisKind.CONSENT, BasisKind.CONSENT_WITHDRAWN);
        assertThat(now.current(MarketingChannel.SMS, "loyalty-prospecting").orElseThrow().kind()).isEqualTo(BasisKind.CONSENT_WITHDRAWN);
        assertThat(now.history().getFirst().details()).isEqualTo("appel entrant");
    }

    @Test
    @DisplayName("R9.9 L5 L9 customer service records an objection received by phone, without motive: applied at once on that channel, the phone on the suppression list, confirmed by mail")
    void objectionByPhone() {
        String email = email();
        String phone = phone();
        String national = ("0" + phone.substring(3)).replaceAll("(\\d{2})(?=\\d)", "$1 ");
        UUID subject = person(SubjectStatus.CLIENT_ACTIVE, email, phone);
        granted(adv, subject);
        HttpResponse<String> objected = adv.http().json("POST", base(subject) + "/objections?purpose=" + CS,
                """
                {"channels":["sms","phone"],"means":"phone","reference":"appel-2026-12-02"}""");
        assertThat(objected.statusCode()).as(objected.body()).isEqualTo(201);
        assertThat(Json.of(objected).size()).as("2 channels x every marketing purpose").isEqualTo(2 * choices.purposes().size());

        for (String purpose : choices.purposes()) {
            assertThat(solicitations.maySolicit(subject, MarketingChannel.SMS, purpose, world.today()).reason()).isEqualTo(SolicitationBasis.Reason.OBJECTED);
            assertThat(solicitations.maySolicit(subject, MarketingChannel.PHONE, purpose, world.today()).allowed())
                    .as("even a client with a running contract").isFalse();
            assertThat(solicitations.suppressed(MarketingChannel.SMS, purpose, national)).as("the phone, however written").isTrue();
        }
        assertThat(solicitations.maySolicit(subject, MarketingChannel.POST, "loyalty-prospecting", world.today()).allowed()).as("post untouched").isTrue();
        assertThat(solicitations.suppressed(MarketingChannel.EMAIL, "loyalty-prospecting", email)).as("e-mail not objected").isFalse();
        assertThat(MailServer.latest(email, "opposition")).contains("sans qu'aucun motif", "SMS", "Téléphone", "without any reason");

        HttpResponse<String> again = adv.http().json("POST", base(subject) + "/objections?purpose=" + CS, """
                {"channels":["sms"],"means":"letter"}""");
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(Json.of(again).size()).as("already objected: nothing repeated").isZero();
        String stored = jdbc.sql("SELECT address_hash FROM marketing_suppression FETCH FIRST 1 ROWS ONLY").query(String.class).single();
        assertThat(stored).hasSize(64).doesNotContain(phone.substring(1));
    }

    @Test
    @DisplayName("L9 L2 a professional's capacity, with its history, opens job-related messages; a client's analogous offers need the notice offered at collection; neither overrides an objection")
    void basesWithoutConsent() {
        UUID client = person(SubjectStatus.CLIENT_ACTIVE, email(), phone());
        granted(adv, client);
        String bases = base(client) + "/bases?purpose=" + CS;
        assertBad(adv.http().json("POST", bases, """
                {"channel":"email","marketingPurpose":"loyalty-prospecting","kind":"job-related","means":"form","wording":"b2b-notice-v1"}"""), "kind");
        HttpResponse<String> professional = adv.http().json("PUT", base(client) + "/capacity?purpose=" + CS, """
                {"capacity":"professional"}""");
        assertThat(professional.statusCode()).as(professional.body()).isEqualTo(200);
        assertThat(adv.http().json("POST", bases, """
                {"channel":"email","marketingPurpose":"loyalty-prospecting","kind":"job-related","means":"form","wording":"b2b-notice-v1"}""")
                .statusCode()).isEqualTo(201);
        assertThat(adv.http().json("POST", bases, """
                {"channel":"sms","marketingPurpose":"customer-reviews","kind":"analogous-offers","means":"paper","wording":"cgv-2026-art12"}""")
                .statusCode()).isEqualTo(201);
        assertThat(solicitations.maySolicit(client, MarketingChannel.EMAIL, "loyalty-prospecting", world.today()).reason())
                .isEqualTo(SolicitationBasis.Reason.JOB_RELATED);
        assertThat(solicitations.maySolicit(client, MarketingChannel.SMS, "customer-reviews", world.today()).reason())
                .isEqualTo(SolicitationBasis.Reason.ANALOGOUS_OFFERS);
        assertThat(solicitations.maySolicit(client, MarketingChannel.PHONE, "loyalty-prospecting", world.today()).allowed())
                .as("L2: a professional unless they object").isTrue();

        adv.http().json("PUT", base(client) + "/capacity?purpose=" + CS, """
                {"capacity":"consumer"}""");
        JsonNode read = read(adv, client);
        assertThat(read.path("capacity").asString()).isEqualTo("consumer");
        assertThat(read.path("capacityHistory").size()).isEqualTo(2);
        assertThat(solicitations.maySolicit(client, MarketingChannel.EMAIL, "loyalty-prospecting", world.today()).allowed())
                .as("a consumer again: no job-related basis").isFalse();

        adv.http().json("POST", base(client) + "/objections?purpose=" + CS, """
                {"channels":["sms"],"marketingPurpose":"customer-reviews","means":"email"}""");
        assertBad(adv.http().json("POST", bases, """
                {"channel":"sms","marketingPurpose":"customer-reviews","kind":"analogous-offers","means":"paper","wording":"cgv-2026-art12"}"""), "kind");
        assertThat(solicitations.maySolicit(client, MarketingChannel.SMS, "customer-reviews", world.today()).reason())
                .isEqualTo(SolicitationBasis.Reason.OBJECTED);
    }

    @Test
    @DisplayName("R9.10 L5 bad input is refused with each invalid field named and changes nothing: a push channel, a null in the list, an unknown purpose, a too long wording, control characters")
    void badInputRefused() {
        UUID subject = person(SubjectStatus.PROSPECT, email(), phone());
        granted(adv, subject);
        assertBad(adv.http().json("POST", base(subject) + "/objections?purpose=" + CS, """
                {"channels":["push"],"means":"phone"}"""), "channels[0]");
        assertBad(adv.http().json("POST", base(subject) + "/objections?purpose=" + CS, """
                {"channels":["email",null],"means":"phone"}"""), "channels[1]");
        assertBad(adv.http().json("POST", base(subject) + "/consents?purpose=" + CS, """
                {"channel":"in-app","marketingPurpose":"newsletters","means":"form","wording":"v1"}"""), "channel");
        assertBad(adv.http().json("POST", base(subject) + "/consents?purpose=" + CS, """
                {"channel":"email","marketingPurpose":"billing","means":"form","wording":"v1"}"""), "marketingPurpose");
        assertBad(adv.http().json("POST", base(subject) + "/consents?purpose=" + CS,
                "{\"channel\":\"email\",\"marketingPurpose\":\"newsletters\",\"means\":\"form\",\"wording\":\"" + "x".repeat(5000) + "\"}"), "wording");
        assertBad(adv.http().json("POST", base(subject) + "/consents?purpose=" + CS, """
                {"channel":"email","marketingPurpose":"newsletters","means":"form","wording":"v1","details":"a\\u202eb"}"""), "details");
        assertBad(adv.http().json("POST", base(subject) + "/objections?purpose=" + CS, """
                {"channels":["email"],"means":"suppression-list"}"""), "means");
        assertBad(adv.http().json("POST", base(subject) + "/objections", """
                {"channels":["email"],"means":"phone"}"""), "purpose");
        assertBad(adv.http().json("PUT", base(subject) + "/capacity?purpose=" + CS, """
                {"capacity":"robot"}"""), "capacity");
        assertBad(adv.http().json("POST", base(subject) + "/bases?purpose=" + CS, """
                {"channel":"email","marketingPurpose":"loyalty-prospecting","kind":"analogous-offers","means":"form","wording":"cgv-2026"}"""), "kind");
        assertThat(adv.http().json("POST", base(UUID.randomUUID()) + "/objections?purpose=" + CS, """
                {"channels":["email"],"means":"phone"}""").statusCode()).as("unknown person").isEqualTo(404);
        assertThat(historyRows(subject)).as("nothing written").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_capacity WHERE subject_id = ?").param(subject).query(Long.class).single()).isZero();
    }

    static void assertBad(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"" + field + "\"").doesNotContain("Exception", "at org.");
    }

    @Test
    @DisplayName("R9.9 L5 who may read and write a person's choices: customer service under a grant; without one, or without contact data, refused and audited; nobody anonymous")
    void authorisation() {
        UUID subject = person(SubjectStatus.PROSPECT, email(), phone());
        Staff support = world.staff("cloud-support");
        Staff development = world.staff("development");
        String objection = """
                {"channels":["email"],"means":"desk"}""";
        assertThat(support.http().get(base(subject) + "?purpose=" + CS).statusCode()).as("no grant").isEqualTo(403);
        assertThat(support.http().json("POST", base(subject) + "/objections?purpose=" + CS, objection).statusCode()).isEqualTo(403);
        assertThat(development.http().get(base(subject) + "?purpose=" + CS).statusCode()).as("no contact data for the role").isEqualTo(403);
        assertThat(new Http(port).get(base(subject) + "?purpose=" + CS).statusCode()).as("anonymous").isEqualTo(401);
        assertThat(historyRows(subject)).isZero();
        assertThat(audit.forSubject(subject, 50)).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + support.id());
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.DENIED);
        });

        granted(support, subject);
        assertThat(support.http().json("POST", base(subject) + "/objections?purpose=" + CS, objection).statusCode()).as("granted").isEqualTo(201);
        assertThat(read(support, subject).path("current").size()).isEqualTo(choices.purposes().size());
    }

    @Test
    @DisplayName("L9 L5 an objection outlives the person: erased through the privacy centre and the retention path, then recorded again with the same e-mail, they start objected and staff see why")
    void suppressionSurvivesErasure() {
        String email = email();
        UUID subject = person(SubjectStatus.PROSPECT, email, phone());
        granted(adv, subject);
        assertThat(adv.http().json("POST", base(subject) + "/objections?purpose=" + CS, """
                {"channels":["email"],"means":"letter"}""").statusCode()).isEqualTo(201);

        UUID requestId = PrivacyCentre.at(port).askAndVerify("erasure", "Camille Prospectée", email, "", Map.of());
        HttpResponse<String> produced = world.dpo().http().postForm("/backoffice/droits/" + requestId + "/production",
                Map.of("_csrf", world.dpo().http().csrfFrom("/backoffice/droits/" + requestId)));
        assertThat(produced.statusCode()).as(produced.body()).isEqualTo(302);
        assertThat(subjects.status(subject)).as("erased").isEmpty();
        assertThat(historyRows(subject)).as("their history goes with them, in the erasure's transaction").isZero();
        assertThat(solicitations.suppressed(MarketingChannel.EMAIL, "newsletters", email.toUpperCase())).as("the list stays").isTrue();

        UUID again = person(SubjectStatus.PROSPECT, "  " + email.toUpperCase() + " ", phone());
        for (String purpose : choices.purposes()) {
            assertThat(solicitations.maySolicit(again, MarketingChannel.EMAIL, purpose, world.today()).reason()).isEqualTo(SolicitationBasis.Reason.OBJECTED);
        }
        granted(adv, again);
        JsonNode current = read(adv, again).path("current");
        assertThat(current.size()).isEqualTo(choices.purposes().size());
        current.forEach(b -> {
            assertThat(b.path("kind").asString()).isEqualTo("objection");
            assertThat(b.path("means").asString()).isEqualTo("suppression-list");
            assertThat(b.path("reference").asString()).isEqualTo("suppression-list:" + world.today());
        });
        HttpResponse<String> page = adv.http().get("/backoffice/personnes/" + again + "/prospection");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Liste d&#39;opposition", "la personne a été créée opposée");
    }

    @Test
    @DisplayName("L9 the suppression list keeps an objection 3 years from the day it was made, then the nightly purge removes it")
    void suppressionKeptThreeYears() {
        String email = email();
        UUID subject = person(SubjectStatus.PROSPECT, email, phone());
        granted(adv, subject);
        adv.http().json("POST", base(subject) + "/objections?purpose=" + CS, """
                {"channels":["email"],"marketingPurpose":"newsletters","means":"email","confirm":false}""");
        LocalDate objected = world.today();
        assertThat(jdbc.sql("SELECT expires_on FROM marketing_suppression WHERE objected_on = ? AND channel = 'EMAIL' AND purpose = 'newsletters'")
                .param(objected).query(LocalDate.class).list()).contains(objected.plusYears(3));
        solicitations.purgeSuppressions(objected.plusYears(3));
        assertThat(solicitations.suppressed(MarketingChannel.EMAIL, "newsletters", email)).as("kept on its last day").isTrue();
        solicitations.purgeSuppressions(objected.plusYears(3).plusDays(1));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_suppression WHERE objected_on = ?").param(objected).query(Long.class).single())
                .as("gone the day after").isZero();
        assertThat(solicitations.suppressed(MarketingChannel.EMAIL, "newsletters", email)).isFalse();
    }

    @Test
    @DisplayName("R9.9 L5 the back office records an objection received at the desk for every channel from the person's page, and shows the history by name")
    void pageRecordsAnObjection() {
        String email = email();
        UUID subject = person(SubjectStatus.PROSPECT, email, phone());
        granted(adv, subject);
        String path = "/backoffice/personnes/" + subject + "/prospection";
        HttpResponse<String> posted = adv.http().postForm(path + "/opposition", Map.of("_csrf", adv.http().csrfFrom(path), "purpose", CS,
                "channel", "all", "marketingPurpose", "all", "means", "desk"));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(historyRows(subject)).isEqualTo(MarketingChannel.values().length * (long) choices.purposes().size());
        HttpResponse<String> page = adv.http().get(path);
        assertThat(page.body()).contains("Au guichet", "Opposition", "Test adv").doesNotContain("staff:");
        HttpResponse<String> bad = adv.http().postForm(path + "/opposition", Map.of("_csrf", adv.http().csrfFrom(path), "purpose", CS,
                "channel", "push", "means", "desk"));
        assertThat(bad.statusCode()).isEqualTo(302);
        assertThat(historyRows(subject)).as("push refused, nothing more").isEqualTo(MarketingChannel.values().length * (long) choices.purposes().size());
        HttpResponse<String> english = adv.http().get(path + "?lang=en");
        assertThat(english.body()).contains("At the desk", "Objection");
        assertThat(MailServer.latest(email, "opposition")).contains("Courrier postal");
    }

    @Test
    @DisplayName("R9.1 R9.3 L5 the privacy centre's objection to direct marketing stops every channel; the access report and the portability export list the person's choices")
    void rightsIncludeChoices() throws Exception {
        String email = email();
        UUID subject = person(SubjectStatus.PROSPECT, email, phone());
        choices.consent(Actor.staff(adv.id()), CS, subjectGranted(subject), new MarketingChoices.NewConsent(MarketingChannel.EMAIL, "newsletters",
                Means.FORM, "newsletter-form-v3", "https://www.example.org/inscription"));

        PrivacyCentre centre = PrivacyCentre.at(port);
        UUID access = PrivacyCentre.requestId(centre.ask("access", "Camille Prospectée", email, ""));
        centre.enter(access, MailServer.find(MailServer.latest(email, "code"), "(\\d{6})"));
        String link = MailServer.find(MailServer.latest(email, "Réponse"), "(http://\\S+/telechargement/[A-Za-z0-9_-]{43})");
        String report = centre.download(link).body();
        assertThat(report).contains("Vos choix en matière de prospection", "Consentement", "newsletter-form-v3", "Formulaire");

        UUID portability = PrivacyCentre.requestId(centre.ask("portability", "Camille Prospectée", email, ""));
        centre.enter(portability, MailServer.find(MailServer.latest(email, "code"), "(\\d{6})"));
        String zipLink = MailServer.find(MailServer.latest(email, "Réponse"), "(http://\\S+/telechargement/[A-Za-z0-9_-]{43})");
        Map<String, String> entries = new TreeMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(centre.downloadBytes(zipLink).body()), StandardCharsets.UTF_8)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries.get("marketing-choices.csv")).contains("email,newsletters,consent,form,newsletter-form-v3");
        assertThat(entries.get("data.json")).contains("marketing-choices");

        centre.askAndVerify("objection", "Camille Prospectée", email, "", Map.of("purpose", "direct-marketing"));
        for (MarketingChannel channel : MarketingChannel.values()) {
            for (String purpose : choices.purposes()) {
                assertThat(solicitations.maySolicit(subject, channel, purpose, world.today()).allowed()).as(channel + " " + purpose).isFalse();
            }
        }
        Choices after = choices.choices(Actor.subject(subject), "rights-requests", subject);
        assertThat(after.current()).allSatisfy(b -> {
            assertThat(b.kind()).isEqualTo(BasisKind.OBJECTION);
            assertThat(b.means()).isEqualTo(Means.PRIVACY_CENTRE);
            assertThat(b.recordedBy()).isEqualTo("subject:" + subject);
        });
        assertThat(solicitations.suppressed(MarketingChannel.EMAIL, "newsletters", email)).isTrue();
    }

    UUID subjectGranted(UUID subject) {
        granted(adv, subject);
        return subject;
    }
}
