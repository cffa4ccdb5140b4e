package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.Objections;
import org.charte.access.StaffDirectory;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.MailServer;
import org.charte.testing.PrivacyCentre;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the answers say (L5, L10, R9.7), read in the mails GreenMail received: the reasons of an
 * upheld objection, recipients told said in words, a late answer owning its delay, and the
 * request's page not saying Charte does not do what its form does.
 */
class RightsAnswerWordingTests extends RightsTestBase {

    static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired Objections objections;
    @Autowired RequestIntake intake;
    @Autowired IdentityVerification verification;
    @Autowired RequestDeadlines deadlines;
    @Autowired RequestStore store;

    Relationship world;
    Staff dpo;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        dpo = world.dpo();
        commitments.sign(dpo.id());
    }

    static String email() {
        return "wording-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    UUID person(String email, String lastName) {
        return subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", lastName, "Camille", LocalDate.of(1980, 5, 17)),
                new Contacts(List.of(new PostalAddress(List.of("8 rue Pasteur"), "21000", "Dijon", "FR")), List.of(email), List.of("+33612345678")),
                null), world.today().minusMonths(2));
    }

    RightsRequest recorded(LocalDate receivedOn, String email, Locale language) {
        return intake.record(Actor.staff(dpo.id()), new RightsRequests.NewRequest(RequestType.ACCESS, RequestChannel.EMAIL, receivedOn,
                new RightsRequests.Claimant("Camille Tardive", email, null, "Mes données."), language));
    }

    @Test
    @DisplayName("L5 R9.2 R9.8 an upheld objection's answer carries the DPO's reasons, as a rejection's does")
    void upheldObjectionCarriesReasons() {
        String email = email();
        UUID subject = person(email, "ACCUEILLIE");
        String purpose = objections.purposesNeedingMotive().stream().sorted().findFirst().orElseThrow();
        UUID requestId = PrivacyCentre.at(port).askAndVerify("objection", "Camille Accueillie", email, "Ces enquêtes me harcèlent.",
                Map.of("purpose", purpose));
        String page = dpo.http().get("/backoffice/droits/oppositions").body();
        assertThat(Jsoup.parse(page).text()).contains("Motifs (transmis à la personne ; obligatoires pour rejeter)");
        UUID objectionId = objections.forSubject(subject).getFirst().id();
        HttpResponse<String> decided = dpo.http().postForm("/backoffice/droits/oppositions/" + objectionId + "/decision",
                Map.of("_csrf", Http.csrf(page), "outcome", "upheld", "reasons", "Votre situation particulière l'emporte sur notre intérêt."));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(302);
        assertThat(store.load(requestId).orElseThrow().status()).isEqualTo(RequestStatus.ANSWERED);
        assertThat(MailServer.latest(email, "Réponse")).contains("Votre opposition est accueillie",
                "Motifs de notre délégué à la protection des données : Votre situation particulière l'emporte sur notre intérêt.", "CNIL");
    }

    @Test
    @DisplayName("L10 R9.1 L5 a rectification whose data went to no recipient says so in words, never 'informés (0)'; the request's page does not say Charte does not carry out the right it carries out")
    void noRecipientInWords() {
        String email = email();
        person(email, "SEULE");
        UUID requestId = PrivacyCentre.at(port).askAndVerify("rectification", "Camille Seule", email, "Nouveau téléphone.",
                Map.of("phone", "+33698765432"));
        String page = dpo.http().get("/backoffice/droits/" + requestId).body();
        assertThat(Jsoup.parse(page).text()).doesNotContain("n'exécute pas", "pas encore")
                .contains("Pour répondre autrement qu'en exécutant la demande ci-dessus");
        HttpResponse<String> applied = dpo.http().postForm("/backoffice/droits/" + requestId + "/rectification",
                Map.of("_csrf", Http.csrf(page), "phone", "+33698765432"));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(302);
        assertThat(MailServer.latest(email, "Réponse")).contains("téléphone",
                "Vos données n'avaient été communiquées à aucun destinataire : personne d'autre n'avait à en être informé.", "CNIL")
                .doesNotContain("(0)", "informés (");
    }

    @Test
    @DisplayName("R9.7 L10 R9.8 an answer sent after the due day says how late it is and that the deadline had not been extended; one on time says nothing of it")
    void lateAnswerWithoutExtension() {
        String late = email();
        RightsRequest request = recorded(world.today().minusDays(40), late, Locale.FRENCH);
        long days = request.clock().daysLate(world.today());
        assertThat(days).isGreaterThan(1);
        verification.verifiedByStaff(Actor.staff(dpo.id()), request.id(), null, "courrier signé");
        assertThat(MailServer.latest(late, "Réponse")).contains("Nous vous répondons avec " + days + " jours de retard",
                "la réponse vous était due au plus tard le " + FRENCH.format(request.clock().dueOn()), "nous n'avions pas prolongé ce délai",
                "Nous ne détenons aucune donnée", "CNIL");

        String onTime = email();
        RightsRequest timely = recorded(world.today().minusDays(2), onTime, Locale.FRENCH);
        verification.verifiedByStaff(Actor.staff(dpo.id()), timely.id(), null, "courrier signé");
        assertThat(MailServer.latest(onTime, "Réponse")).contains("Nous ne détenons aucune donnée").doesNotContain("retard");
    }

    @Test
    @DisplayName("R9.7 L10 a late answer after an extension says the extended deadline ran out, naming the notice that gave its reasons; in English too, one day late in the singular")
    void lateAnswerAfterExtension() {
        Actor me = Actor.staff(dpo.id());
        String email = email();
        RightsRequest request = recorded(world.today().minusDays(10), email, Locale.ENGLISH);
        RightsRequest extended = deadlines.extend(me, request.id(), "We must search our paper archives.");
        LocalDate due = extended.clock().dueOn();
        clock.advance(Duration.ofDays(ChronoUnit.DAYS.between(world.today(), due) + 1));
        verification.verifiedByStaff(me, request.id(), null, "signed letter");
        clock.reset();
        assertThat(MailServer.latest(email, "Answer")).contains("We are answering you one day late",
                "the deadline, extended by two months in our letter of " + ENGLISH.format(extended.clock().extendedOn()),
                "ran out on " + ENGLISH.format(due), "We apologise for the delay", "CNIL")
                .doesNotContain("1 days");
    }
}
