package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.commerce.DeliveryAddress;
import org.charte.common.InvalidInputException;
import org.charte.commerce.Invoices;
import org.charte.commerce.Orders;
import org.charte.commerce.Subscriptions;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.MailServer;
import org.charte.testing.PrivacyCentre;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.charte.support.Channel;
import org.charte.support.Tickets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

class RightsRequestsTests extends RightsTestBase {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired Subscriptions subscriptions;
    @Autowired Orders orders;
    @Autowired Invoices invoices;
    @Autowired Tickets tickets;
    @Autowired RequestIntake intake;
    @Autowired IdentityVerification verification;
    @Autowired IdentityDocuments documents;
    @Autowired RequestDeadlines deadlines;
    @Autowired RequestAnswers answers;
    @Autowired DpoAnswers dpoAnswers;
    @Autowired RequestStore store;
    @Autowired JdbcClient jdbc;

    Relationship world;
    Staff dpo;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        dpo = world.dpo();
    }

    static String email() {
        return "person-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** A client with an e-mail, a subscription, an order, an invoice and a support ticket. */
    UUID client(String email, String lastName) {
        UUID id = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", lastName, "Camille", LocalDate.of(1980, 5, 17)),
                new Contacts(List.of(), List.of(email), List.of("+33612345678")), "Préfère être contactée le matin"), world.today());
        Staff member = world.staff("adv");
        world.mayRecordOn(member, id);
        Actor adv = Actor.staff(member.id());
        subscriptions.subscribe(adv, id, new Subscriptions.NewSubscription("GESTAN-CLOUD-PRO", null, null));
        var order = orders.place(adv, id, new Orders.NewOrder(null, "EUR", List.of(new Orders.NewLine("FORMATION-1J", 2, new BigDecimal("450.00")))));
        orders.deliver(adv, order.id(), new Orders.NewDelivery(new DeliveryAddress(lastName, "12 rue des Lilas", null, "75011",
                "Paris", "FR"), "colissimo", null));
        invoices.issue(adv, id, new Invoices.NewInvoice(null, world.today().plusDays(30), new BigDecimal("900.00"), "EUR", order.id(), null));
        tickets.open(adv, id, new Tickets.NewTicket(Channel.EMAIL, "Sauvegarde", "Ma sauvegarde de mardi n'apparaît pas."));
        return id;
    }

    @Test
    @DisplayName("R2.1 R9.8 the privacy centre, in French and English, names the controller and the DPO and tells of the right to complain to the CNIL")
    void privacyCentre() {
        Http anyone = new Http(port);
        HttpResponse<String> fr = anyone.get("/mes-droits");
        assertThat(fr.statusCode()).isEqualTo(200);
        assertThat(fr.body()).contains("ICS-Informatique SARL", "447 657 040 00013", "M. Etienne Neuville", "contact@ics-informatique.com",
                "CNIL", "3 place de Fontenoy", "https://www.cnil.fr/fr/plaintes", "/mes-droits/demande?type=post-mortem",
                "/mes-droits/demande?type=restriction");
        HttpResponse<String> en = anyone.get("/en/my-rights");
        assertThat(en.statusCode()).isEqualTo(200);
        assertThat(en.body()).contains("Exercise your rights", "ICS-Informatique SARL", "CNIL", "3 place de Fontenoy", "/en/my-rights/request?type=portability");
        for (RequestType type : RequestType.values()) {
            HttpResponse<String> form = anyone.get("/mes-droits/demande?type=" + type.code());
            assertThat(form.statusCode()).as(type.code()).isEqualTo(200);
            assertThat(form.body()).contains("name=\"_csrf\"", "CNIL", "M. Etienne Neuville");
        }
    }

    @Test
    @DisplayName("R9.1 R9.6 R8.5 R9.8 an online access request: code by e-mail, verified, answered at once with single-use links to the report (HTML, PDF)")
    void accessRequestOnline() {
        String email = email();
        UUID subjectId = client(email, "DUPONT-ACCES");
        PrivacyCentre person = PrivacyCentre.at(port);
        HttpResponse<String> asked = person.ask("access", "Camille Dupont", email, "");
        assertThat(asked.statusCode()).isEqualTo(302);
        UUID requestId = PrivacyCentre.requestId(asked);
        String codeMail = MailServer.latest(email, "code");
        assertThat(codeMail).contains("10 minutes", "CNIL", "ICS-Informatique SARL", "M. Etienne Neuville");
        String code = MailServer.find(codeMail, "(\\d{6})");

        HttpResponse<String> verified = person.enter(requestId, code);
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).contains("Votre identité est vérifiée", "CNIL");
        RightsRequest request = store.load(requestId).orElseThrow();
        assertThat(request.status()).isEqualTo(RequestStatus.ANSWERED);
        assertThat(request.outcome()).isEqualTo("answered");
        assertThat(request.subjectId()).isEqualTo(subjectId);

        String answer = MailServer.latest(email, "Réponse");
        assertThat(answer).contains("CNIL", "3 place de Fontenoy", "gratuite", "7 jours");
        List<String> links = Pattern.compile("http://\\S+/telechargement/[A-Za-z0-9_-]{43}").matcher(answer).results()
                .map(MatchResult::group).toList();
        assertThat(links).hasSize(2);

        HttpResponse<String> html = person.download(links.get(0));
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", "-access.html");
        assertThat(html.body()).contains("DUPONT-ACCES", "Camille", email, "+33612345678", "Préfère être contactée le matin",
                "GESTAN-CLOUD-PRO", "FORMATION-1J", "900,00 EUR", "12 rue des Lilas", "colissimo", "Ma sauvegarde de mardi", "ICS-Informatique SARL",
                // Art. 15: purposes and legal bases, recipients, retention, sources, rights, the CNIL
                "Facturation ; perception des paiements", "exécution du contrat", "Collaborateurs des services ADV", "3 ans", "25 mois",
                "Fournies par vous", "demander la limitation de leur traitement", "3 place de Fontenoy",
                // who accessed their data and why: ADV recorded the relationship, the person read it for this request
                "Administration des ventes (ADV)", "Vous-même", "Lecture de votre dossier pour votre demande", "exercice de vos droits sur vos données personnelles");
        HttpResponse<String> pdf = person.download(links.get(1));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(pdf.body()).startsWith("%PDF");

        HttpResponse<String> again = person.download(links.get(0));
        assertThat(again.statusCode()).as("a used link is refused").isEqualTo(410);
        assertThat(again.body()).contains("ne fonctionne plus").doesNotContain("DUPONT-ACCES", email);
        assertThat(store.history(requestId)).extracting(RightsRequests.Step::kind)
                .contains("received", "code-sent", "identity-verified", "answered", "downloaded", "link-refused");
    }

    @Test
    @DisplayName("R9.6 an unknown person gets the same page and a code, and after verification only the answer that no data is held")
    void unknownPerson() {
        String known = email();
        client(known, "CONNUE");
        String unknown = email();
        PrivacyCentre a = PrivacyCentre.at(port);
        PrivacyCentre b = PrivacyCentre.at(port);
        HttpResponse<String> askedKnown = a.ask("access", "Camille Connue", known, "");
        HttpResponse<String> askedUnknown = b.ask("access", "Personne Inconnue", unknown, "");
        assertThat(askedUnknown.statusCode()).isEqualTo(askedKnown.statusCode()).isEqualTo(302);
        UUID knownId = PrivacyCentre.requestId(askedKnown);
        UUID unknownId = PrivacyCentre.requestId(askedUnknown);
        String pageKnown = a.http().get("/mes-droits/verification/" + knownId + "?sent").body();
        String pageUnknown = b.http().get("/mes-droits/verification/" + unknownId + "?sent").body();
        assertThat(normalised(pageUnknown, unknownId)).isEqualTo(normalised(pageKnown, knownId));
        assertThat(MailServer.latest(known, "code")).contains("code");
        String code = MailServer.find(MailServer.latest(unknown, "code"), "(\\d{6})");
        assertThat(store.load(unknownId).orElseThrow().subjectId()).isNull();

        HttpResponse<String> verified = b.enter(unknownId, code);
        assertThat(verified.statusCode()).isEqualTo(200);
        RightsRequest request = store.load(unknownId).orElseThrow();
        assertThat(request.outcome()).isEqualTo("no-data");
        assertThat(request.subjectId()).isNull();
        assertThat(MailServer.latest(unknown, "Réponse")).contains("aucune donnée personnelle", "CNIL");
    }

    private static String normalised(String page, UUID id) {
        return page.replace(id.toString(), "ID").replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "CSRF");
    }

    @Test
    @DisplayName("R9.6 a wrong code, an expired code and a fourth attempt are refused; a new code then works")
    void badCodes() {
        String email = email();
        PrivacyCentre person = PrivacyCentre.at(port);
        UUID id = PrivacyCentre.requestId(person.ask("portability", "Camille Test", email, ""));
        String code = MailServer.find(MailServer.latest(email, "code"), "(\\d{6})");
        String wrong = code.equals("000000") ? "000001" : "000000";

        assertThat(person.enter(id, wrong).body()).contains("pas le bon");
        clock.advance(Duration.ofMinutes(11));
        assertThat(person.enter(id, code).body()).as("expired").contains("a expiré");
        clock.reset();
        assertThat(person.enter(id, wrong).body()).contains("Trois essais ont échoué");
        assertThat(person.enter(id, code).body()).as("a fourth attempt, even with the right code").contains("Trois essais ont échoué");
        assertThat(store.load(id).orElseThrow().status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);

        assertThat(person.newCode(id).statusCode()).isEqualTo(302);
        String fresh = MailServer.find(MailServer.latest(email, "code"), "(\\d{6})");
        assertThat(person.enter(id, fresh).body()).contains("Votre identité est vérifiée");
        assertThat(person.enter(id, fresh).body()).as("a code is used once").contains("Aucun code n&#39;est attendu");
    }

    @Test
    @DisplayName("R9.3 portability: the data the person provided, as JSON and CSV in one zip, through a single-use link")
    void portability() throws Exception {
        String email = email();
        client(email, "DUPONT-PORTABLE");
        PrivacyCentre person = PrivacyCentre.at(port);
        UUID id = PrivacyCentre.requestId(person.ask("portability", "Camille Dupont", email, ""));
        person.enter(id, MailServer.find(MailServer.latest(email, "code"), "(\\d{6})"));
        String link = MailServer.find(MailServer.latest(email, "Réponse"), "(http://\\S+/telechargement/[A-Za-z0-9_-]{43})");
        HttpResponse<byte[]> zip = person.downloadBytes(link);
        assertThat(zip.statusCode()).isEqualTo(200);
        Map<String, String> entries = new TreeMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip.body()), StandardCharsets.UTF_8)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsKeys("data.json", "identity.csv", "emails.csv", "subscriptions.csv", "order-lines.csv", "support-messages.csv", "README.txt");
        var json = new ObjectMapper().readTree(entries.get("data.json"));
        assertThat(json.path("data").path("identity").get(0).path("lastName").asString()).isEqualTo("DUPONT-PORTABLE");
        assertThat(json.path("data").path("emails").get(0).path("email").asString()).isEqualTo(email);
        assertThat(entries.get("identity.csv")).startsWith("civility,lastName,firstNames,birthDate\r\n").contains("DUPONT-PORTABLE");
        assertThat(entries.get("order-lines.csv")).contains("FORMATION-1J");
        assertThat(entries.get("support-messages.csv")).contains("Ma sauvegarde de mardi");
        assertThat(entries.get("README.txt")).contains("CNIL", "ICS-Informatique SARL");
        assertThat(entries.keySet()).noneMatch(n -> n.contains("invoice"));
    }

    @Test
    @DisplayName("R8.5 an answer's link expires: after 7 days it is refused and discloses nothing")
    void expiredLink() {
        String email = email();
        client(email, "DUPONT-EXPIRE");
        PrivacyCentre person = PrivacyCentre.at(port);
        UUID id = PrivacyCentre.requestId(person.ask("access", "Camille Dupont", email, ""));
        person.enter(id, MailServer.find(MailServer.latest(email, "code"), "(\\d{6})"));
        String link = MailServer.find(MailServer.latest(email, "Réponse"), "(http://\\S+/telechargement/[A-Za-z0-9_-]{43})");
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        String path = link.substring(link.indexOf("/", "http://".length()));
        HttpResponse<String> page = person.http().get(path);
        assertThat(page.statusCode()).isEqualTo(410);
        assertThat(page.body()).contains("ne fonctionne plus").doesNotContain("DUPONT-EXPIRE", email);
        HttpResponse<String> refused = person.download(link);
        assertThat(refused.statusCode()).isEqualTo(410);
        assertThat(person.http().get("/telechargement/not-a-token").statusCode()).isEqualTo(410);
    }

    @Test
    @DisplayName("R9.5 staff record requests received by post or e-mail with the day received; bad input is refused field by field")
    void recordedByStaff() {
        Staff adv = world.staff("adv");
        String body = Json.write(Map.of("type", "erasure", "channel", "post", "receivedOn", world.today().minusDays(3).toString(),
                "name", "Jean Courrier", "postalAddress", "1 rue de la Poste, 75001 Paris", "details", "Effacez tout."));
        HttpResponse<String> created = adv.http().json("POST", "/api/v1/rights-requests", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var json = Json.of(created);
        assertThat(json.path("channel").asString()).isEqualTo("post");
        assertThat(json.path("receivedOn").asString()).isEqualTo(world.today().minusDays(3).toString());
        assertThat(json.path("dueOn").asString()).isEqualTo(world.today().minusDays(3).plusMonths(1).toString());
        assertThat(json.path("status").asString()).isEqualTo("awaiting-verification");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rights_request WHERE CAST(claimant AS VARCHAR(4000)) LIKE '%Courrier%'").query(Long.class).single())
                .as("nothing personal in clear").isZero();

        HttpResponse<String> bad = adv.http().json("POST", "/api/v1/rights-requests", Json.write(Map.of("type", "access", "channel", "web",
                "receivedOn", world.today().plusDays(1).toString(), "name", "", "email", "not-an-address")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.of(bad).path("errors").findValuesAsString("field")).contains("channel", "receivedOn", "name", "email");
        assertThat(adv.http().json("POST", "/api/v1/rights-requests", Json.write(Map.of("type", "nothing", "channel", "post"))).statusCode())
                .isEqualTo(400);

        HttpResponse<String> list = dpo.http().get("/api/v1/rights-requests");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(json.path("id").asString());
        assertThat(adv.http().get("/api/v1/rights-requests").statusCode()).as("the list is the DPO's").isEqualTo(403);
        HttpResponse<String> page = dpo.http().get("/backoffice/droits/" + json.path("id").asString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Jean Courrier", "Courrier");
    }

    RightsRequest recorded(int daysAgo, String email) {
        return intake.record(Actor.staff(dpo.id()), new RightsRequests.NewRequest(RequestType.RECTIFICATION, RequestChannel.EMAIL,
                world.today().minusDays(daysAgo), new RightsRequests.Claimant("Camille Délai", email, null, "Mon adresse a changé."), Locale.FRENCH));
    }

    @Test
    @DisplayName("R9.7 L1 L10 an extension needs a reasoned notice within the first month; later it is refused, in French on the French page; the DPO's list flags near-due and overdue")
    void deadlines() {
        Actor me = Actor.staff(dpo.id());
        String email = email();
        RightsRequest late = recorded(40, email);
        assertThatThrownBy(() -> deadlines.extend(me, late.id(), "Demande complexe")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("within the first month");
        assertThatThrownBy(() -> deadlines.extend(me, late.id(), " ")).isInstanceOf(InvalidInputException.class);

        RightsRequest recent = recorded(10, email);
        RightsRequest extended = deadlines.extend(me, recent.id(), "Nous devons consulter nos archives papier.");
        assertThat(extended.clock().dueOn()).isEqualTo(world.today().minusDays(10).plusMonths(3));
        assertThat(MailServer.latest(email, "Prolongation")).contains("consulter nos archives papier", "CNIL");
        assertThatThrownBy(() -> deadlines.extend(me, recent.id(), "encore")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already been extended");

        RightsRequest near = recorded(25, email);
        String page = dpo.http().get("/backoffice/droits").body();
        assertThat(page).contains(late.reference(), near.reference(), "En retard", "Échéance proche");
        assertThat(late.state(world.today())).isEqualTo(RequestClock.State.OVERDUE);
        assertThat(near.state(world.today())).isEqualTo(RequestClock.State.NEAR_DUE);
        HttpResponse<String> refusedExtension = dpo.http().postForm("/backoffice/droits/" + late.id() + "/prolongation",
                Map.of("_csrf", dpo.http().csrfFrom("/backoffice/droits/" + late.id()), "reasons", "trop tard"));
        assertThat(refusedExtension.statusCode()).isEqualTo(200);
        assertThat(refusedExtension.body()).contains("dans le premier mois").doesNotContain("within the first month");
    }

    @Test
    @DisplayName("L1 asking for more information stops the clock until it arrives; the ID document is deleted once checked")
    void informationAndDocument() {
        Actor me = Actor.staff(dpo.id());
        String email = email();
        RightsRequest request = recorded(5, email);
        LocalDate due = request.clock().dueOn();
        deadlines.askForInformation(me, request.id(), "Une copie de votre pièce d'identité.");
        assertThat(MailServer.latest(email, "Informations")).contains("copie de votre pièce d'identité", "suspendu", "CNIL");
        UUID document = documents.receive(me, request.id(), "scan".getBytes(), "image/png");
        clock.advance(Duration.ofDays(6));
        RightsRequest resumed = deadlines.informationReceived(me, request.id(), null);
        assertThat(resumed.clock().dueOn()).isEqualTo(due.plusDays(6));
        assertThat(resumed.status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);

        documents.checked(me, request.id(), document);
        assertThat(jdbc.sql("SELECT content FROM rights_identity_document WHERE id = ?").param(document).query(byte[].class).optional())
                .isEmpty();
        assertThat(documents.of(request.id())).singleElement().satisfies(d -> assertThat(d.deletedAt()).isNotNull());
        assertThat(store.history(request.id())).extracting(RightsRequests.Step::kind)
                .contains("information-asked", "information-received", "identity-document-checked-and-deleted");
        assertThatThrownBy(() -> documents.checked(me, request.id(), document)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    @DisplayName("L1 R9.8 a refusal is a decision with reasons, told to the person with their right to complain to the CNIL")
    void refusal() {
        Actor me = Actor.staff(dpo.id());
        String email = email();
        RightsRequest request = recorded(2, email);
        assertThatThrownBy(() -> dpoAnswers.refuse(me, request.id(), RightsRequests.RefusalGround.EXCESSIVE, ""))
                .isInstanceOf(InvalidInputException.class);
        RightsRequest refused = dpoAnswers.refuse(me, request.id(), RightsRequests.RefusalGround.EXCESSIVE, "Quatrième demande identique ce mois-ci.");
        assertThat(refused.status()).isEqualTo(RequestStatus.REFUSED);
        assertThat(refused.outcome()).isEqualTo("refused-excessive");
        assertThat(MailServer.latest(email, "Réponse")).contains("demande excessive", "Quatrième demande identique", "CNIL", "3 place de Fontenoy");
        assertThat(store.history(request.id())).anySatisfy(s -> assertThat(s.note()).isEqualTo("Quatrième demande identique ce mois-ci."));
    }

    @Test
    @DisplayName("R9.6 R9.1 a rectification by letter needs its data entered by the DPO, or is answered by hand, only after verification")
    void manualAnswer() {
        Actor me = Actor.staff(dpo.id());
        String email = email();
        UUID subjectId = client(email, "DUPONT-MANUEL");
        RightsRequest request = recorded(1, email);
        assertThatThrownBy(() -> dpoAnswers.answerManually(me, request.id(), "Fait.")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("verified");
        RightsRequest verified = verification.verifiedByStaff(me, request.id(), null, "Courrier signé, comparé au contrat");
        assertThat(verified.subjectId()).isEqualTo(subjectId);
        assertThat(verified.status()).isEqualTo(RequestStatus.IN_PROGRESS);
        assertThatThrownBy(() -> answers.produceAnswer(me, request.id())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("enter the data to change");
        RightsRequest answered = dpoAnswers.answerManually(me, request.id(), "Votre adresse a été mise à jour le " + world.today() + ".");
        assertThat(answered.outcome()).isEqualTo("answered-manually");
        assertThat(MailServer.latest(email, "Réponse")).contains("Votre adresse a été mise à jour", "CNIL");
    }
}
