package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.assertj.core.groups.Tuple;
import org.charte.access.AccessDecisions;
import org.charte.access.AccessRequest;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.Objections;
import org.charte.access.ProcessingRestrictions;
import org.charte.access.RecipientNotices;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.Subcontractor;
import org.charte.access.Subcontractors;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.commerce.Invoice;
import org.charte.commerce.Invoices;
import org.charte.commerce.Payment;
import org.charte.commerce.Subscriptions;
import org.charte.common.InvalidInputException;
import org.charte.retention.Erasures;
import org.charte.retention.LegalHolds;
import org.charte.retention.RetentionRuns;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostMortem;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.Subject;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.MailServer;
import org.charte.testing.PrivacyCentre;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.charte.vault.Vault;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each right carried out end to end (R9.1-R9.4, L5): asked on the privacy centre over real HTTP, verified
 * with the code GreenMail received, carried out (at once, or when the DPO produces the answer on
 * their page), answered by mail with the CNIL, on the real database.
 */
class RightsFulfilmentTests extends RightsTestBase {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired Subscriptions subscriptions;
    @Autowired Invoices invoices;
    @Autowired Subcontractors subcontractors;
    @Autowired LegalHolds holds;
    @Autowired RetentionRuns runs;
    @Autowired ProcessingRestrictions restrictions;
    @Autowired Objections objections;
    @Autowired RecipientNotices notices;
    @Autowired PostMortem postMortem;
    @Autowired AccessDecisions decisions;
    @Autowired Vault vault;
    @Autowired RequestIntake intake;
    @Autowired IdentityVerification verification;
    @Autowired RequestAnswers answers;
    @Autowired RequestStore store;
    @Autowired JdbcClient jdbc;
    @Autowired AuditLog audit;

    Relationship world;
    Staff dpo;
    Staff adv;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        dpo = world.dpo();
        commitments.sign(dpo.id());
        adv = world.staff("adv");
    }

    static String email() {
        return "person-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    UUID person(SubjectStatus status, String email, String lastName) {
        return subjects.register(status, new PersonalData(new Identity("Mme", lastName, "Camille", LocalDate.of(1980, 5, 17)),
                new Contacts(List.of(new PostalAddress(List.of("8 rue Pasteur"), "21000", "Dijon", "FR")), List.of(email), List.of("+33612345678")),
                "Préfère être contactée le matin"), world.today().minusMonths(2));
    }

    /** A support subcontractor whose user held a grant on the person: a recipient of their data (Art. 19). */
    Subcontractor recipientOf(UUID subject) {
        Subcontractor presta = subcontractors.register("Presta " + UUID.randomUUID(), "support-subcontractor");
        subcontractors.recordContract(presta.id(), world.today().minusYears(1), null, true);
        Staff user = world.staff("support-subcontractor", presta.id());
        grants.openForSupportTicket("T-" + UUID.randomUUID().toString().substring(0, 8), subject, user.id(), Set.of("support-requests"),
                clock.instant().plus(Duration.ofDays(1)), dpo.id());
        return presta;
    }

    /** The DPO presses "produce and send the answer" on the request's page. */
    HttpResponse<String> produce(UUID requestId) {
        return dpo.http().postForm("/backoffice/droits/" + requestId + "/production",
                Map.of("_csrf", dpo.http().csrfFrom("/backoffice/droits/" + requestId)));
    }

    long proofs(UUID runId, String recordType, UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM erasure_proof WHERE run_id = ? AND rule_id = ? AND record_type = ? AND record_hash = ?")
                .params(runId, Erasures.RULE_ID, recordType, runs.proofHash(id)).query(Long.class).single();
    }

    UUID lastRequestRun() {
        return jdbc.sql("SELECT id FROM retention_run WHERE run_trigger = 'REQUEST' ORDER BY started_at DESC, id DESC FETCH FIRST 1 ROWS ONLY")
                .query(UUID.class).single();
    }

    // --- erasure --------------------------------------------------------------------------------

    @Test
    @DisplayName("R9.2 R9.8 R6.5 L10 an erasure request, reviewed by the DPO, erases the person through the retention path: every module, their key, a proof, recipients told; the audit log names the DPO, the run and the proof under the person's id, in words in French and in English")
    void erasureOfAProspect() {
        String email = email();
        UUID subject = person(SubjectStatus.PROSPECT, email, "EFFACEE");
        Subcontractor recipient = recipientOf(subject);
        UUID requestId = PrivacyCentre.at(port).askAndVerify("erasure", "Camille Effacée", email, "", Map.of());
        RightsRequest waiting = store.load(requestId).orElseThrow();
        assertThat(waiting.status()).as("irreversible: the DPO reviews it first").isEqualTo(RequestStatus.IN_PROGRESS);
        assertThat(subjects.status(subject)).isPresent();

        HttpResponse<String> produced = produce(requestId);
        assertThat(produced.statusCode()).as(produced.body()).isEqualTo(302);
        assertThat(subjects.status(subject)).as("erased in the subjects module").isEmpty();
        assertThat(vault.hasKey(subject)).as("key shredded").isFalse();
        UUID runId = lastRequestRun();
        assertThat(proofs(runId, "subject", subject)).isOne();
        assertThat(runs.find(runId).orElseThrow().trigger()).isEqualTo(RetentionRuns.Trigger.REQUEST);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM recipient_notice WHERE subject_id = ? AND cause = 'ERASURE' AND subcontractor_id = ?")
                .params(subject, recipient.id()).query(Long.class).single()).as("Art. 19").isOne();

        RightsRequest answered = store.load(requestId).orElseThrow();
        assertThat(answered.status()).isEqualTo(RequestStatus.ANSWERED);
        String answer = MailServer.latest(email, "Réponse");
        assertThat(answer).contains("effacées de notre base active", "Le destinataire de vos données a été informé de l'effacement.", "CNIL",
                "3 place de Fontenoy")
                .doesNotContain("EFFACEE", "telechargement");

        String proof = runs.proofHash(subject);
        assertThat(audit.forSubject(subject, 200)).as("an entry under the person's id, by the DPO who ordered it").anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + dpo.id());
            assertThat(e.event().action()).isEqualTo("erase");
            assertThat(e.event().subjectId()).isEqualTo(subject);
            assertThat(e.event().reason()).contains(answered.reference(), runId.toString(), proof).doesNotContain("EFFACEE", email);
        });
        assertThat(store.history(requestId)).filteredOn(s -> s.kind().equals("erased")).singleElement().satisfies(s -> {
            assertThat(s.actor()).isEqualTo("staff:" + dpo.id());
            assertThat(s.note()).contains(runId.toString(), proof);
        });
        // L10: the audit log words both lines, the run's and the decision's, in the page's language (recorded in codes, never rewritten)
        String french = Jsoup.parse(dpo.http().get("/backoffice/audit").body()).text();
        assertThat(french).contains("effacement d’une personne (à sa demande) : tout effacé ; effacées : ",
                "effacement d’une personne (à sa demande), demande " + answered.reference() + " : exécution " + runId.toString().substring(0, 8)
                        + ", preuve d’effacement " + proof + " ; tout effacé").doesNotContain("erasure-request", "person-asked");
        String english = Jsoup.parse(dpo.http().get("/backoffice/audit?lang=en").body()).text();
        assertThat(english).contains("a person's erasure (at their request): all erased; erased: ",
                "a person's erasure (at their request), request " + answered.reference() + ": run " + runId.toString().substring(0, 8)
                        + ", proof of erasure " + proof + "; all erased");
        // and the request's history notes the run and the proof in words, the run by its short reference
        String history = Jsoup.parse(dpo.http().get("/backoffice/droits/" + requestId).body()).select("#history").text();
        assertThat(history).contains("exécution " + runId.toString().substring(0, 8) + ", preuve d’effacement " + proof + " ; tout effacé")
                .doesNotContain(runId.toString());
    }

    @Test
    @DisplayName("R9.2 L4 R5.6 an inactive client's erasure: a held invoice stays, another goes to the intermediate archive; the answer names both with their legal basis")
    void erasureKeepsWhatHoldsAndObligationsCover() {
        String email = email();
        UUID client = person(SubjectStatus.CLIENT_INACTIVE, email, "ARCHIVEE");
        LocalDate issued = world.today().minusYears(2);
        subjects.contractsEnded(client, issued);
        Actor advActor = Actor.staff(adv.id());
        world.mayRecordOn(adv, client); // adding to a person already recorded needs grants (R6.1)
        Invoice paid = invoices.issue(advActor, client, new Invoices.NewInvoice(issued, issued.plusDays(30), new BigDecimal("120.00"), "EUR", null, null));
        invoices.pay(advActor, paid.id(), new Invoices.NewPayment(paid.amount(), "EUR", issued, Payment.Method.TRANSFER, null, null));
        Invoice disputed = invoices.issue(advActor, client, new Invoices.NewInvoice(issued, issued.plusDays(30), new BigDecimal("80.00"), "EUR", null, null));
        holds.place(Actor.staff(dpo.id()), new LegalHolds.NewHold("litigation", null, "invoice", disputed.id(), "dispute-2026", null));

        UUID requestId = PrivacyCentre.at(port).askAndVerify("erasure", "Camille Archivée", email, "", Map.of());
        assertThat(produce(requestId).statusCode()).isEqualTo(302);

        assertThat(subjects.status(client)).as("identity and contact kept with the held invoice").isPresent();
        assertThat(jdbc.sql("SELECT id FROM invoice WHERE subject_id = ?").param(client).query(UUID.class).list()).containsExactly(disputed.id());
        assertThat(jdbc.sql("SELECT record_type FROM archive_entry WHERE subject_id = ? ORDER BY record_type").param(client).query(String.class).list())
                .as("the paid invoice and its payment, in the archive, not in the active base").containsExactly("invoice", "payment");
        assertThat(jdbc.sql("SELECT keep_until FROM archive_entry WHERE record_id = ?").param(paid.id()).query(LocalDate.class).single())
                .isEqualTo(issued.plusYears(10));
        assertThat(proofs(lastRequestRun(), "subject-records", client)).isOne();

        String answer = MailServer.latest(email, "Réponse");
        assertThat(answer).contains("à l'exception de celles qu'une obligation légale", "Ce que nous conservons, et pourquoi",
                "Factures : conservé en raison d'un gel légal (litige en cours, motif dispute-2026)",
                "archive intermédiaire", "Obligation comptable", "C. com. art. L123-22", "CNIL");
        assertThat(answer).as("keep-until of the accounting obligation").contains(String.valueOf(issued.plusYears(10).getYear()));
        assertThat(answer).as("L10 each kept thing cites the GDPR's ground for keeping it")
                .contains("motif dispute-2026) ; fondement : RGPD art. 17.3.e, constatation, exercice ou défense de droits en justice",
                        "fondement : RGPD art. 17.3.b, respect d'une obligation légale")
                .doesNotContain("17.1.a");
        DateTimeFormatter french = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
        assertThat(answer).as("R9.2 L4 what stays with the archived invoices, each obligation with its end")
                .contains("avec vos nom, prénoms et adresse postale",
                        "au titre de l'obligation « Obligation comptable : conservation des pièces justificatives » (C. com. art. L123-22) jusqu'au "
                                + french.format(issued.plusYears(10)),
                        "au titre de l'obligation « Obligation fiscale : droit de contrôle de l'administration » (LPF art. L102 B) jusqu'au "
                                + french.format(issued.plusYears(6)));
    }

    @Test
    @DisplayName("R9.2 L4 an erasure answered in English says the person's name and postal address stay with the archived invoices, with each obligation and its end")
    void erasureAnswerInEnglishSaysWhatTheArchiveKeeps() {
        String email = email();
        UUID client = person(SubjectStatus.CLIENT_INACTIVE, email, "ARCHIVED");
        LocalDate issued = world.today().minusYears(2);
        subjects.contractsEnded(client, issued);
        Actor advActor = Actor.staff(adv.id());
        world.mayRecordOn(adv, client); // adding to a person already recorded needs grants (R6.1)
        Invoice paid = invoices.issue(advActor, client, new Invoices.NewInvoice(issued, issued.plusDays(30), new BigDecimal("120.00"), "EUR", null, null));
        invoices.pay(advActor, paid.id(), new Invoices.NewPayment(paid.amount(), "EUR", issued, Payment.Method.TRANSFER, null, null));

        Http http = new Http(port);
        String form = http.get("/en/my-rights/request?type=erasure").body();
        HttpResponse<String> asked = http.postForm("/en/my-rights/request", Map.of("_csrf", Http.csrf(form), "type", "erasure", "name", "Camille Archived",
                "email", email, "details", ""));
        UUID requestId = PrivacyCentre.requestId(asked);
        String code = MailServer.find(MailServer.latest(email, "code"), "(\\d{6})");
        assertThat(http.postForm("/en/my-rights/verification/" + requestId, Map.of("_csrf", Http.csrf(http.get("/en/my-rights/verification/" + requestId).body()),
                "code", code)).statusCode()).isEqualTo(200);
        assertThat(produce(requestId).statusCode()).isEqualTo(302);

        assertThat(subjects.status(client)).as("erased from the active base").isEmpty();
        DateTimeFormatter english = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
        String answer = MailServer.latest(email, "Answer");
        assertThat(answer).contains("except what a legal obligation requires us to keep in the intermediate archive",
                "Invoices: moved to the intermediate archive, separate and with restricted access, with your surname, first names and postal address",
                "under the obligation \"Accounting obligation: keeping supporting documents\" (C. com. art. L123-22) until " + english.format(issued.plusYears(10)),
                "under the obligation \"Tax obligation: the tax authority's right of inspection\" (LPF art. L102 B) until " + english.format(issued.plusYears(6)),
                "Payments: moved to the intermediate archive", "ground: GDPR Art. 17(3)(b), compliance with a legal obligation", "CNIL")
                .doesNotContain("ARCHIVED", "archive intermédiaire");
    }

    @Test
    @DisplayName("R9.2 R5.2 an active client's erasure request is partly granted: the contract's data stays, named with its legal basis; the rest goes and marketing stops")
    void erasureOfAnActiveClient() {
        String email = email();
        UUID client = person(SubjectStatus.PROSPECT, email, "ACTIVE");
        world.mayRecordOn(adv, client);
        subscriptions.subscribe(Actor.staff(adv.id()), client, new Subscriptions.NewSubscription("GESTAN-CLOUD-PRO", null, null));
        assertThat(subjects.status(client)).contains(SubjectStatus.CLIENT_ACTIVE);

        UUID requestId = PrivacyCentre.at(port).askAndVerify("erasure", "Camille Active", email, "", Map.of());
        assertThat(produce(requestId).statusCode()).isEqualTo(302);

        assertThat(subjects.status(client)).contains(SubjectStatus.CLIENT_ACTIVE);
        assertThat(jdbc.sql("SELECT other_information FROM data_subject WHERE id = ?").param(client).query(byte[].class).optional().orElse(null))
                .as("what no contract needs goes").isNull();
        assertThat(objections.objected(client, "loyalty-prospecting")).as("no marketing of a person who asked to be erased").isTrue();
        String answer = MailServer.latest(email, "Réponse");
        assertThat(answer).contains("Votre contrat est en cours", "exécution du contrat", "RGPD art. 6.1.b", "CNIL").doesNotContain("17.1.a");
    }

    // --- rectification ----------------------------------------------------------------------------

    @Test
    @DisplayName("R9.1 L5 R9.8 R6.5 a rectification asked on the privacy centre is reviewed by the DPO, applied on the person's verified request, recipients told; the audit log names the DPO and the request; the answer names fields, not values")
    void rectification() {
        String email = email();
        UUID subject = person(SubjectStatus.PROSPECT, email, "AVANT");
        Subcontractor recipient = recipientOf(subject);
        UUID requestId = PrivacyCentre.at(port).askAndVerify("rectification", "Camille Avant", email, "Je me suis mariée.",
                Map.of("lastName", "APRES", "phone", "+33698765432"));
        assertThat(store.load(requestId).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);
        String page = dpo.http().get("/backoffice/droits/" + requestId).body();
        assertThat(page).as("the DPO sees the change asked").contains("APRES", "+33698765432", "id=\"rectification\"");

        HttpResponse<String> applied = dpo.http().postForm("/backoffice/droits/" + requestId + "/rectification",
                Map.of("_csrf", Http.csrf(page), "lastName", "APRES", "phone", "+33698765432"));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(302);

        Subject now = subjects.read(Actor.subject(subject), "rights-requests", Set.of("identity", "contact"), subject);
        assertThat(now.identity().lastName()).isEqualTo("APRES");
        assertThat(now.identity().firstNames()).as("what was not asked stays").isEqualTo("Camille");
        assertThat(now.contacts().phones()).containsExactly("+33698765432");
        assertThat(now.contacts().emails()).containsExactly(email);
        assertThat(notices.forSubject(subject)).singleElement().satisfies(n -> {
            assertThat(n.cause()).isEqualTo(RecipientNotices.Cause.RECTIFICATION);
            assertThat(n.subcontractorId()).isEqualTo(recipient.id());
            assertThat(n.fields()).containsExactlyInAnyOrder("identity.lastName", "contacts.phones");
        });
        String answer = MailServer.latest(email, "Réponse");
        assertThat(answer).contains("nom", "téléphone", "Le destinataire de vos données en a été informé.", "CNIL")
                .doesNotContain("APRES", "+33698765432");
        assertThat(store.history(requestId)).extracting(RightsRequests.Step::kind).contains("rectification-reviewed", "answered");
        assertThat(store.history(requestId)).filteredOn(s -> s.kind().equals("rectification-reviewed")).singleElement()
                .satisfies(s -> assertThat(s.note()).isEqualTo("lastName, phone"));
        assertThat(Jsoup.parse(dpo.http().get("/backoffice/droits/" + requestId).body()).select("#history").text())
                .as("the fields reviewed, by their names (L10)").contains("Rectification revue par le DPO nom, téléphone").doesNotContain("lastName");
        String reference = store.load(requestId).orElseThrow().reference();
        List<AuditEntry> entries = audit.forSubject(subject, 200);
        assertThat(entries).as("the rectification is the DPO's, on the request").filteredOn(e -> e.event().action().equals("rectify"))
                .singleElement().satisfies(e -> {
                    assertThat(e.event().actor()).isEqualTo("staff:" + dpo.id());
                    assertThat(e.event().reason()).contains(reference, "subject:" + subject, "identity.lastName").doesNotContain("APRES");
                });
        assertThat(notices.forSubject(subject)).singleElement().satisfies(n -> assertThat(n.recordedBy()).isEqualTo("staff:" + dpo.id()));
    }

    @Test
    @DisplayName("R3.1 R9.1 the rectification form checks the data as at creation: a postal code that does not exist and a malformed phone are refused at the form, in the person's language; nothing is recorded")
    void rectificationFormChecksTheData() {
        String email = email();
        person(SubjectStatus.PROSPECT, email, "FORMULAIRE");
        long before = jdbc.sql("SELECT COUNT(*) FROM rights_request").query(Long.class).single();
        Map<String, String> wrong = Map.of("addressLine", "1 rue de Nulle Part", "postalCode", "99999", "commune", "Nulle Part", "phone", "06 12 AB");

        HttpResponse<String> french = PrivacyCentre.at(port).ask("rectification", "Camille Formulaire", email, "", wrong);
        assertThat(french.statusCode()).as("the form again, not a redirect").isEqualTo(200);
        assertThat(french.body()).contains("class=\"error\"", "le code postal est invalide : 5 chiffres, un code postal français qui existe",
                "indiquez un numéro de téléphone valide").doesNotContain("contacts.addresses", "must be");

        Http http = new Http(port);
        Map<String, String> posted = new HashMap<>(wrong);
        posted.putAll(Map.of("_csrf", Http.csrf(http.get("/en/my-rights/request?type=rectification").body()), "type", "rectification",
                "name", "Camille Form", "email", email, "details", ""));
        HttpResponse<String> english = http.postForm("/en/my-rights/request", posted);
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("class=\"error\"", "the postal code is not valid: 5 digits, a French postal code that exists",
                "give a valid phone number").doesNotContain("le code postal", "contacts.phones");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM rights_request").query(Long.class).single()).as("nothing recorded").isEqualTo(before);
        assertThat(MailServer.to(email)).as("no code sent").isEmpty();

        HttpResponse<String> right = PrivacyCentre.at(port).ask("rectification", "Camille Formulaire", email, "",
                Map.of("addressLine", "8 rue Pasteur", "postalCode", "21000", "commune", "Dijon", "phone", "06 98 76 54 32"));
        assertThat(right.statusCode()).as("valid data goes through").isEqualTo(302);
    }

    // --- restriction and objection ----------------------------------------------------------------

    @Test
    @DisplayName("L5 R9.5 a restriction asked by a letter that gives no reason is recorded as not stated, and answered so, not as contested accuracy")
    void restrictionWithoutAReason() {
        String email = email();
        UUID subject = person(SubjectStatus.PROSPECT, email, "SANSMOTIF");
        Actor staff = Actor.staff(dpo.id());
        RightsRequest recorded = intake.record(staff, new RightsRequests.NewRequest(RequestType.RESTRICTION, RequestChannel.POST, world.today(),
                new RightsRequests.Claimant("Camille Sansmotif", email, null, "Je demande la limitation du traitement de mes données."),
                Locale.FRENCH));
        verification.verifiedByStaff(staff, recorded.id(), subject, "Lettre signée, comparée au dossier");

        assertThat(restrictions.current(subject)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(ProcessingRestrictions.Reason.NOT_STATED));
        assertThat(store.load(recorded.id()).orElseThrow().status()).isEqualTo(RequestStatus.ANSWERED);
        assertThat(MailServer.latest(email, "Réponse")).contains("Le traitement de vos données est limité", "motif non précisé", "CNIL")
                .as("L10 no recipient told, none claimed").doesNotContain("destinataire")
                .doesNotContain("contestez l'exactitude");
    }

    @Test
    @DisplayName("L5 R9.8 a verified restriction request restricts at once: the decision point refuses processing other than storage, recipients told")
    void restriction() {
        String email = email();
        UUID subject = person(SubjectStatus.PROSPECT, email, "LIMITEE");
        recipientOf(subject);
        world.grant(adv, "customer-service", Set.of("identity"), subject);
        AccessRequest read = new AccessRequest(Actor.staff(adv.id()), "customer-service", AccessRequest.Action.READ, Set.of("identity"),
                ResourceRef.subject(subject));
        assertThat(decisions.decide(read).allowed()).isTrue();

        UUID requestId = PrivacyCentre.at(port).askAndVerify("restriction", "Camille Limitée", email, "Mon adresse est fausse.",
                Map.of("reason", "accuracy-contested"));

        assertThat(restrictions.current(subject)).hasValueSatisfying(r -> {
            assertThat(r.reason()).isEqualTo(ProcessingRestrictions.Reason.ACCURACY_CONTESTED);
            assertThat(r.restrictedBy()).isEqualTo("subject:" + subject);
        });
        assertThat(decisions.decide(read).allowed()).as("customer service refused while restricted").isFalse();
        assertThat(decisions.decide(read).reason()).contains("restricted");
        assertThat(notices.forSubject(subject)).extracting(RecipientNotices.Notice::cause).containsExactly(RecipientNotices.Cause.RESTRICTION);
        assertThat(store.load(requestId).orElseThrow().status()).isEqualTo(RequestStatus.ANSWERED);
        assertThat(MailServer.latest(email, "Réponse")).contains("Le traitement de vos données est limité", "contestez l'exactitude",
                "Le destinataire de vos données en est informé.", "CNIL");
    }

    @Test
    @DisplayName("L5 the person is told before a restriction is lifted (Art. 18(3))")
    void restrictionLiftedAfterNotice() {
        String email = email();
        UUID subject = person(SubjectStatus.PROSPECT, email, "LEVEE");
        world.grant(adv, "customer-service", Set.of("identity"), subject);
        AccessRequest read = new AccessRequest(Actor.staff(adv.id()), "customer-service", AccessRequest.Action.READ, Set.of("identity"),
                ResourceRef.subject(subject));
        UUID requestId = PrivacyCentre.at(port).askAndVerify("restriction", "Camille Levée", email, "Mon adresse est fausse.",
                Map.of("reason", "accuracy-contested"));
        assertThat(restrictions.isRestricted(subject)).isTrue();
        int mailsBefore = MailServer.to(email).size();

        HttpResponse<String> raw = dpo.http().json("POST", "/api/v1/restrictions/" + subject + "/lifting", "{\"reason\":\"accuracy-verified\"}");
        assertThat(raw.statusCode()).as("the raw API refuses before the person is told").isEqualTo(400);
        assertThat(raw.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(raw.body()).contains("/backoffice/droits/" + requestId, "18(3)").doesNotContain(email);
        assertThat(restrictions.isRestricted(subject)).isTrue();
        assertThat(MailServer.to(email)).hasSize(mailsBefore);

        String page = dpo.http().get("/backoffice/droits/" + requestId).body();
        assertThat(page).contains("levee-limitation", "Lever la limitation");
        HttpResponse<String> noReason = dpo.http().postForm("/backoffice/droits/" + requestId + "/levee-limitation",
                Map.of("_csrf", Http.csrf(page), "reason", "because"));
        assertThat(noReason.statusCode()).isEqualTo(200);
        assertThat(noReason.body()).contains("class=\"error\"");
        assertThat(restrictions.isRestricted(subject)).as("a refused step changes nothing").isTrue();

        HttpResponse<String> lifted = dpo.http().postForm("/backoffice/droits/" + requestId + "/levee-limitation",
                Map.of("_csrf", Http.csrf(page), "reason", "accuracy-verified"));
        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(302);

        String notice = MailServer.latest(email, "Levée de la limitation");
        assertThat(notice).contains("article 18, paragraphe 3", store.load(requestId).orElseThrow().reference(),
                "l'exactitude de vos données a été vérifiée", "CNIL");
        assertThat(store.history(requestId)).extracting(RightsRequests.Step::kind).containsSubsequence("restriction-lift-noticed", "restriction-lifted");
        assertThat(restrictions.current(subject)).isEmpty();
        assertThat(restrictions.history(subject)).first().satisfies(r -> {
            assertThat(r.liftReason()).isEqualTo("accuracy-verified");
            assertThat(r.liftedBy()).isEqualTo("staff:" + dpo.id());
        });
        assertThat(decisions.decide(read).allowed()).as("processing allowed again").isTrue();
        assertThat(dpo.http().get("/backoffice/droits/" + requestId).body()).doesNotContain("levee-limitation")
                .contains("Personne informée de la levée de la limitation", "Limitation levée");
        // the channel and the reason, stored as codes, in the page's words (L10)
        assertThat(store.history(requestId)).filteredOn(s -> s.kind().equals("restriction-lift-noticed")).singleElement()
                .satisfies(s -> assertThat(s.note()).isEqualTo("email"));
        assertThat(Jsoup.parse(dpo.http().get("/backoffice/droits/" + requestId).body()).select("#history").text())
                .contains("Personne informée de la levée de la limitation (art. 18.3) par e-mail", "Limitation levée exactitude des données vérifiée")
                .doesNotContain("accuracy-verified");
        assertThat(Jsoup.parse(dpo.http().get("/backoffice/droits/" + requestId + "?lang=en").body()).select("#history").text())
                .contains("by e-mail", "accuracy of the data verified");
    }

    @Test
    @DisplayName("R1.3 L5 R9.8 an objection to direct marketing takes effect at once, without a motive")
    void marketingObjection() {
        String email = email();
        UUID subject = person(SubjectStatus.PROSPECT, email, "OPPOSEE");
        UUID requestId = PrivacyCentre.at(port).askAndVerify("objection", "Camille Opposée", email, "", Map.of("purpose", "direct-marketing"));
        for (String purpose : objections.directMarketingPurposes()) {
            assertThat(objections.objected(subject, purpose)).as(purpose).isTrue();
        }
        assertThat(store.load(requestId).orElseThrow().status()).isEqualTo(RequestStatus.ANSWERED);
        assertThat(MailServer.latest(email, "Réponse")).contains("prise en compte immédiatement", "sans qu'aucun motif", "CNIL");
    }

    @Test
    @DisplayName("R1.3 R9.2 R9.8 an objection to a legitimate-interest purpose needs a motive, waits for the DPO's decision on their page, and the person gets the reasons")
    void legitimateInterestObjection() {
        String email = email();
        UUID subject = person(SubjectStatus.PROSPECT, email, "MOTIVEE");
        String purpose = objections.purposesNeedingMotive().stream().sorted().findFirst().orElseThrow();

        PrivacyCentre person = PrivacyCentre.at(port);
        HttpResponse<String> noMotive = person.ask("objection", "Camille Motivée", email, "", Map.of("purpose", purpose));
        assertThat(noMotive.statusCode()).as("refused at intake, nothing recorded").isEqualTo(200);
        assertThat(noMotive.body()).contains("class=\"error\"");

        UUID requestId = person.askAndVerify("objection", "Camille Motivée", email, "Ces enquêtes me harcèlent.", Map.of("purpose", purpose));
        assertThat(objections.forSubject(subject)).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(Objections.Status.PENDING));
        assertThat(store.load(requestId).orElseThrow().status()).isEqualTo(RequestStatus.IN_PROGRESS);
        assertThat(MailServer.latest(email, "enregistrée")).contains("motif sont enregistrés", "CNIL");

        String page = dpo.http().get("/backoffice/droits/oppositions").body();
        UUID objectionId = objections.forSubject(subject).getFirst().id();
        assertThat(page).contains(objectionId.toString(), store.load(requestId).orElseThrow().reference());
        HttpResponse<String> noReasons = dpo.http().postForm("/backoffice/droits/oppositions/" + objectionId + "/decision",
                Map.of("_csrf", Http.csrf(page), "outcome", "rejected"));
        assertThat(noReasons.statusCode()).isEqualTo(200);
        assertThat(objections.find(objectionId).orElseThrow().status()).as("rejecting needs reasons").isEqualTo(Objections.Status.PENDING);

        HttpResponse<String> decided = dpo.http().postForm("/backoffice/droits/oppositions/" + objectionId + "/decision",
                Map.of("_csrf", Http.csrf(page), "outcome", "rejected", "reasons", "Motifs légitimes et impérieux : contrôle qualité obligatoire."));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(302);
        assertThat(objections.find(objectionId).orElseThrow().status()).isEqualTo(Objections.Status.REJECTED);
        assertThat(store.load(requestId).orElseThrow().status()).isEqualTo(RequestStatus.ANSWERED);
        assertThat(MailServer.latest(email, "Réponse")).contains("n'est pas accueillie", "contrôle qualité obligatoire", "CNIL", "3 place de Fontenoy");
    }

    // --- post-mortem directives --------------------------------------------------------------------

    @Test
    @DisplayName("R9.4 R8.5 R1.4 directives left on the privacy centre are applied once the DPO confirmed the death notified: the trusted person gets the report through a single-use link, then the person is erased")
    void postMortemDirectives() {
        String email = email();
        String trusted = email();
        UUID subject = person(SubjectStatus.PROSPECT, email, "DEFUNTE");
        UUID requestId = PrivacyCentre.at(port).askAndVerify("post-mortem", "Camille Défunte", email, "",
                Map.of("choice", "communicate-to-trusted-person", "trustedName", "Alex Confiance", "trustedEmail", trusted));
        assertThat(store.load(requestId).orElseThrow().status()).isEqualTo(RequestStatus.ANSWERED);
        assertThat(postMortem.history(subject)).singleElement()
                .satisfies(v -> assertThat(v.choice()).isEqualTo(PostMortem.Choice.COMMUNICATE_TO_TRUSTED_PERSON));
        assertThat(MailServer.latest(email, "Réponse")).contains("Vos directives sont enregistrées", "CNIL");

        world.grantToDpo("rights-requests", Set.of("identity"), subject);
        HttpResponse<String> death = dpo.http().json("POST", "/api/v1/subjects/" + subject + "/death-notification",
                "{\"diedOn\":\"" + world.today().minusDays(3) + "\",\"source\":\"notary\"}");
        assertThat(death.statusCode()).as(death.body()).isEqualTo(201);
        DeathNoticeTests.await(() -> jdbc.sql("SELECT COUNT(*) FROM rights_death_check WHERE subject_id = ?").param(subject).query(Long.class).single() > 0,
                "the death check");
        UUID checkId = jdbc.sql("SELECT id FROM rights_death_check WHERE subject_id = ?").param(subject).query(UUID.class).single();
        assertThat(dpo.http().postForm("/backoffice/droits/deces/" + checkId + "/confirmation", Map.of("_csrf", dpo.http().csrfFrom("/backoffice/droits/deces"),
                "reference", "Acte de décès n° 2026-42")).statusCode()).as("the DPO checked the evidence").isEqualTo(302);

        DeathNoticeTests.await(() -> postMortem.actions(subject).stream().noneMatch(a -> a.status() == PostMortem.ActionStatus.PENDING),
                "the directives"); // carried out after the confirmation commits; a first PDF loads its fonts
        String answer = MailServer.latest(trusted, "Communication des données personnelles de Camille DEFUNTE");
        assertThat(answer).contains("Camille DEFUNTE, dont le décès", "désigné(e) dans ses directives post-mortem", "CNIL");
        List<String> links = Pattern.compile("http://\\S+/telechargement/[A-Za-z0-9_-]{43}").matcher(answer).results()
                .map(MatchResult::group).toList();
        assertThat(links).hasSize(2);
        assertThat(postMortem.actions(subject)).extracting(PostMortem.Action::kind, PostMortem.Action::status).containsExactly(
                Tuple.tuple(PostMortem.ActionKind.COMMUNICATION_TO_TRUSTED_PERSON, PostMortem.ActionStatus.DONE),
                Tuple.tuple(PostMortem.ActionKind.ERASURE, PostMortem.ActionStatus.DONE));
        assertThat(subjects.status(subject)).as("erased after the communication").isEmpty();

        PrivacyCentre trustedPerson = PrivacyCentre.at(port);
        HttpResponse<String> report = trustedPerson.download(links.get(0));
        assertThat(report.statusCode()).as("the report outlives the person's key").isEqualTo(200);
        assertThat(report.body()).contains("DEFUNTE", "Préfère être contactée le matin");
        assertThat(trustedPerson.download(links.get(0)).statusCode()).as("single use").isEqualTo(410);
        assertThat(audit.forSubject(subject, 200)).extracting(e -> e.event().action() + " " + e.event().resourceType() + " "
                + e.event().resourceId() + " " + e.event().outcome()).as("R1.4 the mail and the download passed the door out, once each download")
                .contains("send-mail outbound person ALLOWED").containsOnlyOnce("download outbound person ALLOWED");
    }

    // --- bad input --------------------------------------------------------------------------------

    @Test
    @DisplayName("R9.6 an erasure asked for an unknown address discloses nothing and erases nothing; an unverified request cannot be carried out")
    void unknownAndUnverified() {
        long runsBefore = jdbc.sql("SELECT COUNT(*) FROM retention_run WHERE run_trigger = 'REQUEST'").query(Long.class).single();
        String unknown = email();
        UUID unknownRequest = PrivacyCentre.at(port).askAndVerify("erasure", "Personne Inconnue", unknown, "", Map.of());
        assertThat(store.load(unknownRequest).orElseThrow().outcome()).isEqualTo("no-data");
        assertThat(MailServer.latest(unknown, "Réponse")).contains("aucune donnée personnelle", "CNIL");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM retention_run WHERE run_trigger = 'REQUEST'").query(Long.class).single())
                .as("no erasure was run for nobody").isEqualTo(runsBefore);

        String email = email();
        UUID subject = person(SubjectStatus.PROSPECT, email, "NONVERIFIEE");
        UUID requestId = PrivacyCentre.requestId(PrivacyCentre.at(port).ask("erasure", "Camille Non Vérifiée", email, ""));
        HttpResponse<String> produced = produce(requestId);
        assertThat(produced.statusCode()).isEqualTo(200);
        assertThat(produced.body()).contains("doit être vérifiée avant toute réponse");
        UUID rectification = PrivacyCentre.requestId(PrivacyCentre.at(port).ask("rectification", "Camille Non Vérifiée", email, "", Map.of("lastName", "X")));
        assertThatThrownBy(() -> answers.applyRectification(Actor.staff(dpo.id()), rectification, Map.of("lastName", "X")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("verified");
        assertThat(subjects.status(subject)).isPresent();
        assertThat(subjects.read(Actor.subject(subject), "rights-requests", Set.of("identity"), subject).identity().lastName()).isEqualTo("NONVERIFIEE");
    }
}
