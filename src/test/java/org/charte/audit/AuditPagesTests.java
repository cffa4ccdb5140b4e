package org.charte.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.policy.Policy;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@CharteIntegrationTest
class AuditPagesTests {

    static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory staff;

    @Autowired
    AuditLog audit;

    final ObjectMapper json = new ObjectMapper();

    @Autowired
    Policy policy;

    UUID subject;
    AuditEntry allowed;
    AuditEntry denied;

    @BeforeEach
    void accesses() {
        subject = UUID.randomUUID();
        StaffMember reader = staff.create(new StaffDirectory.NewStaff("auditrice-" + UUID.randomUUID().toString().substring(0, 8),
                "Camille Auditrice", "adv", PASSWORD));
        allowed = audit.append(AuditEvent.allowed("staff:" + reader.id(), "read", "customer-service", "subject",
                subject.toString(), subject, List.of("identity", "contact")));
        audit.append(AuditEvent.allowed("system", "write", "billing", "invoice", "F-2026-001", UUID.randomUUID(), List.of("billing")));
        denied = audit.append(AuditEvent.denied("token:" + UUID.randomUUID(), "export", "loyalty-prospecting", "subject",
                subject.toString(), subject, List.of("contact"), "no grant in force covers this resource for this purpose and these categories"));
    }

    /**
     * A browser session signed in as a member of staff with this role. The one place that knows
     * how staff sign in (a second factor will join the password here).
     */
    Http signedIn(String role) {
        return Staff.signedIn(staff, port, role).http();
    }

    @Test
    @DisplayName("R6.5 L10 the DPO sees who reached a person's data, when, why and with which outcome, in French words: names, labels, reasons")
    void subjectHistoryFrench() {
        HttpResponse<String> page = signedIn("dpo").get("/backoffice/audit?subject=" + subject);
        assertThat(page.statusCode()).isEqualTo(200);
        Document html = Jsoup.parse(page.body());
        assertThat(html.select("h2").text()).contains("Accès aux données de la personne " + subject.toString().substring(0, 8));
        var rows = html.select("table.audit tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).text()).contains(String.valueOf(denied.seq()), "Intégration", "Export",
                policy.purpose("loyalty-prospecting").orElseThrow().label().fr(), "Refusé",
                "aucune autorisation en vigueur ne couvre cette ressource", policy.dataCategory("contact").orElseThrow().label().fr());
        assertThat(rows.get(1).text()).contains(String.valueOf(allowed.seq()), "Camille Auditrice", "Lecture",
                policy.purpose("customer-service").orElseThrow().label().fr(), "Autorisé");
        assertThat(rows.text()).doesNotContain("staff:", "token:", subject.toString(), "loyalty-prospecting", "no grant");
        assertThat(page.body()).doesNotContain("F-2026-001");
        assertThat(html.select("a[href*=/backoffice/audit/export]").attr("href")).contains("subject=" + subject);
    }

    @Test
    @DisplayName("R6.5 the audit page speaks English too, and lists the latest accesses without a person")
    void recentEnglish() {
        HttpResponse<String> page = signedIn("dpo").get("/backoffice/audit?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        Document html = Jsoup.parse(page.body());
        assertThat(html.select("h1").text()).isEqualTo("Log of accesses to personal data");
        assertThat(html.select("h2").text()).contains("Latest accesses");
        assertThat(html.select("table.audit tbody tr").first().text()).contains(String.valueOf(denied.seq()), "Refused");
        assertThat(page.body()).contains("Invoice F-2026-001", "Charte (automatic)", "Change").doesNotContain("??");
    }

    @Test
    @DisplayName("R6.5 a person's id that is not a UUID gets a readable message in the page's language, not a stack trace")
    void badSubject() {
        Http dpo = signedIn("dpo");
        HttpResponse<String> french = dpo.get("/backoffice/audit?subject=jean.dupont%40exemple.fr");
        assertThat(french.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(french.body()).select("p.error").text())
                .isEqualTo("« jean.dupont@exemple.fr » n'est pas un identifiant de personne : saisissez un UUID, par exemple 0190a5e2-7c3b-7def-8abc-0123456789ab.");
        HttpResponse<String> english = dpo.get("/backoffice/audit?lang=en&subject=42");
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(english.body()).select("p.error").text()).startsWith("\"42\" is not a person's id");
        assertThat(english.body()).doesNotContain("Exception").doesNotContain("at org.");

        HttpResponse<String> export = dpo.get("/backoffice/audit/export?subject=42", "Accept", "text/html");
        assertThat(export.statusCode()).isEqualTo(400);
        assertThat(export.body()).doesNotContain("Exception");
    }

    @Test
    @DisplayName("R6.5 the DPO downloads the log, or one person's entries, as a JSON file")
    void export() {
        Http dpo = signedIn("dpo");
        HttpResponse<String> mine = dpo.get("/backoffice/audit/export?subject=" + subject);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(mine.headers().firstValue("Content-Disposition")).hasValueSatisfying(d ->
                assertThat(d).startsWith("attachment").contains("charte-audit-").contains(subject.toString()));
        JsonNode body = json.readTree(mine.body());
        assertThat(body.path("entries").findValuesAsString("hash")).containsExactly(allowed.hash(), denied.hash());

        JsonNode all = json.readTree(dpo.get("/backoffice/audit/export").body());
        assertThat(all.path("entries").size()).isGreaterThanOrEqualTo(3);
        assertThat(all.path("head").path("lastSeq").asLong()).isGreaterThanOrEqualTo(denied.seq());
    }

    @Test
    @DisplayName("R6.5 the DPO checks the log's integrity through the API")
    void verifyApi() {
        HttpResponse<String> response = signedIn("dpo").get("/api/v1/audit/verify");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("intact").asBoolean()).as(response.body()).isTrue();
        assertThat(body.path("entriesChecked").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(body.path("firstProblem").isNull()).isTrue();
    }

    @Test
    @DisplayName("R6.5 R8.3 the audit log is the DPO's alone: other staff are refused, anonymous callers sent to sign in")
    void dpoOnly() {
        Http adv = signedIn("adv");
        assertThat(adv.get("/backoffice/audit").statusCode()).isEqualTo(403);
        assertThat(adv.get("/backoffice/audit/export").statusCode()).isEqualTo(403);
        assertThat(adv.get("/api/v1/audit/verify").statusCode()).isEqualTo(403);
        Http anonymous = new Http(port);
        assertThat(anonymous.get("/backoffice/audit").statusCode()).isEqualTo(302);
        assertThat(anonymous.get("/api/v1/audit/verify").statusCode()).isEqualTo(401);
    }
}
