package org.charte.marketing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ProcessingRestrictions;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.common.Days;
import org.charte.common.Zones;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call agents' page (L2) over real HTTP on the real database, in French and in English: whether
 * the person may be called now and why not in words, with the next allowed time in Paris and in the
 * person's zone; the attempts and the last refusal; an attempt recorded from the page, a forbidden
 * one refused with its reason and nothing recorded; the consent to other call times recorded from
 * it. And customer service's objection recorded for a restricted person (L5, R9.9).
 */
class CallPagesTests extends RightsTestBase {

    static final String CS = "customer-service";
    static final String PURPOSE = "loyalty-prospecting";

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired MarketingChoices choices;
    @Autowired PhoneCalls phoneCalls;
    @Autowired ProcessingRestrictions restrictions;
    @Autowired JdbcClient jdbc;

    @Autowired Solicitations solicitations;

    Relationship world;
    Staff adv;
    /** The phone of the last person made. */
    String phone;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        commitments.sign(world.dpo().id());
        adv = world.staff("adv");
    }

    /** A person named Dominique APPELÉ, customer service granted on their identity and contact data. */
    UUID person(String phonePrefix, String postalCode) {
        phone = phonePrefix + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        String email = "appel-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        UUID subject = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("M.", "APPELÉ", "Dominique", LocalDate.of(1975, 3, 2)),
                new Contacts(List.of(new PostalAddress(List.of("3 rue des Lilas"), postalCode, postalCode.equals("97400") ? "Saint-Denis" : "Dijon", "FR")), List.of(email), List.of(phone)), null),
                world.today());
        grants.grantIndividual(adv.id(), CS, Set.of(Subjects.IDENTITY, Subjects.CONTACT), List.of(ResourceRef.subject(subject)),
                clock.instant().plus(Duration.ofDays(1)), "test of the calls page", world.dpo().id());
        return subject;
    }

    void consent(UUID subject) {
        choices.consent(Actor.staff(adv.id()), CS, subject, new MarketingChoices.NewConsent(MarketingChannel.PHONE, PURPOSE, Means.PHONE,
                "phone-script-v2", null));
    }

    String path(UUID subject) {
        return "/backoffice/personnes/" + subject + "/appels";
    }

    String page(UUID subject, String query) {
        HttpResponse<String> page = adv.http().get(path(subject) + "?purpose=" + CS + "&marketingPurpose=" + PURPOSE + query);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page.body().replace("&#39;", "'");
    }

    /** Posts a form of the page and answers the page it redirects to. */
    String post(UUID subject, String action, Map<String, String> fields) {
        Map<String, String> all = new HashMap<>(fields);
        all.put("_csrf", adv.http().csrfFrom(path(subject) + "?purpose=" + CS));
        all.put("purpose", CS);
        HttpResponse<String> posted = adv.http().postForm(path(subject) + "/" + action, all);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        return page(subject, "");
    }

    long calls(UUID subject) {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_call WHERE subject_id = ?").param(subject).query(Long.class).single();
    }

    /** A weekday before today, not a holiday, at 11:30 in Paris: within the windows in Paris and in Réunion. */
    Instant recentWeekday() {
        LocalDate day = LocalDate.now(clock.withZone(Zones.PARIS)).minusDays(1);
        while (day.getDayOfWeek().getValue() > 5 || FrenchPublicHolidays.isHoliday(day)) {
            day = day.minusDays(1);
        }
        return day.atTime(11, 30).atZone(Zones.PARIS).toInstant();
    }

    @Test
    @DisplayName("L2 the calls page says in words why a Réunion consumer may not be called now (refused recently), the next allowed time in Paris "
            + "and in Réunion, the attempts of the last 30 days and the last refusal, the person by name and the agent by name; in French and English")
    void saysWhyNot() {
        UUID subject = person("+262692", "97400");
        consent(subject);
        Instant refusedAt = recentWeekday();
        phoneCalls.record(Actor.staff(adv.id()), CS, subject, PURPOSE, CallOutcome.REFUSED, refusedAt);
        CallStatus status = phoneCalls.status(Actor.staff(adv.id()), CS, subject, PURPOSE);
        assertThat(status.reason()).isEqualTo("refused-recently");

        String french = page(subject, "");
        assertThat(french).contains("Personne : Dominique APPELÉ", "ne peut pas être appelée maintenant",
                "la personne a refusé pendant un appel il y a moins de 60 jours",
                "Prochain appel possible : " + Days.when(status.next().atZone(Zones.PARIS), Locale.FRENCH) + " (heure de Paris)",
                Days.when(status.next().atZone(ZoneId.of("Indian/Reunion")), Locale.FRENCH) + " chez la personne (Indian/Reunion)",
                "Dernier refus pendant un appel : " + Days.when(refusedAt.atZone(Zones.PARIS), Locale.FRENCH), "Refus pendant l'appel", "Test adv")
                .doesNotContain("staff:", "class=\"hash\"");
        String english = page(subject, "&lang=en");
        assertThat(english).contains("The person may not be called now", "the person refused during a call less than 60 days ago",
                "Next call allowed:", "Refused during the call", "Person: Dominique APPELÉ");
    }

    @Test
    @DisplayName("L2 an attempt recorded from the page is listed; a forbidden one (a consumer without consent) shows its reason in words and records nothing")
    void recordsFromThePage() {
        UUID professional = person("+33612", "21000");
        choices.recordCapacity(Actor.staff(adv.id()), CS, professional, Capacity.PROFESSIONAL);
        String recorded = post(professional, "tentative", Map.of("marketingPurpose", PURPOSE, "outcome", "voicemail"));
        assertThat(recorded).contains("Tentative enregistrée.", "Messagerie", "peut être appelée maintenant", "qualité de professionnel");
        assertThat(calls(professional)).isEqualTo(1);

        UUID consumer = person("+33612", "21000");
        String refused = post(consumer, "tentative", Map.of("marketingPurpose", PURPOSE, "outcome", "answered"));
        assertThat(refused).contains("Cet appel n'est pas autorisé, rien n'a été enregistré : un consommateur n'est appelé qu'avec son consentement");
        assertThat(calls(consumer)).isZero();

        String bad = post(consumer, "tentative", Map.of("marketingPurpose", PURPOSE, "outcome", "x".repeat(100_000)));
        assertThat(bad).contains("Issue de l'appel inconnue").doesNotContain("xxxxx");
        assertThat(calls(consumer)).isZero();
    }

    @Test
    @DisplayName("L2 the consent to be called at other times is recorded from the page, shown with how and by whom, and withdrawn (L5)")
    void callHoursFromThePage() {
        UUID subject = person("+33612", "21000");
        consent(subject);
        assertThat(page(subject, "")).contains("n'a pas consenti à être appelée en dehors des jours et heures");
        String given = post(subject, "horaires", Map.of("consented", "yes", "means", "phone", "wording", "Accepte les appels le samedi"));
        assertThat(given).contains("Choix enregistré.", "a consenti expressément à être appelée à d'autres moments", "Téléphone", "Test adv");
        assertThat(phoneCalls.status(Actor.staff(adv.id()), CS, subject, PURPOSE).otherTimesConsented()).isTrue();

        String bad = post(subject, "horaires", Map.of("consented", "yes", "means", "phone", "wording", "y".repeat(600)));
        assertThat(bad).contains("Texte présenté : obligatoire pour un consentement").doesNotContain("yyyyy");
        String withdrawn = post(subject, "horaires", Map.of("consented", "no", "means", "letter"));
        assertThat(withdrawn).contains("n'a pas consenti à être appelée en dehors", "Retrait du consentement à être appelé", "Courrier");
    }

    @Test
    @DisplayName("L5 R9.9 customer service records an objection for a person whose processing is restricted (Art. 18), over the API and "
            + "from the person's marketing page (which then shows only the objection form): applied at once, the person's numbers suppressed; "
            + "a consent is still refused while restricted")
    void objectionUnderRestriction() {
        UUID subject = person("+33612", "21000");
        restrictions.restrict(subject, ProcessingRestrictions.Reason.ACCURACY_CONTESTED, "RR-CALLS", "staff:" + world.dpo().id());
        String api = "/api/v1/marketing/subjects/" + subject;
        HttpResponse<String> objected = adv.http().json("POST", api + "/objections?purpose=" + CS, """
                {"channels":["phone"],"marketingPurpose":"loyalty-prospecting","means":"phone","confirm":false}""");
        assertThat(objected.statusCode()).as(objected.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_basis WHERE subject_id = ? AND kind = 'OBJECTION'").param(subject)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(solicitations.suppressed(MarketingChannel.PHONE, PURPOSE, phone)).as("the number suppressed (L9)").isTrue();
        assertThat(solicitations.maySolicit(subject, MarketingChannel.PHONE, PURPOSE, world.today()).reason())
                .isEqualTo(SolicitationBasis.Reason.OBJECTED);
        HttpResponse<String> consent = adv.http().json("POST", api + "/consents?purpose=" + CS, """
                {"channel":"email","marketingPurpose":"newsletters","means":"form","wording":"newsletter-form-v3"}""");
        assertThat(consent.statusCode()).as("processing stays restricted").isEqualTo(403);

        String page = "/backoffice/personnes/" + subject + "/prospection";
        HttpResponse<String> limited = adv.http().get(page + "?purpose=" + CS);
        assertThat(limited.statusCode()).as("the choices unread, the objection form shown").isEqualTo(200);
        assertThat(limited.body().replace("&#39;", "'")).contains("une opposition peut toujours être enregistrée", "Enregistrer l'opposition")
                .doesNotContain("Base actuelle par canal");
        HttpResponse<String> posted = adv.http().postForm(page + "/opposition", Map.of("_csrf", adv.http().csrfFrom(page + "?purpose=" + CS),
                "purpose", CS, "channel", "sms", "marketingPurpose", "all", "means", "desk"));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_basis WHERE subject_id = ? AND kind = 'OBJECTION' AND channel = 'SMS'").param(subject)
                .query(Long.class).single()).as("one per marketing purpose, from the page").isEqualTo(choices.purposes().size());
    }
}
