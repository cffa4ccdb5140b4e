package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ProcessingRestrictions;
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditOutcome;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.retention.LegalHolds;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostMortem;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Json;
import org.charte.testing.MailServer;
import org.charte.testing.Relationship;
import org.charte.testing.RightsTestBase;
import org.charte.testing.SmscServer;
import org.charte.testing.Staff;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Campaigns end to end (R9.9, R9.10, R4.2, L9), over real HTTP on the real database, mail to a
 * GreenMail server and SMS to a jSMPP SMSC in the test JVM. Each test's people share a last-contact
 * day of their own, and the campaigns target it, so that other tests' people stay out of the counts.
 */
@TestPropertySource(properties = {"charte.sms.system-id=" + SmscServer.SYSTEM_ID, "charte.sms.password=" + SmscServer.PASSWORD,
        "charte.sms.source-address=Gestan", "charte.sms.stop-number=36180", "charte.sms.retry-base=PT0.2S", "charte.sms.retry-max=PT1S",
        "charte.sms.poll-delay=PT0.1S", "charte.sms.reconnect-delay=PT0.2S", "charte.sms.response-timeout=PT2S"})
class CampaignTests extends RightsTestBase {

    static final String PURPOSE = "loyalty-prospecting";
    static final String OWN = "rights-requests";
    static final String SENDER_FR = "ICS-Informatique, éditeur de Gestan Cloud";
    /** Each test's people have a last-contact day of their own, which its campaigns target. */
    static final AtomicInteger DAYS = new AtomicInteger();

    @DynamicPropertySource
    static void smsc(DynamicPropertyRegistry registry) {
        registry.add("charte.sms.host", () -> "127.0.0.1");
        registry.add("charte.sms.port", () -> SmscServer.shared().port());
    }

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired MarketingChoices choices;
    @Autowired Solicitations solicitations;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired Policy policy;
    @Autowired MarketingRetention retention;
    @Autowired TransactionTemplate transactions;
    @Autowired ProcessingRestrictions restrictions;
    @Autowired LegalHolds holds;
    @Autowired PostMortem postMortem;

    Relationship world;
    Staff adv;
    LocalDate contactDay;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        commitments.sign(world.dpo().id());
        adv = world.staff("adv");
        contactDay = world.today().minusDays(200 + DAYS.getAndIncrement());
        SmscServer.shared().start();
        SmscServer.shared().expectPassword(SmscServer.PASSWORD);
    }

    static String email() {
        return "campagne-" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
    }

    static String phone() {
        return "+33698" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    UUID person(SubjectStatus status, Contacts contacts) {
        return subjects.register(status, new PersonalData(new Identity("Mme", "CAMPAGNE", "Dominique", LocalDate.of(1980, 4, 2)), contacts, null),
                contactDay);
    }

    /** A prospect with that e-mail; living in France (no address recorded) or at an address in that other country. */
    UUID withEmail(String email, String country) {
        List<PostalAddress> addresses = country.equals("FR") ? List.of()
                : List.of(new PostalAddress(List.of("10 Downing Street"), "SW1A 2AA", "London", country));
        return person(SubjectStatus.PROSPECT, new Contacts(addresses, List.of(email), List.of()));
    }

    void consent(UUID subject, MarketingChannel channel) {
        choices.consent(Actor.subject(subject), OWN, subject, new MarketingChoices.NewConsent(channel, PURPOSE, Means.FORM, "campaign-form-v1", null));
    }

    void object(UUID subject, MarketingChannel channel) {
        choices.object(Actor.subject(subject), OWN, subject, new MarketingChoices.NewObjection(Set.of(channel), PURPOSE, Means.PRIVACY_CENTRE, null),
                false);
    }

    String segment() {
        return "{\"statuses\": [\"prospect\", \"client-active\"], \"lastContactFrom\": \"" + contactDay + "\", \"lastContactTo\": \"" + contactDay + "\"}";
    }

    String emailCampaign(String name) {
        return "{\"name\": \"" + name + "\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"email\", "
                + "\"subject\": {\"fr\": \"Nouveautés Gestan Cloud\", \"en\": \"What is new in Gestan Cloud\"}, "
                + "\"body\": {\"fr\": \"Bonjour,\\nDécouvrez la sauvegarde.\\n{sender}\\n{objection}\", "
                + "\"en\": \"Hello,\\nDiscover the backup.\\n{sender}\\n{objection}\"}, \"segment\": " + segment() + "}";
    }

    UUID create(String body) {
        HttpResponse<String> created = adv.http().json("POST", "/api/v1/marketing/campaigns", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(Json.of(created).path("id").asString());
    }

    JsonNode post(UUID campaign, String what) {
        HttpResponse<String> response = adv.http().json("POST", "/api/v1/marketing/campaigns/" + campaign + "/" + what, "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.of(response);
    }

    long campaigns() {
        return jdbc.sql("SELECT COUNT(*) FROM marketing_campaign").query(Long.class).single();
    }

    static void await(BooleanSupplier condition, String what) {
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("waited in vain for " + what);
    }

    static void quietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("R9.9 L9 L5 an e-mail campaign: the dry run counts the eligible and the excluded by reason; sending reaches only those who may be "
            + "solicited, in their language, with List-Unsubscribe and List-Unsubscribe-Post, the sender and the objection link; each message audited")
    void emailCampaign() throws Exception {
        String french = email();
        String english = email();
        String objected = email();
        String withdrawn = email();
        String none = email();
        UUID frenchPerson = withEmail(french, "FR");
        consent(frenchPerson, MarketingChannel.EMAIL);
        UUID englishPerson = withEmail(english, "GB");
        consent(englishPerson, MarketingChannel.EMAIL);
        UUID objectedPerson = withEmail(objected, "FR");
        consent(objectedPerson, MarketingChannel.EMAIL);
        object(objectedPerson, MarketingChannel.EMAIL);
        UUID withdrawnPerson = withEmail(withdrawn, "FR");
        consent(withdrawnPerson, MarketingChannel.EMAIL);
        choices.withdraw(Actor.subject(withdrawnPerson), OWN, withdrawnPerson, MarketingChannel.EMAIL, PURPOSE, Means.FORM);
        withEmail(none, "FR");
        person(SubjectStatus.PROSPECT, new Contacts(List.of(), List.of(), List.of(phone())));

        UUID campaign = create(emailCampaign("Sauvegarde"));
        JsonNode dryRun = post(campaign, "dry-run");
        assertThat(dryRun.path("targeted").asLong()).isEqualTo(6);
        assertThat(dryRun.path("eligible").asLong()).isEqualTo(2);
        // The objection put the address on the suppression list, which comes first among the reasons (Exclusion's order).
        assertThat(dryRun.path("excluded").path("suppressed").asLong()).isEqualTo(1);
        assertThat(dryRun.path("excluded").path("consent-withdrawn").asLong()).isEqualTo(1);
        assertThat(dryRun.path("excluded").path("no-basis").asLong()).isEqualTo(1);
        assertThat(dryRun.path("excluded").path("no-address").asLong()).isEqualTo(1);
        assertThat(dryRun.toString()).doesNotContain(frenchPerson.toString()).doesNotContain(french);

        JsonNode sent = post(campaign, "send");
        assertThat(sent.path("status").asString()).isEqualTo("sent");
        assertThat(sent.path("sent").asLong()).isEqualTo(2);
        assertThat(sent.path("excludedAtSend").path("suppressed").asLong()).isEqualTo(1);

        await(() -> MailServer.to(french).size() == 1 && MailServer.to(english).size() == 1, "the two campaign mails");
        MimeMessage fr = MailServer.to(french).getFirst();
        assertThat(fr.getSubject()).isEqualTo("Nouveautés Gestan Cloud");
        assertThat(fr.getHeader("List-Unsubscribe", null)).matches("<http://127\\.0\\.0\\.1:\\d+/u/[^>]+>");
        assertThat(fr.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String frText = fr.getContent().toString();
        assertThat(frText).contains("Découvrez la sauvegarde").contains(SENDER_FR)
                .contains("Pour ne plus recevoir nos offres par e-mail, cliquez sur le lien de désabonnement : http://127.0.0.1:")
                .doesNotContain("{sender}").doesNotContain("{objection}").doesNotContain("{link}");
        MimeMessage en = MailServer.to(english).getFirst();
        assertThat(en.getSubject()).isEqualTo("What is new in Gestan Cloud");
        assertThat(en.getContent().toString()).contains("Discover the backup").contains("ICS-Informatique, publisher of Gestan Cloud")
                .contains("To stop receiving our offers by e-mail, click the unsubscribe link: http://127.0.0.1:");
        assertThat(en.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

        List<AuditEntry> sends = audit.recent(200).stream().filter(e -> e.event().action().equals("send")
                && e.event().resourceType().equals("marketing-campaign") && campaign.toString().equals(e.event().resourceId())).toList();
        assertThat(sends).hasSize(2).allSatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + adv.id());
            assertThat(e.event().purpose()).isEqualTo(PURPOSE);
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.ALLOWED);
            assertThat(e.event().reason()).contains("basis consent").doesNotContain("Découvrez");
        });
        assertThat(sends).extracting(e -> e.event().subjectId()).containsExactlyInAnyOrder(frenchPerson, englishPerson);

        JsonNode again = post(campaign, "send");
        assertThat(again.path("sent").asLong()).isEqualTo(2);
        quietly(1000);
        assertThat(MailServer.to(french)).as("sending twice sends once").hasSize(1);
        assertThat(MailServer.to(english)).hasSize(1);
        assertThat(MailServer.to(objected)).as("objected: nothing").isEmpty();
        assertThat(MailServer.to(withdrawn)).isEmpty();
        assertThat(MailServer.to(none)).isEmpty();

        HttpResponse<String> change = adv.http().json("PUT", "/api/v1/marketing/campaigns/" + campaign, emailCampaign("Autre nom"));
        assertThat(change.statusCode()).as("a sent campaign no longer changes").isEqualTo(409);
        assertThat(change.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    /** A prospect living at that French postal code, with that e-mail, consenting to e-mail marketing, last contacted on that day. */
    UUID livingAt(String postalCode, String email, LocalDate lastContact, SubjectStatus status) {
        UUID subject = subjects.register(status, new PersonalData(new Identity("M.", "CAMPAGNE", "Camille", LocalDate.of(1975, 9, 14)),
                new Contacts(List.of(new PostalAddress(List.of("3 rue des Lilas"), postalCode, switch (postalCode) {
                    case "69003" -> "Lyon";
                    case "92100" -> "Boulogne-Billancourt";
                    case "93200" -> "Saint-Denis";
                    case "94000" -> "Créteil";
                    default -> "Paris"; }, "FR")), List.of(email), List.of()), null),
                lastContact);
        consent(subject, MarketingChannel.EMAIL);
        return subject;
    }

    @Test
    @DisplayName("R9.9 L4 L5 Art. 18 a campaign sent through the real audience: the deceased, the restricted, the held and those outside its regions "
            + "get nothing; a lifted hold does not exclude; a former client is reached only within 3 years of contract end or last contact")
    void exclusionsAtSend() {
        String paris = email();
        String lyon = email();
        String deceased = email();
        String restricted = email();
        String held = email();
        String released = email();
        livingAt("75011", paris, contactDay, SubjectStatus.PROSPECT);
        livingAt("69003", lyon, contactDay, SubjectStatus.PROSPECT);
        UUID deceasedPerson = livingAt("75012", deceased, contactDay, SubjectStatus.PROSPECT);
        world.grantToDpo("rights-requests", Set.of("identity"), deceasedPerson);
        postMortem.notifyDeath(Actor.staff(world.dpo().id()), deceasedPerson, new PostMortem.DeathNotice(world.today().minusDays(2),
                PostMortem.Source.FAMILY));
        UUID restrictedPerson = livingAt("92100", restricted, contactDay, SubjectStatus.CLIENT_ACTIVE);
        restrictions.restrict(restrictedPerson, ProcessingRestrictions.Reason.ACCURACY_CONTESTED, null, "system");
        UUID heldPerson = livingAt("93200", held, contactDay, SubjectStatus.PROSPECT);
        holds.place(Actor.staff(world.dpo().id()), new LegalHolds.NewHold("litigation", heldPerson, null, null, "litige-campagne", null));
        UUID releasedPerson = livingAt("94000", released, contactDay, SubjectStatus.PROSPECT);
        LegalHolds.Hold hold = holds.place(Actor.staff(world.dpo().id()), new LegalHolds.NewHold("litigation", releasedPerson, null, null,
                "litige-leve-campagne", null));
        holds.release(Actor.staff(world.dpo().id()), hold.id());

        UUID campaign = create(emailCampaign("Île-de-France").replace("\"statuses\"", "\"regions\": [\"FR-IDF\"], \"statuses\""));
        JsonNode dryRun = post(campaign, "dry-run");
        assertThat(dryRun.path("targeted").asLong()).as(dryRun.toString()).isEqualTo(5);
        assertThat(dryRun.path("eligible").asLong()).isEqualTo(2);
        assertThat(dryRun.path("excluded").path("deceased").asLong()).isEqualTo(1);
        assertThat(dryRun.path("excluded").path("restricted").asLong()).isEqualTo(1);
        assertThat(dryRun.path("excluded").path("held").asLong()).isEqualTo(1);
        assertThat(post(campaign, "send").path("sent").asLong()).isEqualTo(2);
        await(() -> MailServer.to(paris).size() == 1 && MailServer.to(released).size() == 1, "the two mails in Île-de-France");
        quietly(500);
        assertThat(MailServer.to(lyon)).as("outside the segment's region").isEmpty();
        assertThat(MailServer.to(deceased)).isEmpty();
        assertThat(MailServer.to(restricted)).isEmpty();
        assertThat(MailServer.to(held)).isEmpty();

        // L4: two former clients last contacted more than 3 years ago; one's contract ended since, within the 3 years
        LocalDate longAgo = world.today().minusYears(3).minusDays(200 + DAYS.getAndIncrement());
        String expired = email();
        String recent = email();
        UUID expiredClient = livingAt("75011", expired, longAgo, SubjectStatus.CLIENT_ACTIVE);
        subjects.contractsEnded(expiredClient, longAgo.plusDays(1));
        UUID recentClient = livingAt("75011", recent, longAgo, SubjectStatus.CLIENT_ACTIVE);
        subjects.contractsEnded(recentClient, world.today().minusYears(1));
        String formerSegment = "{\"statuses\": [\"client-inactive\"], \"lastContactFrom\": \"" + longAgo + "\", \"lastContactTo\": \"" + longAgo + "\"}";
        UUID formerCampaign = create(emailCampaign("Anciens clients").replace(segment(), formerSegment));
        JsonNode formerRun = post(formerCampaign, "dry-run");
        assertThat(formerRun.path("targeted").asLong()).as(formerRun.toString()).isEqualTo(2);
        assertThat(formerRun.path("excluded").path("former-client-expired").asLong()).isEqualTo(1);
        assertThat(post(formerCampaign, "send").path("sent").asLong()).isEqualTo(1);
        await(() -> MailServer.to(recent).size() == 1, "the mail to the former client within 3 years");
        quietly(500);
        assertThat(MailServer.to(expired)).as("L4: past 3 years").isEmpty();
    }

    @Test
    @DisplayName("L5 L9 an objected person whose new address is not suppressed is still excluded, as objected; a suppressed address is excluded as suppressed")
    void objectedAndSuppressed() {
        String first = email();
        UUID objected = withEmail(first, "FR");
        consent(objected, MarketingChannel.EMAIL);
        object(objected, MarketingChannel.EMAIL);
        String second = email();
        subjects.update(Actor.subject(objected), OWN, objected, new Subjects.Change(null,
                new Contacts(List.of(), List.of(second), List.of()), null));
        assertThat(solicitations.suppressed(MarketingChannel.EMAIL, PURPOSE, second)).isFalse();
        // Another person created with the suppressed address (L9: it is not solicited again).
        UUID again = withEmail(first, "FR");

        UUID campaign = create(emailCampaign("Opposés"));
        JsonNode dryRun = post(campaign, "dry-run");
        assertThat(dryRun.path("targeted").asLong()).isEqualTo(2);
        assertThat(dryRun.path("eligible").asLong()).isZero();
        assertThat(dryRun.path("excluded").path("objected").asLong()).isEqualTo(1);
        assertThat(dryRun.path("excluded").path("suppressed").asLong()).isEqualTo(1);
        assertThat(post(campaign, "send").path("sent").asLong()).isZero();
        quietly(500);
        assertThat(MailServer.to(first)).isEmpty();
        assertThat(MailServer.to(second)).isEmpty();
        assertThat(again).isNotNull();
    }

    @Test
    @DisplayName("R9.9 a sending that stopped half-way resumes without sending anyone twice")
    void resumesWithoutDuplicates() {
        String done = email();
        String left = email();
        UUID donePerson = withEmail(done, "FR");
        consent(donePerson, MarketingChannel.EMAIL);
        UUID leftPerson = withEmail(left, "FR");
        consent(leftPerson, MarketingChannel.EMAIL);
        UUID campaign = create(emailCampaign("Reprise"));
        // As a crash leaves it: the sending begun, one person's message committed with its send row.
        jdbc.sql("UPDATE marketing_campaign SET status = 'SENDING', sent_by = ?, send_started_at = created_at WHERE id = ?")
                .params("staff:" + adv.id(), campaign).update();
        jdbc.sql("INSERT INTO marketing_campaign_send (campaign_id, subject_id, sent_at) SELECT id, ?, created_at FROM marketing_campaign WHERE id = ?")
                .params(donePerson, campaign).update();

        JsonNode sent = post(campaign, "send");
        assertThat(sent.path("status").asString()).isEqualTo("sent");
        assertThat(sent.path("sent").asLong()).isEqualTo(2);
        await(() -> MailServer.to(left).size() == 1, "the mail left to send");
        quietly(500);
        assertThat(MailServer.to(done)).as("already sent before the stop").isEmpty();
        assertThat(leftPerson).isNotNull();
    }

    @Test
    @DisplayName("R9.2 a person erased whole leaves no trace in a campaign's sends; its counts stay; an unknown campaign is a 404 problem")
    void erasure() {
        String address = email();
        UUID person = withEmail(address, "FR");
        consent(person, MarketingChannel.EMAIL);
        UUID campaign = create(emailCampaign("Effacement"));
        assertThat(post(campaign, "send").path("sent").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_campaign_send WHERE subject_id = ?").param(person).query(Long.class).single()).isEqualTo(1);
        transactions.executeWithoutResult(t -> retention.erase(List.of(person)));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_campaign_send WHERE subject_id = ?").param(person).query(Long.class).single()).isZero();
        HttpResponse<String> read = adv.http().get("/api/v1/marketing/campaigns/" + campaign);
        assertThat(Json.of(read).path("sent").asLong()).isEqualTo(1);
        HttpResponse<String> unknown = adv.http().get("/api/v1/marketing/campaigns/" + UUID.randomUUID());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("R9.9 L9 an SMS campaign reaches the SMSC ending with the STOP instruction and naming the sender; an objected number gets nothing")
    void smsCampaign() {
        SmscServer smsc = SmscServer.shared();
        smsc.awaitBound();
        String phone = phone();
        String objectedPhone = phone();
        UUID consented = person(SubjectStatus.PROSPECT, new Contacts(List.of(), List.of(), List.of(phone)));
        consent(consented, MarketingChannel.SMS);
        UUID objected = person(SubjectStatus.PROSPECT, new Contacts(List.of(), List.of(), List.of(objectedPhone)));
        consent(objected, MarketingChannel.SMS);
        object(objected, MarketingChannel.SMS);

        UUID campaign = create("{\"name\": \"SMS printemps\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"sms\", "
                + "\"body\": {\"fr\": \"{sender} : -20 % sur la sauvegarde. {objection}\", \"en\": \"{sender}: 20% off backup. {objection}\"}, "
                + "\"segment\": " + segment() + "}");
        assertThat(post(campaign, "send").path("sent").asLong()).isEqualTo(1);
        String text = SmscServer.joined(smsc.awaitSubmitted(phone.substring(1), 1));
        assertThat(text).startsWith(SENDER_FR + " : -20 % sur la sauvegarde.").endsWith("STOP SMS au 36180");
        quietly(500);
        assertThat(smsc.submittedTo(objectedPhone.substring(1))).isEmpty();
        assertThat(post(campaign, "send").path("sent").asLong()).isEqualTo(1);
        quietly(500);
        assertThat(smsc.submittedTo(phone.substring(1))).as("sending twice sends once").hasSize(1);
    }

    @Test
    @DisplayName("R9.9 a role the policy does not name for campaigns is refused (403 problem+json), audited, nothing stored")
    void roleNotNamed() {
        Staff development = world.staff("development");
        long before = campaigns();
        HttpResponse<String> refused = development.http().json("POST", "/api/v1/marketing/campaigns", emailCampaign("Interdite"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(campaigns()).isEqualTo(before);
        assertThat(development.http().get("/api/v1/marketing/campaigns").statusCode()).isEqualTo(403);
        assertThat(development.http().get("/backoffice/prospection/campagnes").statusCode()).isEqualTo(403);
        assertThat(audit.recent(50)).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + development.id());
            assertThat(e.event().resourceType()).isEqualTo("marketing-campaign");
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(e.event().reason()).contains("not named for campaigns");
        });
    }

    @Test
    @DisplayName("L9 R9.10 a template without the sender or the objection, an SMS not ending with STOP, a push channel: refused naming the fields, nothing stored")
    void templatesRefused() {
        long before = campaigns();
        HttpResponse<String> noMentions = adv.http().json("POST", "/api/v1/marketing/campaigns",
                "{\"name\": \"Sans mentions\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"email\", "
                        + "\"subject\": {\"fr\": \"Offre\", \"en\": \"Offer\"}, \"body\": {\"fr\": \"Achetez !\", \"en\": \"Buy!\"}}");
        assertThat(noMentions.statusCode()).isEqualTo(400);
        assertThat(noMentions.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(noMentions.body()).contains("body.fr").contains("body.en").contains("no-sender").contains("no-objection");
        HttpResponse<String> stopFirst = adv.http().json("POST", "/api/v1/marketing/campaigns",
                "{\"name\": \"SMS\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"sms\", "
                        + "\"body\": {\"fr\": \"{objection} {sender} promo\", \"en\": \"{sender}: offer {objection}\"}}");
        assertThat(stopFirst.statusCode()).isEqualTo(400);
        assertThat(stopFirst.body()).contains("body.fr").contains("objection-not-last").doesNotContain("body.en");
        HttpResponse<String> push = adv.http().json("POST", "/api/v1/marketing/campaigns",
                "{\"name\": \"Push\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"push\", \"body\": {\"fr\": \"x\", \"en\": \"y\"}}");
        assertThat(push.statusCode()).isEqualTo(400);
        assertThat(push.body()).contains("\"channel\"").contains("R9.10");
        assertThat(campaigns()).isEqualTo(before);
    }

    @Test
    @DisplayName("R8.5 R9.9 malformed input: 600 KB, nulls in arrays, bidi characters, unknown codes and dates: problem+json naming each field, "
            + "never the value, nothing stored")
    void malformed() {
        long before = campaigns();
        String huge = "A".repeat(600 * 1024);
        Map<String, String> cases = Map.of(
                "{\"name\": \"" + huge + "\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"post\"}", "name",
                "{\"name\": \"Lettre\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"post\", \"body\": {\"fr\": \"" + huge
                        + "\", \"en\": \"x\"}}", "body.fr",
                "{\"name\": \"Lettre\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"post\", \"segment\": {\"statuses\": [null]}}",
                "segment.statuses[0]",
                "{\"name\": \"Caché\u202Eevil\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"post\"}", "name",
                "{\"name\": \"Lettre\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"post\", \"segment\": {\"plans\": [\"NOPE-PLAN\"]}}",
                "segment.plans",
                "{\"name\": \"Lettre\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"post\", \"segment\": {\"regions\": [\"FR-XYZ\"], "
                        + "\"capacity\": \"robot\", \"lastContactFrom\": \"2026-13-45\"}}", "segment.regions",
                "{\"name\": \"Lettre\", \"marketingPurpose\": \"billing\", \"channel\": \"post\"}", "marketingPurpose",
                "{\"name\": null, \"marketingPurpose\": null, \"channel\": null}", "channel");
        for (var c : cases.entrySet()) {
            HttpResponse<String> response = adv.http().json("POST", "/api/v1/marketing/campaigns", c.getKey());
            assertThat(response.statusCode()).as(c.getValue()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(response.body()).as(c.getValue()).contains("\"" + c.getValue() + "\"").doesNotContain("AAAAAAAAAA")
                    .doesNotContain("NOPE-PLAN").doesNotContain("FR-XYZ").doesNotContain("robot").doesNotContain("evil");
        }
        HttpResponse<String> several = adv.http().json("POST", "/api/v1/marketing/campaigns",
                "{\"name\": \"Lettre\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"post\", \"segment\": {\"regions\": [\"FR-XYZ\"], "
                        + "\"capacity\": \"robot\", \"lastContactFrom\": \"2026-13-45\"}}");
        assertThat(several.body()).contains("segment.capacity").contains("segment.lastContactFrom");
        assertThat(campaigns()).isEqualTo(before);
    }

    @Test
    @DisplayName("L2 R9.9 a phone campaign is not sent but gives its call list: names only where a grant allows, each read decided and audited")
    void phoneCallList() {
        String phone = phone();
        UUID named = person(SubjectStatus.CLIENT_ACTIVE, new Contacts(List.of(), List.of(), List.of(phone)));
        consent(named, MarketingChannel.PHONE);
        UUID unnamed = person(SubjectStatus.CLIENT_ACTIVE, new Contacts(List.of(), List.of(), List.of(phone())));
        consent(unnamed, MarketingChannel.PHONE);
        world.grant(adv, PURPOSE, Set.of(Subjects.IDENTITY), named);
        UUID campaign = create("{\"name\": \"Appels\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"phone\", \"segment\": " + segment() + "}");

        HttpResponse<String> send = adv.http().json("POST", "/api/v1/marketing/campaigns/" + campaign + "/send", "{}");
        assertThat(send.statusCode()).isEqualTo(409);
        assertThat(send.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

        HttpResponse<String> list = adv.http().get("/api/v1/marketing/campaigns/" + campaign + "/call-list");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        // Who may be called depends on the hour too (D223-9); those listed are named only under a grant.
        for (JsonNode callee : Json.of(list)) {
            UUID id = UUID.fromString(callee.path("subjectId").asString());
            assertThat(id).isIn(named, unnamed);
            if (id.equals(named)) {
                assertThat(callee.path("name").asString()).isEqualTo("Dominique CAMPAGNE");
            } else {
                assertThat(callee.path("name").isNull()).isTrue();
                assertThat(callee.path("nameWithheld").asString()).isNotBlank();
            }
            assertThat(audit.recent(100)).anySatisfy(e -> {
                assertThat(e.event().subjectId()).isEqualTo(id);
                assertThat(e.event().actor()).isEqualTo("staff:" + adv.id());
                assertThat(e.event().action()).isEqualTo("read");
            });
        }
        assertThat(list.body()).doesNotContain(phone);
    }

    @Test
    @DisplayName("R4.2 statistics show each sent campaign's reach and the objections after it, small cells suppressed, with people per plan and region, "
            + "in JSON, CSV and on the page")
    void statistics() {
        List<UUID> people = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            UUID person = withEmail(email(), "FR");
            consent(person, MarketingChannel.EMAIL);
            people.add(person);
        }
        String name = "Statistiques " + UUID.randomUUID().toString().substring(0, 8);
        UUID campaign = create(emailCampaign(name));
        assertThat(post(campaign, "send").path("sent").asLong()).isEqualTo(11);
        object(people.getFirst(), MarketingChannel.EMAIL);

        HttpResponse<String> json = adv.http().get("/api/v1/marketing/statistics");
        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode reach = null;
        for (JsonNode c : Json.of(json).path("campaigns")) {
            if (c.path("name").asString().equals(name)) {
                reach = c;
            }
        }
        assertThat(reach).as(json.body()).isNotNull();
        assertThat(reach.path("sent").asLong()).isEqualTo(11);
        assertThat(reach.path("channel").asString()).isEqualTo("email");
        assertThat(reach.path("objectionsAfter").isNull()).as("1 objection: under the threshold, suppressed").isTrue();
        assertThat(Json.of(json).path("plans")).isNotEmpty();
        assertThat(Json.of(json).path("regions")).isNotEmpty();
        assertThat(json.body()).doesNotContain(campaign.toString()).doesNotContain(people.getFirst().toString());

        HttpResponse<String> csv = adv.http().get("/api/v1/marketing/statistics.csv");
        assertThat(csv.body()).contains("\r\ncampaign,email," + PURPOSE + ",,11,,,,,,,\"" + name + "\",").contains("\r\nplan,,,,");
        HttpResponse<String> page = adv.http().get("/backoffice/prospection/statistiques");
        assertThat(page.body()).contains("Campagnes envoyées").contains(name).contains("Personnes par offre").contains("Personnes par région");
        assertThat(adv.http().get("/backoffice/prospection/statistiques?lang=en").body()).contains("Campaigns sent").contains("People per plan");
    }

    @Test
    @DisplayName("R9.9 L9 the back-office pages in French and English: list, a refused template explained in words, a dry run with reasons in words")
    void pages() {
        HttpResponse<String> list = adv.http().get("/backoffice/prospection/campagnes");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Campagnes de prospection").contains("Nouvelle campagne");
        assertThat(adv.http().get("/backoffice/prospection/campagnes?lang=en").body()).contains("Marketing campaigns").contains("New campaign");
        assertThat(adv.http().get("/backoffice").body()).contains("/backoffice/prospection/campagnes");

        String csrf = adv.http().csrfFrom("/backoffice/prospection/campagnes");
        HttpResponse<String> refused = adv.http().postForm("/backoffice/prospection/campagnes", Map.of("_csrf", csrf, "name", "Page",
                "marketingPurpose", PURPOSE, "channel", "email", "subjectFr", "Offre", "subjectEn", "Offer", "bodyFr", "Achetez", "bodyEn", "Buy"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Le texte français doit nommer l&#39;expéditeur").contains("Le texte anglais doit nommer");

        UUID objected = withEmail(email(), "FR");
        consent(objected, MarketingChannel.EMAIL);
        object(objected, MarketingChannel.EMAIL);
        UUID campaign = create(emailCampaign("Page essai"));
        HttpResponse<String> detail = adv.http().get("/backoffice/prospection/campagnes/" + campaign);
        assertThat(detail.body()).contains("Page essai").contains("Brouillon");
        HttpResponse<String> dryRun = adv.http().postForm("/backoffice/prospection/campagnes/" + campaign + "/essai",
                Map.of("_csrf", adv.http().csrfFrom("/backoffice/prospection/campagnes/" + campaign)));
        assertThat(dryRun.statusCode()).isEqualTo(200);
        assertThat(dryRun.body()).contains("Adresse sur la liste d&#39;opposition").doesNotContain(">suppressed<");
    }

    UUID writtenTo(String civility, String last, String first, PostalAddress address) {
        return subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity(civility, last, first, LocalDate.of(1979, 6, 21)),
                new Contacts(List.of(address), List.of(), List.of()), null), contactDay);
    }

    String postCampaign(String name) {
        return "{\"name\": \"" + name + "\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"post\", \"segment\": " + segment() + "}";
    }

    HttpResponse<String> postList(UUID campaign) {
        return adv.http().json("POST", "/api/v1/marketing/campaigns/" + campaign + "/post-list", "{}", "Accept", "text/csv, application/problem+json");
    }

    @Test
    @DisplayName("R9.9 L9 a post campaign is not sent but gives the letter shop's list: names and French addresses only where a grant allows, "
            + "each read decided and audited, the export audited; CSV exact (UTF-8 BOM, ';', CRLF, COMMUNE in capitals, country abroad only); "
            + "the objected, the deceased and those without an address excluded and counted; marked sent once per person")
    void postCampaignList() {
        UUID dijon = writtenTo("Mme", "POSTE", "Éloïse", new PostalAddress(List.of("Bâtiment B; 2e étage", "2 rue Monge"), "21000", "Dijon", "FR"));
        UUID paris = writtenTo("M.", "POSTE", "Amaury", new PostalAddress(List.of("14 rue de l'Université"), "75007", "Paris", "FR"));
        UUID london = writtenTo("Mx", "POSTE", "Sam", new PostalAddress(List.of("10 Downing Street"), "SW1A 2AA", "London", "GB"));
        UUID ungranted = writtenTo("Mme", "POSTE", "Noémie", new PostalAddress(List.of("1 place Bellecour"), "69002", "Lyon", "FR"));
        UUID objected = writtenTo("M.", "POSTE", "Octave", new PostalAddress(List.of("5 quai de la Fosse"), "44000", "Nantes", "FR"));
        object(objected, MarketingChannel.POST);
        UUID deceased = writtenTo("M.", "POSTE", "Désiré", new PostalAddress(List.of("8 cours Mirabeau"), "13100", "Aix-en-Provence", "FR"));
        world.grantToDpo("rights-requests", Set.of("identity"), deceased);
        postMortem.notifyDeath(Actor.staff(world.dpo().id()), deceased, new PostMortem.DeathNotice(world.today().minusDays(3), PostMortem.Source.FAMILY));
        person(SubjectStatus.PROSPECT, new Contacts(List.of(), List.of(email()), List.of()));
        for (UUID granted : List.of(dijon, paris, london, objected, deceased)) {
            world.grant(adv, PURPOSE, Set.of(Subjects.IDENTITY, Subjects.CONTACT), granted);
        }
        UUID campaign = create(postCampaign("Catalogue papier"));

        JsonNode dryRun = post(campaign, "dry-run");
        assertThat(dryRun.path("targeted").asLong()).as(dryRun.toString()).isEqualTo(7);
        assertThat(dryRun.path("eligible").asLong()).isEqualTo(4);
        assertThat(dryRun.path("excluded").path("objected").asLong()).isEqualTo(1);
        assertThat(dryRun.path("excluded").path("deceased").asLong()).isEqualTo(1);
        assertThat(dryRun.path("excluded").path("no-address").asLong()).isEqualTo(1);
        HttpResponse<String> send = adv.http().json("POST", "/api/v1/marketing/campaigns/" + campaign + "/send", "{}");
        assertThat(send.statusCode()).isEqualTo(409);
        assertThat(send.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

        HttpResponse<String> list = postList(campaign);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type").orElseThrow()).isEqualToIgnoringCase("text/csv;charset=UTF-8");
        assertThat(list.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;").contains(".csv");
        assertThat(list.headers().firstValue("Charte-Withheld").orElseThrow()).as("the read of one person was refused").isEqualTo("1");
        assertThat(list.body()).isEqualTo("\uFEFF" + "civilite;prenoms;nom;adresse_1;adresse_2;adresse_3;adresse_4;code_postal;commune;pays\r\n"
                + "Mme;Éloïse;POSTE;\"Bâtiment B; 2e étage\";2 rue Monge;;;21000;DIJON;\r\n"
                + "M.;Amaury;POSTE;14 rue de l'Université;;;;75007;PARIS;\r\n"
                + "Mx;Sam;POSTE;10 Downing Street;;;;SW1A 2AA;LONDON;ROYAUME-UNI\r\n");
        assertThat(list.body()).doesNotContain(ungranted.toString()).doesNotContain("Noémie");

        List<AuditEntry> entries = audit.recent(200);
        for (UUID listed : List.of(dijon, paris, london)) {
            assertThat(entries).as("the read of each person, decided and audited").anySatisfy(e -> {
                assertThat(e.event().subjectId()).isEqualTo(listed);
                assertThat(e.event().action()).isEqualTo("read");
                assertThat(e.event().outcome()).isEqualTo(AuditOutcome.ALLOWED);
            });
            assertThat(entries).as("the letter recorded, audited with its basis").anySatisfy(e -> {
                assertThat(e.event().subjectId()).isEqualTo(listed);
                assertThat(e.event().action()).isEqualTo("send");
                assertThat(e.event().reason()).contains("post").contains("not-objected");
            });
        }
        assertThat(entries).as("the refused read, audited").anySatisfy(e -> {
            assertThat(e.event().subjectId()).isEqualTo(ungranted);
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.DENIED);
        });
        assertThat(entries).noneSatisfy(e -> {
            assertThat(e.event().subjectId()).isIn(objected, deceased);
            assertThat(e.event().action()).isIn("read", "send");
        });
        assertThat(entries).as("the export itself, audited").anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo("export-post-list");
            assertThat(e.event().resourceId()).isEqualTo(campaign.toString());
            assertThat(e.event().actor()).isEqualTo("staff:" + adv.id());
            assertThat(e.event().reason()).contains("3 people").contains("1 withheld");
        });
        assertThat(entries).as("R1.4 the list left through the door out, to the controller's own staff").anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo("export");
            assertThat(e.event().resourceType()).isEqualTo("outbound");
            assertThat(e.event().resourceId()).isEqualTo("controller");
            assertThat(e.event().actor()).isEqualTo("staff:" + adv.id());
        });

        JsonNode sent = Json.of(adv.http().get("/api/v1/marketing/campaigns/" + campaign));
        assertThat(sent.path("status").asString()).isEqualTo("sent");
        assertThat(sent.path("sent").asLong()).isEqualTo(3);
        assertThat(sent.path("excludedAtSend").path("objected").asLong()).isEqualTo(1);
        assertThat(sent.path("excludedAtSend").path("deceased").asLong()).isEqualTo(1);
        assertThat(sent.path("excludedAtSend").path("no-address").asLong()).isEqualTo(1);

        // Asked again: the same people, less one who objected since; nothing recorded twice.
        object(paris, MarketingChannel.POST);
        HttpResponse<String> again = postList(campaign);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("Éloïse").contains("Sam").doesNotContain("Amaury");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_campaign_send WHERE campaign_id = ?").param(campaign).query(Long.class).single())
                .isEqualTo(3);
        assertThat(Json.of(adv.http().get("/api/v1/marketing/campaigns/" + campaign)).path("sent").asLong()).isEqualTo(3);
    }

    @Test
    @DisplayName("R8.5 R9.9 the letter shop's list refuses, as problem+json naming the field or the state, a malformed id, an unknown campaign, "
            + "another channel's campaign and a cancelled one; nothing recorded")
    void postListMalformed() {
        HttpResponse<String> malformed = postList(null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(malformed.body()).contains("\"id\"");
        HttpResponse<String> unknown = postList(UUID.randomUUID());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        UUID email = create(emailCampaign("Pas un courrier"));
        HttpResponse<String> wrongChannel = postList(email);
        assertThat(wrongChannel.statusCode()).isEqualTo(409);
        assertThat(wrongChannel.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        UUID cancelled = create(postCampaign("Annulé"));
        post(cancelled, "cancel");
        HttpResponse<String> refused = postList(cancelled);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(Json.of(adv.http().get("/api/v1/marketing/campaigns/" + cancelled)).path("status").asString()).isEqualTo("cancelled");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM marketing_campaign_send WHERE campaign_id IN (?, ?)").params(email, cancelled).query(Long.class).single())
                .isZero();
    }

    @Test
    @DisplayName("R9.9 L9 the campaign page edits a draft (the form filled as stored; a refused template said in French, per problem, the values kept) "
            + "and cancels it after a confirmation; a cancelled campaign is no longer editable; the segment in words, FR and EN")
    void pageEditAndCancel() {
        UUID campaign = create(emailCampaign("Brouillon à modifier").replace("\"statuses\"", "\"regions\": [\"FR-IDF\", \"FR-RE\"], "
                + "\"plans\": [\"GESTAN-CLOUD-PRO\"], \"statuses\""));
        String path = "/backoffice/prospection/campagnes/" + campaign;
        HttpResponse<String> detail = adv.http().get(path);
        assertThat(detail.body()).contains("Île-de-France, La Réunion").contains("Gestan Cloud Pro").contains("Clients actifs, Prospects")
                .doesNotContain(">FR-IDF<").doesNotContain("GESTAN-CLOUD-PRO<").contains(path + "/modifier");
        assertThat(adv.http().get(path + "?lang=en").body()).contains("Île-de-France, Réunion").contains("Active clients, Prospects")
                .contains("Edit this draft");

        HttpResponse<String> edit = adv.http().get(path + "/modifier");
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(edit.body()).contains("value=\"Brouillon à modifier\"").contains("Découvrez la sauvegarde.").contains("value=\"GESTAN-CLOUD-PRO\" checked=\"checked\"");

        String csrf = adv.http().csrfFrom(path + "/modifier");
        HttpResponse<String> refused = adv.http().postForm(path + "/modifier", Map.of("_csrf", csrf, "name", "Brouillon modifié",
                "marketingPurpose", PURPOSE, "channel", "email", "subjectFr", "Offre", "subjectEn", "Offer", "bodyFr", "Achetez {objection}",
                "bodyEn", "Buy from {sender} {objection}"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Ce texte ne nomme pas l&#39;expéditeur : écrivez {sender} ou « " + SENDER_FR.replace("'", "&#39;") + " »")
                .contains("aria-invalid=\"true\"").contains("href=\"#bodyFr\"").doesNotContain("no-sender").doesNotContain("href=\"#bodyEn\"")
                .contains("value=\"Brouillon modifié\"").contains("Achetez {objection}");
        assertThat(Json.of(adv.http().get("/api/v1/marketing/campaigns/" + campaign)).path("name").asString()).isEqualTo("Brouillon à modifier");

        HttpResponse<String> saved = adv.http().postForm(path + "/modifier", Map.of("_csrf", csrf, "name", "Brouillon modifié",
                "marketingPurpose", PURPOSE, "channel", "email", "subjectFr", "Offre", "subjectEn", "Offer", "bodyFr", "Achetez chez {sender}. {objection}",
                "bodyEn", "Buy from {sender}. {objection}", "regions", "FR-BRE"));
        assertThat(saved.statusCode()).isEqualTo(302);
        JsonNode changed = Json.of(adv.http().get("/api/v1/marketing/campaigns/" + campaign));
        assertThat(changed.path("name").asString()).isEqualTo("Brouillon modifié");
        assertThat(changed.path("segment").path("regions").toString()).isEqualTo("[\"FR-BRE\"]");
        assertThat(adv.http().get(path).body()).contains("Les modifications sont enregistrées.").contains("Bretagne");

        HttpResponse<String> ask = adv.http().postForm(path + "/annulation", Map.of("_csrf", csrf));
        assertThat(ask.statusCode()).isEqualTo(200);
        assertThat(ask.body()).contains("Annuler cette campagne ? Elle ne pourra plus être modifiée ni envoyée.").contains("name=\"confirm\" value=\"yes\"");
        assertThat(Json.of(adv.http().get("/api/v1/marketing/campaigns/" + campaign)).path("status").asString()).isEqualTo("draft");
        HttpResponse<String> cancelled = adv.http().postForm(path + "/annulation", Map.of("_csrf", csrf, "confirm", "yes"));
        assertThat(cancelled.statusCode()).isEqualTo(302);
        assertThat(Json.of(adv.http().get("/api/v1/marketing/campaigns/" + campaign)).path("status").asString()).isEqualTo("cancelled");
        assertThat(adv.http().get(path).body()).contains("La campagne est annulée").doesNotContain(path + "/modifier");
        HttpResponse<String> late = adv.http().postForm(path + "/modifier", Map.of("_csrf", csrf, "name", "Trop tard",
                "marketingPurpose", PURPOSE, "channel", "email", "subjectFr", "Offre", "subjectEn", "Offer", "bodyFr", "Achetez chez {sender}. {objection}",
                "bodyEn", "Buy from {sender}. {objection}"));
        assertThat(late.statusCode()).isEqualTo(302);
        assertThat(adv.http().get(path).body()).contains("Seul un brouillon peut être modifié");
        assertThat(Json.of(adv.http().get("/api/v1/marketing/campaigns/" + campaign)).path("name").asString()).isEqualTo("Brouillon modifié");
    }

    @Test
    @DisplayName("L2 L9 R9.9 the campaign page links a phone campaign to its call list page (names where granted) and gives a post campaign's CSV")
    void pageCallAndPostLists() {
        UUID callee = person(SubjectStatus.CLIENT_ACTIVE, new Contacts(List.of(), List.of(), List.of(phone())));
        consent(callee, MarketingChannel.PHONE);
        choices.callHours(Actor.subject(callee), OWN, callee, new MarketingChoices.NewCallHours(true, Means.FORM, "À toute heure"));
        world.grant(adv, PURPOSE, Set.of(Subjects.IDENTITY), callee);
        UUID phoneCampaign = create("{\"name\": \"Appels page\", \"marketingPurpose\": \"" + PURPOSE + "\", \"channel\": \"phone\", \"segment\": "
                + segment() + "}");
        String phonePath = "/backoffice/prospection/campagnes/" + phoneCampaign;
        assertThat(adv.http().get(phonePath).body()).contains(phonePath + "/appels").doesNotContain(phonePath + "/courrier");
        HttpResponse<String> calls = adv.http().get(phonePath + "/appels");
        assertThat(calls.statusCode()).isEqualTo(200);
        assertThat(calls.body()).contains("Liste d&#39;appels : Appels page").contains("Dominique CAMPAGNE")
                .contains("/backoffice/personnes/" + callee + "/appels");
        HttpResponse<String> noLetters = adv.http().postForm(phonePath + "/courrier", Map.of("_csrf", adv.http().csrfFrom(phonePath)));
        assertThat(noLetters.statusCode()).as("a phone campaign has no letter shop list: back to its page").isEqualTo(303);
        assertThat(noLetters.headers().firstValue("Location").orElseThrow()).endsWith(phonePath);

        writtenTo("Mme", "COURRIER", "Inès", new PostalAddress(List.of("3 rue Monge"), "21000", "Dijon", "FR"));
        UUID postCampaign = create(postCampaign("Courrier page"));
        String postPath = "/backoffice/prospection/campagnes/" + postCampaign;
        HttpResponse<String> page = adv.http().get(postPath);
        assertThat(page.body()).contains(postPath + "/courrier").contains("Télécharger la liste pour le routeur (CSV)").doesNotContain(postPath + "/appels");
        HttpResponse<String> csv = adv.http().postForm(postPath + "/courrier", Map.of("_csrf", adv.http().csrfFrom(postPath)));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFcivilite;prenoms;nom;").contains("\r\n").doesNotContain("Inès");
        assertThat(csv.headers().firstValue("Charte-Withheld").orElseThrow()).isEqualTo("1");
        assertThat(adv.http().get(postPath).body()).contains("Envoyée");
    }
}
