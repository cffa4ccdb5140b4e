package org.charte.rights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.charte.access.Commitments;
import org.charte.access.Grant;
import org.charte.access.Grants;
import org.charte.access.ProcessingRestrictions;
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.charte.retention.RetentionRuns;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostMortem;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
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

/**
 * A death notified (R9.4): nothing irreversible on anyone's word. The DPO checks the evidence on
 * their page, over real HTTP; only then are the directives carried out, in the background, and the
 * trusted person's mail (received by GreenMail) points to the server's public URL.
 */
class DeathNoticeTests extends RightsTestBase {

    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired PostMortem postMortem;
    @Autowired ProcessingRestrictions restrictions;
    @Autowired RetentionRuns runs;
    @Autowired AuditLog audit;
    @Autowired RequestStore store;
    @Autowired JdbcClient jdbc;

    Relationship world;
    Staff dpo;

    @BeforeEach
    void setUp() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        dpo = world.dpo();
        commitments.sign(dpo.id());
    }

    static String email() {
        return "person-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    UUID person(String email, String lastName) {
        return subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", lastName, "Camille", LocalDate.of(1950, 5, 17)),
                new Contacts(List.of(new PostalAddress(List.of("8 rue Pasteur"), "21000", "Dijon", "FR")), List.of(email), List.of()),
                "Préfère être contactée le matin"), world.today().minusMonths(2));
    }

    /** Directives left on the English privacy centre, verified with the e-mailed code. */
    UUID directivesInEnglish(String email, String trusted) {
        Http http = new Http(port);
        String form = http.get("/en/my-rights/request?type=post-mortem").body();
        Map<String, String> posted = new HashMap<>(Map.of("_csrf", Http.csrf(form), "type", "post-mortem", "name", "Camille Late", "email", email,
                "details", "", "choice", "communicate-to-trusted-person", "trustedName", "Alex Trust", "trustedEmail", trusted));
        HttpResponse<String> asked = http.postForm("/en/my-rights/request", posted);
        UUID id = UUID.fromString(MailServer.find(asked.headers().firstValue("Location").orElseThrow(), "/verification/([0-9a-f-]{36})"));
        String code = MailServer.find(MailServer.latest(email, "code"), "(\\d{6})");
        String page = http.get("/en/my-rights/verification/" + id).body();
        assertThat(http.postForm("/en/my-rights/verification/" + id, Map.of("_csrf", Http.csrf(page), "code", code)).statusCode()).isEqualTo(200);
        return id;
    }

    /**
     * The DPO records a death on a person already recorded, under an administrator's grant on them
     * (R6.1), which ends once the death is recorded: the checks below are made under the grant the
     * death's check opens to the DPO (R9.4).
     */
    HttpResponse<String> notifyDeath(UUID subject) {
        Grant grant = world.grantToDpo("rights-requests", Set.of("identity"), subject);
        HttpResponse<String> notified = dpo.http().json("POST", "/api/v1/subjects/" + subject + "/death-notification",
                "{\"diedOn\":\"" + world.today().minusDays(3) + "\",\"source\":\"family\"}");
        world.grants().revoke(grant.id(), dpo.id(), "death recorded");
        return notified;
    }

    UUID check(UUID subject) {
        await(() -> jdbc.sql("SELECT COUNT(*) FROM rights_death_check WHERE subject_id = ?").param(subject).query(Long.class).single() > 0,
                "the death check to be opened");
        return jdbc.sql("SELECT id FROM rights_death_check WHERE subject_id = ?").param(subject).query(UUID.class).single();
    }

    static void await(BooleanSupplier done, String what) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // after the commit, in the background; a first PDF loads its fonts
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("waited too long for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    @DisplayName("R9.4 R6.5 R8.5 a death notified waits for the DPO's check of its evidence; confirmed, the trusted person's mail names the deceased, "
            + "in the directives' language, and its link (from charte.public-url, sent outside any web request) answers over real HTTP")
    void confirmedDeath() throws Exception {
        String email = email();
        String trusted = email();
        UUID subject = person(email, "DEFUNTE");
        directivesInEnglish(email, trusted);

        assertThat(notifyDeath(subject).statusCode()).isEqualTo(201);
        UUID checkId = check(subject);
        Thread.sleep(500); // were anything still carried out at once, it would show by now
        assertThat(subjects.status(subject)).as("nothing erased on anyone's word").isPresent();
        assertThat(MailServer.to(trusted)).as("nothing sent to the trusted person yet").isEmpty();
        assertThat(postMortem.actions(subject)).extracting(PostMortem.Action::status).containsOnly(PostMortem.ActionStatus.PENDING);
        assertThat(restrictions.current(subject)).hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(ProcessingRestrictions.Reason.DECEASED));

        String page = dpo.http().get("/backoffice/droits/deces").body();
        assertThat(page).as("R9.4 R6.1 the check opened the DPO's grant on the person: the name").contains("check-" + checkId,
                "Camille DEFUNTE", "communication à la personne de confiance").doesNotContain("<code>" + subject + "</code>");
        Staff newcomer = world.staff("dpo");
        assertThat(newcomer.http().get("/backoffice/droits/deces").body()).as("R9.4 R6.1 a DPO who arrived after the check opened got its grant: "
                + "the name").contains("check-" + checkId, "Camille DEFUNTE");
        Grant theirs = grants.forGrantee(newcomer.id()).stream().filter(g -> PostMortemAccess.checkRef(checkId).equals(g.rightsRef()))
                .findFirst().orElseThrow();
        grants.revoke(theirs.id(), dpo.id(), "test: a DPO without the check's grant");
        assertThat(newcomer.http().get("/backoffice/droits/deces").body()).as("R9.4 a DPO without a grant (theirs revoked): "
                + "the identifier and why no name").contains("check-" + checkId, subject.toString(), "Nom visible avec une autorisation")
                .doesNotContain("DEFUNTE");
        HttpResponse<String> noEvidence = dpo.http().postForm("/backoffice/droits/deces/" + checkId + "/confirmation",
                Map.of("_csrf", Http.csrf(page), "reference", " "));
        assertThat(noEvidence.statusCode()).isEqualTo(200);
        assertThat(noEvidence.body()).contains("class=\"error\"", "reference");
        HttpResponse<String> uploaded = dpo.http().postFile("/backoffice/droits/deces/" + checkId + "/document?_csrf=" + Http.csrf(page), "document",
                "acte.pdf", "application/pdf", "%PDF-1.4 acte de décès".getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);
        byte[] sealed = jdbc.sql("SELECT document FROM rights_death_check WHERE id = ?").param(checkId).query(byte[].class).single();
        assertThat(sealed).as("kept until checked").isNotEmpty();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).as("sealed, not in clear").doesNotContain("acte de");

        HttpResponse<String> confirmed = dpo.http().postForm("/backoffice/droits/deces/" + checkId + "/confirmation",
                Map.of("_csrf", Http.csrf(page), "reference", "Acte n° 2026-117, mairie de Dijon"));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rights_death_check WHERE id = ? AND document IS NULL AND document_deleted_at IS NOT NULL")
                .param(checkId).query(Long.class).single()).as("the certificate deleted once checked").isOne();

        await(() -> postMortem.actions(subject).stream().noneMatch(a -> a.status() == PostMortem.ActionStatus.PENDING), "the directives");
        assertThat(subjects.status(subject)).as("erased once the death is confirmed").isEmpty();
        MimeMail mail = MimeMail.latest(trusted);
        assertThat(mail.subject()).as("titled for what it is, naming the deceased, in English").contains("Personal data of Camille DEFUNTE",
                "post-mortem directives");
        assertThat(mail.body()).contains("Camille DEFUNTE, whose death", "named you in their post-mortem directives", "CNIL")
                .doesNotContain("Bonjour");
        List<String> links = Pattern.compile("http://\\S+/en/download/[A-Za-z0-9_-]{43}").matcher(mail.body()).results()
                .map(MatchResult::group).toList();
        assertThat(links).hasSize(2).allSatisfy(link -> assertThat(link).as("the public URL, not a guessed address")
                .startsWith("http://127.0.0.1:" + port + "/en/download/"));
        HttpResponse<String> opened = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(links.getFirst())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).as("the link's address answers").isEqualTo(200);
        HttpResponse<String> report = PrivacyCentre.at(port).download(links.getFirst());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("DEFUNTE", "Préfère être contactée le matin");

        UUID trustedRequest = jdbc.sql("SELECT id FROM rights_request WHERE subject_id = ? AND channel = 'API'").param(subject).query(UUID.class).single();
        assertThat(store.load(trustedRequest).orElseThrow().language()).as("the directives' language").isEqualTo("en");
        assertThat(store.history(trustedRequest)).anySatisfy(step -> {
            assertThat(step.kind()).isEqualTo("death-confirmed");
            assertThat(step.actor()).isEqualTo("staff:" + dpo.id());
        });

        List<AuditEntry> entries = audit.forSubject(subject, 200);
        assertThat(entries).as("the DPO's confirmation, under the person's id").anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + dpo.id());
            assertThat(e.event().action()).isEqualTo("confirm-death");
        });
        UUID runId = jdbc.sql("SELECT id FROM retention_run WHERE run_trigger = 'REQUEST' ORDER BY started_at DESC, id DESC FETCH FIRST 1 ROWS ONLY")
                .query(UUID.class).single();
        assertThat(entries).as("the erasure, ordered by the DPO who confirmed, naming its run and proof").anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + dpo.id());
            assertThat(e.event().action()).isEqualTo("erase");
            assertThat(e.event().reason()).contains(runId.toString(), runs.proofHash(subject)).doesNotContain("DEFUNTE");
        });
    }

    @Test
    @DisplayName("R9.4 a death whose evidence the DPO rejects: nothing is erased or sent, the notification is withdrawn and the restriction lifted")
    void rejectedDeath() throws Exception {
        String email = email();
        String trusted = email();
        UUID subject = person(email, "VIVANTE");
        PrivacyCentre.at(port).askAndVerify("post-mortem", "Camille Vivante", email, "",
                Map.of("choice", "communicate-to-trusted-person", "trustedName", "Alex Confiance", "trustedEmail", trusted));
        assertThat(notifyDeath(subject).statusCode()).isEqualTo(201);
        UUID checkId = check(subject);

        String page = dpo.http().get("/backoffice/droits/deces").body();
        HttpResponse<String> noReasons = dpo.http().postForm("/backoffice/droits/deces/" + checkId + "/rejet", Map.of("_csrf", Http.csrf(page)));
        assertThat(noReasons.statusCode()).isEqualTo(200);
        assertThat(noReasons.body()).contains("class=\"error\"", "reasons");
        HttpResponse<String> rejected = dpo.http().postForm("/backoffice/droits/deces/" + checkId + "/rejet",
                Map.of("_csrf", Http.csrf(page), "reasons", "Appel anonyme, aucun acte produit ; la personne a écrit hier."));
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(302);

        Thread.sleep(500);
        assertThat(subjects.status(subject)).as("nothing erased").isPresent();
        assertThat(MailServer.to(trusted)).as("nothing sent").isEmpty();
        assertThat(postMortem.deceasedOn(subject)).as("the notification withdrawn").isEmpty();
        assertThat(postMortem.actions(subject)).as("nothing left to carry out").isEmpty();
        assertThat(restrictions.isRestricted(subject)).as("the restriction the notification brought is lifted").isFalse();
        assertThat(dpo.http().get("/backoffice/droits/deces").body()).doesNotContain("check-" + checkId).contains("Appel anonyme");
        assertThat(dpo.http().postForm("/backoffice/droits/deces/" + checkId + "/confirmation",
                Map.of("_csrf", Http.csrf(page), "reference", "Acte n° 1")).body()).as("decided once").contains("class=\"error\"");
        assertThat(audit.forSubject(subject, 100)).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + dpo.id());
            assertThat(e.event().action()).isEqualTo("reject-death");
        });
        assertThat(notifyDeath(subject).statusCode()).as("a new notification, with evidence, may be made").isEqualTo(201);
    }

    /** The subject and text of a mail GreenMail received. */
    record MimeMail(String subject, String body) {

        static MimeMail latest(String address) {
            await(() -> !MailServer.to(address).isEmpty(), "a mail to " + address);
            MimeMessage message = MailServer.to(address).getLast();
            try {
                return new MimeMail(message.getSubject(), message.getContent().toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
