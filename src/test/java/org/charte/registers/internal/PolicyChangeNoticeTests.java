package org.charte.registers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.charte.audit.AuditLog;
import org.charte.common.Zones;
import org.charte.policy.CurrentPolicy;
import org.charte.retention.Erasures;
import org.charte.retention.RetentionRuns;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.MailServer;
import org.charte.testing.RightsTestBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The notice of a material change of the policy (L10) on the rights tests' shared context: the
 * shipped 1.3 changes 1.2 materially and takes effect on 15/01/2027, so active clients are told by
 * e-mail (GreenMail), each once, in their language, with the date and the changes page's link.
 * The hourly job is off in tests (TestDatabase); the test runs it.
 */
class PolicyChangeNoticeTests extends RightsTestBase {

    @Autowired PolicyChangeNotices notices;
    @Autowired Subjects subjects;
    @Autowired CurrentPolicy current;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired Erasures erasures;
    @Autowired RetentionRuns runs;

    UUID client(SubjectStatus status, String email) {
        return subjects.register(status, new PersonalData(new Identity("Mme", "Avisee", "Claude", LocalDate.of(1975, 4, 2)),
                new Contacts(List.of(new PostalAddress(List.of("5 rue du Port"), "44000", "Nantes", "FR")), List.of(email), List.of()), null),
                LocalDate.now(clock));
    }

    static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@notice.example.org";
    }

    /** The person chose English with us: their latest rights request was in English. */
    void english(UUID subject) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO rights_request (id, reference, type, channel, language, received_on, recorded_at, recorded_by, claimant, status, "
                        + "subject_id, due_on, closed_at, outcome) VALUES (?, ?, 'ACCESS', 'WEB', 'en', ?, ?, 'system', ?, 'ANSWERED', ?, ?, ?, 'answered')")
                .params(id, "N-" + id.toString().substring(0, 8), LocalDate.now(clock), clock.instant().atOffset(ZoneOffset.UTC), new byte[] {0}, subject,
                        LocalDate.now(clock).plusMonths(1), clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    @Test
    @DisplayName("L10 R9.1 R5.3 active clients are mailed the material changes of 1.3 before 15/01/2027, in French or English by their language, "
            + "with the date and a link to the changes page that answers; once per version per person, even run again; audited without content; "
            + "prospects and former clients are not mailed")
    void materialChangeNotice() {
        assertThat(current.version().label()).isEqualTo("1.3");
        String frenchAddress = email("francais");
        String englishAddress = email("english");
        String prospectAddress = email("prospect");
        UUID french = client(SubjectStatus.CLIENT_ACTIVE, frenchAddress);
        UUID english = client(SubjectStatus.CLIENT_ACTIVE, englishAddress);
        english(english);
        client(SubjectStatus.PROSPECT, prospectAddress);

        PolicyChangeNotices.Run run = notices.send();
        assertThat(run.mailed()).isGreaterThanOrEqualTo(2);

        String fr = MailServer.latest(frenchAddress, "Notre politique de confidentialité évolue").replace("\r\n", "\n");
        assertThat(fr).contains("La version 1.3 entre en vigueur le 15 janvier 2027")
                .contains("Clients inactifs : 3 ans après la fin du contrat ou le dernier contact, au lieu de 10")
                .contains("Démarchage téléphonique avec consentement préalable")
                .doesNotContain("Références de carte bancaire : supprimées").as("only material changes are listed");
        String link = MailServer.find(fr, "(http://127\\.0\\.0\\.1:\\d+/politique-de-confidentialite/versions/comparer\\?de=[0-9a-f-]{36}&a=[0-9a-f-]{36})");
        assertThat(link).endsWith("&a=" + current.version().id());
        HttpResponse<String> page = new Http(port).get(link.substring(link.indexOf("/politique")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Changements entre les versions 1.2 et 1.3");

        String en = MailServer.latest(englishAddress, "Our privacy policy is changing").replace("\r\n", "\n");
        assertThat(en).contains("Version 1.3 takes effect on 15 January 2027").contains("Inactive clients: 3 years")
                .contains("/en/privacy-policy/versions/compare?from=").doesNotContain("Bonjour");
        assertThat(MailServer.to(prospectAddress)).as("only active clients are told").isEmpty();

        assertThat(notices.send().mailed()).as("nobody twice").isZero();
        assertThat(MailServer.to(frenchAddress)).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM policy_change_notice WHERE policy_version_id = ? AND subject_id = ?")
                .params(current.version().id(), french).query(Integer.class).single()).isEqualTo(1);
        assertThat(audit.forSubject(french, 50)).anySatisfy(entry -> {
            assertThat(entry.toString()).contains(PolicyChangeNotices.PURPOSE).doesNotContain(frenchAddress).doesNotContain("3 ans");
        });
    }

    int noticesOf(UUID subject) {
        return jdbc.sql("SELECT COUNT(*) FROM policy_change_notice WHERE subject_id = ?").param(subject).query(Integer.class).single();
    }

    @Test
    @DisplayName("R5.6 R9.2 R9.4 L10 a person's policy-change notices go with their erasure, in its transaction and counted in its proof: "
            + "no row keeps the id of an erased person; a person not erased keeps theirs")
    void noticesErasedWithThePerson() {
        UUID erased = client(SubjectStatus.CLIENT_ACTIVE, email("efface"));
        UUID kept = client(SubjectStatus.CLIENT_ACTIVE, email("garde"));
        notices.send();
        assertThat(noticesOf(erased)).isEqualTo(1);
        assertThat(noticesOf(kept)).isEqualTo(1);

        UUID neverTold = client(SubjectStatus.CLIENT_ACTIVE, email("jamais")); // the same records, no notice
        Erasures.Result without = erasures.erase(neverTold, Erasures.Ground.POST_MORTEM_DIRECTIVES, "notice-test");
        Erasures.Result result = erasures.erase(erased, Erasures.Ground.POST_MORTEM_DIRECTIVES, "notice-test");
        assertThat(result.outcome()).isEqualTo(Erasures.Outcome.ERASED);
        assertThat(noticesOf(erased)).as("the notice went with the person").isZero();
        assertThat(noticesOf(kept)).isEqualTo(1);
        assertThat(result.records()).as("the notice row is counted among the rows erased").isEqualTo(without.records() + 1);
        RetentionRuns.Report run = runs.find(result.runId()).orElseThrow();
        assertThat(run.rules()).singleElement().satisfies(rule -> assertThat(rule.records()).isEqualTo(result.records()));
        assertThat(runs.proofs(result.runId(), 10)).isNotEmpty().allSatisfy(proof -> assertThat(proof.toString()).doesNotContain(erased.toString()));
    }

    @Test
    @DisplayName("L10 once 1.3 is in force no notice is sent any more: a new active client on 16/01/2027 is not mailed")
    void noNoticeOnceInForce() {
        LocalDate effective = current.version().effectiveDate();
        clock.advance(Duration.between(clock.instant(), effective.plusDays(1).atTime(10, 0).atZone(Zones.PARIS).toInstant()));
        String address = email("tard");
        client(SubjectStatus.CLIENT_ACTIVE, address);
        assertThat(notices.send()).isEqualTo(new PolicyChangeNotices.Run(0, 0));
        assertThat(MailServer.to(address)).isEmpty();
    }
}
