package org.charte.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.internal.ApiTokens;
import org.charte.subjects.Identity;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The back-office pages, used as a person would: forms, CSRF tokens, readable refusals. */
@CharteIntegrationTest
class AccessPagesTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Autowired
    Commitments commitments;

    @Autowired
    Grants grants;

    @Autowired
    Subjects subjects;

    @Autowired
    ApiTokens tokens;

    static String text(HttpResponse<String> response) {
        return Jsoup.parse(response.body()).text();
    }

    HttpResponse<String> submit(Http http, String page, String action, Map<String, String> fields) {
        String csrf = Http.csrf(http.get(page).body());
        var form = new HashMap<>(fields);
        form.put("_csrf", csrf);
        return http.postForm(action, form);
    }

    @Test
    @DisplayName("R8.3 enrolment shows a QR code and the key; the first code completes the sign-in")
    void enrolmentPage() {
        String login = "qr" + UUID.randomUUID().toString().substring(0, 6);
        directory.create(new StaffDirectory.NewStaff(login, "QR Test", "adv", Staff.PASSWORD));
        Http http = new Http(port);
        http.password(login, Staff.PASSWORD);
        var page = Jsoup.parse(http.get("/backoffice/enrolement").body());
        assertThat(page.selectFirst("img.qr").attr("src")).startsWith("data:image/svg+xml;base64,");
        assertThat(page.getElementById("secret").text()).matches("[A-Z2-7]{32}");
        assertThat(directory.find(login).orElseThrow().enrolled()).isFalse();
    }

    @Test
    @DisplayName("R8.2 L10 a person reads and signs the commitment; the DPO publishes a new version that asks again")
    void commitmentPages() {
        Staff adv = Staff.signedIn(directory, port, "adv");
        assertThat(text(adv.http().get("/backoffice"))).contains("Vous n'avez pas signé l'engagement de confidentialité");
        HttpResponse<String> signed = submit(adv.http(), "/backoffice/engagement", "/backoffice/engagement", Map.of());
        assertThat(signed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/backoffice/engagement"));
        assertThat(text(adv.http().get("/backoffice/engagement"))).contains("Vous avez signé cette version.")
                .contains("Version " + commitments.current().version() + ", signée le");
        assertThat(commitments.signedCurrent(adv.id())).isTrue();

        Staff dpo = Staff.signedIn(directory, port, "dpo");
        HttpResponse<String> empty = submit(dpo.http(), "/backoffice/engagement/publier", "/backoffice/engagement/publier",
                Map.of("textFr", " ", "textEn", "x"));
        assertThat(text(empty)).contains("Le texte français est obligatoire.").doesNotContain("the French text is required");
        int before = commitments.current().version();
        submit(dpo.http(), "/backoffice/engagement/publier", "/backoffice/engagement/publier",
                Map.of("textFr", "Nouveau texte.", "textEn", "New text."));
        assertThat(commitments.current().version()).isEqualTo(before + 1);
        assertThat(commitments.signedCurrent(adv.id())).isFalse();
        assertThat(text(adv.http().get("/backoffice/engagement?lang=en"))).contains("Personal confidentiality commitment, version " + (before + 1))
                .contains("New text.");
    }

    @Test
    @DisplayName("R6.1 L10 the DPO grants access from the grants page; a wrong person id is a readable refusal in the page's language")
    void grantPage() {
        Staff dpo = Staff.signedIn(directory, port, "dpo");
        Staff dev = Staff.signedIn(directory, port, "development");
        UUID client = subjects.register(SubjectStatus.CLIENT_ACTIVE, new Identity("M.", "PAGE", "Test", null),
                LocalDate.of(2026, 11, 1));
        HttpResponse<String> refused = submit(dpo.http(), "/backoffice/grants", "/backoffice/grants", Map.of("granteeId", dev.id().toString(),
                "purpose", "customer-service", "categories", "support-requests", "subjects", "not-an-id",
                "validUntil", LocalDate.now().plusDays(3).toString(), "reason", "bug on ticket 12"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(text(refused)).contains("Les personnes se désignent par leur identifiant (UUID)").doesNotContain("not-an-id");
        assertThat(grants.forGrantee(dev.id())).isEmpty();

        HttpResponse<String> given = submit(dpo.http(), "/backoffice/grants", "/backoffice/grants", Map.of("granteeId", dev.id().toString(),
                "purpose", "customer-service", "categories", "support-requests", "subjects", client.toString(),
                "validUntil", LocalDate.now().plusDays(3).toString(), "reason", "bug on ticket 12"));
        assertThat(given.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/backoffice/grants"));
        assertThat(grants.forGrantee(dev.id())).singleElement().satisfies(g -> {
            assertThat(g.purpose()).isEqualTo("customer-service");
            assertThat(g.resources()).containsExactly(ResourceRef.subject(client));
        });
        assertThat(text(dev.http().get("/backoffice/mes-acces"))).contains("Relation clients").doesNotContain("customer-service").contains("En vigueur")
                .as("the reason and the kind, on one's own page").contains("bug on ticket 12", "Individuelle");

        // One person's grants, from the link on their record: what reaches them and nothing else.
        UUID other = subjects.register(SubjectStatus.CLIENT_ACTIVE, new Identity("M.", "AUTRE", "Test", null), LocalDate.of(2026, 11, 1));
        submit(dpo.http(), "/backoffice/grants", "/backoffice/grants", Map.of("granteeId", dev.id().toString(),
                "purpose", "customer-service", "categories", "support-requests", "subjects", other.toString(),
                "validUntil", LocalDate.now().plusDays(3).toString(), "reason", "another person's ticket 13"));
        var record = Jsoup.parse(dpo.http().get("/backoffice/personnes/" + client).body());
        assertThat(record.getElementById("grants-link")).as("linked from the person's record").isNotNull();
        assertThat(record.getElementById("grants-link").attr("href")).isEqualTo("/backoffice/grants?personne=" + client);
        String ofClient = text(dpo.http().get("/backoffice/grants?personne=" + client));
        assertThat(ofClient).contains("Autorisations qui atteignent la personne " + client.toString().substring(0, 8), "bug on ticket 12")
                .doesNotContain("another person's ticket 13");
        assertThat(text(dpo.http().get("/backoffice/grants?personne=" + UUID.randomUUID())))
                .contains("Aucune autorisation n'a jamais atteint cette personne.").doesNotContain("bug on ticket 12");
        assertThat(text(dpo.http().get("/backoffice/grants?personne=" + "x".repeat(600) + "&lang=en")))
                .as("a link that names no person: said, and every grant shown").contains("This link names no person: every grant is shown.")
                .contains("bug on ticket 12", "another person's ticket 13");
        var adv = Staff.signedIn(directory, port, "adv");
        assertThat(Jsoup.parse(adv.http().get("/backoffice/personnes/" + client).body()).getElementById("grants-link"))
                .as("no link for whom the grants' page is closed").isNull();
    }

    @Test
    @DisplayName("R8.3 R8.6 L10 administrators create accounts and record subcontractors' contracts from the pages")
    void staffAndSubcontractorPages() {
        Staff admin = Staff.signedIn(directory, port, "administrator");
        HttpResponse<String> weak = submit(admin.http(), "/backoffice/staff", "/backoffice/staff",
                Map.of("login", "weakling", "displayName", "Weak", "role", "adv", "password", "short"));
        assertThat(text(weak)).contains("Le mot de passe doit compter de 12 à 200 caractères.");
        assertThat(directory.find("weakling")).isEmpty();
        // The limits come from the rule (StaffAccounts.MAX_DISPLAY_NAME, MIN_PASSWORD, MAX_PASSWORD) as message arguments.
        HttpResponse<String> tooLong = submit(admin.http(), "/backoffice/staff", "/backoffice/staff",
                Map.of("login", "longname", "displayName", "N".repeat(201), "role", "adv", "password", "a proper long password"));
        assertThat(text(tooLong)).contains("Le nom est obligatoire, sur une ligne de 200 caractères au plus.");
        HttpResponse<String> tooLongEn = submit(admin.http(), "/backoffice/staff", "/backoffice/staff?lang=en",
                Map.of("login", "longname", "displayName", "N".repeat(201), "role", "adv", "password", "a proper long password"));
        assertThat(text(tooLongEn)).contains("A name is required, on one line of at most 200 characters.");
        assertThat(directory.find("longname")).isEmpty();
        admin.http().get("/backoffice/staff?lang=fr");
        submit(admin.http(), "/backoffice/staff", "/backoffice/staff",
                Map.of("login", "newcomer", "displayName", "New Comer", "role", "adv", "password", "a proper long password"));
        assertThat(directory.find("newcomer")).isPresent();

        String name = "Prestataire " + UUID.randomUUID().toString().substring(0, 6);
        submit(admin.http(), "/backoffice/subcontractors", "/backoffice/subcontractors", Map.of("name", name, "role", "support-subcontractor"));
        var page = Jsoup.parse(admin.http().get("/backoffice/subcontractors").body());
        var row = page.select("tr").stream().filter(tr -> tr.text().contains(name)).findFirst().orElseThrow();
        assertThat(row.text()).contains("Aucun accès");
        String action = row.selectFirst("form").attr("action");
        submit(admin.http(), "/backoffice/subcontractors", action, Map.of("signedOn", "2026-01-15", "endsOn", "2028-01-14",
                "dataProtectionClauses", "true", "assessedOn", "2026-06-01"));
        var after = Jsoup.parse(admin.http().get("/backoffice/subcontractors").body()).select("tr").stream()
                .filter(tr -> tr.text().contains(name)).findFirst().orElseThrow();
        assertThat(after.text()).contains("Contrat en vigueur").contains("01/06/2026").contains("15/01/2026").doesNotContain("2026-01-15");
    }

    @Test
    @DisplayName("R8.5 L10 a value a back-office form cannot read (a day that is no day, a yes/no that is neither, an id that is no id) "
            + "gives the form again with the field named in the page's language, never the generic error page; nothing recorded")
    void unreadableValues() {
        Staff admin = Staff.signedIn(directory, port, "administrator");
        String name = "Prestataire " + UUID.randomUUID().toString().substring(0, 6);
        submit(admin.http(), "/backoffice/subcontractors", "/backoffice/subcontractors", Map.of("name", name, "role", "support-subcontractor"));
        var row = Jsoup.parse(admin.http().get("/backoffice/subcontractors?lang=fr").body()).select("tr").stream()
                .filter(tr -> tr.text().contains(name)).findFirst().orElseThrow();
        String action = row.selectFirst("form").attr("action");

        HttpResponse<String> clauses = submit(admin.http(), "/backoffice/subcontractors", action, Map.of("signedOn", "2026-01-15",
                "endsOn", "2028-01-14", "dataProtectionClauses", "peut-être"));
        assertThat(clauses.statusCode()).isEqualTo(200);
        assertThat(text(clauses)).contains("La case des clauses de protection des données est cochée ou non, sans autre valeur.")
                .doesNotContain("peut-être");
        HttpResponse<String> day = submit(admin.http(), "/backoffice/subcontractors", action + "?lang=en", Map.of("signedOn", "2026-02-30",
                "dataProtectionClauses", "true"));
        assertThat(day.statusCode()).isEqualTo(200);
        assertThat(text(day)).contains("The signature date could not be read: pick a date in the calendar.").doesNotContain("2026-02-30");
        var after = Jsoup.parse(admin.http().get("/backoffice/subcontractors?lang=fr").body()).select("tr").stream()
                .filter(tr -> tr.text().contains(name)).findFirst().orElseThrow();
        assertThat(after.text()).contains("Aucun accès").doesNotContain("Contrat en vigueur");

        HttpResponse<String> grantee = submit(admin.http(), "/backoffice/grants", "/backoffice/grants", Map.of("granteeId", "Zorglub",
                "purpose", "customer-service", "categories", "support-requests", "validUntil", "demain", "reason", "ticket 12"));
        assertThat(grantee.statusCode()).isEqualTo(200);
        assertThat(text(grantee)).contains("Le bénéficiaire n'a pas pu être lu : choisissez-le dans la liste.").doesNotContain("Zorglub");
        HttpResponse<String> account = submit(admin.http(), "/backoffice/staff", "/backoffice/staff", Map.of("login", "unreadable",
                "displayName", "Un Readable", "role", "support-subcontractor", "password", "a proper long password", "subcontractorId", "Zorglub"));
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(text(account)).contains("Le sous-traitant n'a pas pu être lu : choisissez-le dans la liste.");
        assertThat(directory.find("unreadable")).isEmpty();
    }

    @Test
    @DisplayName("R8.3 L10 the tokens page names each scope in words, French or English, its code only beside them on the form, and its dates as people read them")
    void tokensPage() {
        Staff admin = Staff.signedIn(directory, port, "administrator");
        String name = "Intégration " + UUID.randomUUID().toString().substring(0, 6);
        tokens.issue(name, "dpo", Set.of("audit:read", "rights:write"), null, admin.id());
        for (boolean english : List.of(false, true)) {
            var page = Jsoup.parse(admin.http().get("/backoffice/tokens" + (english ? "?lang=en" : "?lang=fr")).body());
            var row = page.select("tr").stream().filter(tr -> tr.text().contains(name)).findFirst().orElseThrow();
            assertThat(row.select("ul.scopes li")).extracting(li -> li.text()).containsExactly(
                    english ? "Read the audit log" : "Lire le journal d'audit",
                    english ? "File and cancel rights requests (OpenDSR)" : "Déposer et annuler des demandes d'exercice de droits (OpenDSR)");
            assertThat(row.text()).doesNotContain("audit:read", "rights:write").doesNotContainPattern("[0-9]{4}-[0-9]{2}-[0-9]{2}T");
            assertThat(page.select("fieldset label").stream().filter(l -> l.selectFirst("code").text().equals("audit:read")).findFirst().orElseThrow()
                    .text()).isEqualTo(english ? "Read the audit log audit:read" : "Lire le journal d'audit audit:read");
        }
    }
}
