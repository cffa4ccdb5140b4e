package org.charte.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.audit.AuditLog;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The back office's search and person pages, as a member of staff uses them. */
@CharteIntegrationTest
class SubjectPagesTests {

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
    AuditLog audit;

    @Autowired
    Clock clock;

    @Test
    @DisplayName("R4.5 R6.5 the back office finds a person by e-mail, phone or name, and shows their data only under a grant for the purpose chosen, each view audited")
    void searchAndPerson() {
        Staff adv = Staff.signedIn(directory, port, "adv");
        commitments.sign(adv.id());
        StaffMember dpo = directory.create(new StaffDirectory.NewStaff("dpo-" + UUID.randomUUID().toString().substring(0, 8), "DPO", "dpo",
                Staff.PASSWORD));
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "page." + tag + "@exemple.fr";
        UUID id = subjects.register(SubjectStatus.CLIENT_ACTIVE, new PersonalData(new Identity("Mme", "Pagequeue", "Agathe", LocalDate.of(1990, 2, 3)),
                new Contacts(List.of(new PostalAddress(List.of("8 rue Pasteur"), "21000", "Dijon", "FR")), List.of(email), List.of("0611223344")),
                "Cabinet de 3 personnes"), LocalDate.of(2026, 10, 1));

        HttpResponse<String> form = adv.http().get("/backoffice/personnes");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("customer-service").doesNotContain("rights-requests");

        HttpResponse<String> hidden = adv.http().get("/backoffice/personnes?purpose=customer-service&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        assertThat(hidden.statusCode()).isEqualTo(200);
        assertThat(hidden.body()).contains(id.toString()).contains("Client actif").contains("Non consultable").doesNotContain("Pagequeue");

        HttpResponse<String> chooser = adv.http().get("/backoffice/personnes/" + id);
        assertThat(chooser.statusCode()).isEqualTo(200);
        assertThat(chooser.body()).doesNotContain("Pagequeue");
        HttpResponse<String> refused = adv.http().get("/backoffice/personnes/" + id + "?purpose=customer-service");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("aucune autorisation en vigueur").doesNotContain("no grant").doesNotContain("Pagequeue");

        grants.grantIndividual(adv.id(), "customer-service", Set.of("identity", "contact"), List.of(ResourceRef.subject(id)),
                clock.instant().plus(Duration.ofDays(1)), "test: call back", dpo.id());
        HttpResponse<String> found = adv.http().get("/backoffice/personnes?purpose=customer-service&phone=06+11+22+33+44");
        assertThat(found.body()).contains("Agathe Pagequeue");
        HttpResponse<String> shown = adv.http().get("/backoffice/personnes/" + id + "?purpose=customer-service");
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("Pagequeue").contains(email).contains("+33611223344").contains("21000 Dijon")
                .doesNotContain("Cabinet de 3 personnes");
        assertThat(adv.http().get("/backoffice/personnes/" + id + "?purpose=customer-service&other=on").statusCode())
                .as("other information is not in the grant").isEqualTo(403);
        assertThat(adv.http().get("/backoffice/personnes?purpose=customer-service&email=nope").body()).contains("Saisie invalide : l’adresse e-mail").doesNotContain("Saisie invalide : email");
        assertThat(adv.http().get("/backoffice/personnes/" + UUID.randomUUID()).statusCode()).isEqualTo(404);

        assertThat(audit.forSubject(id, 20)).filteredOn(e -> e.event().actor().equals("staff:" + adv.id()) && e.event().action().equals("read"))
                .extracting(e -> e.event().outcome().name()).containsExactlyInAnyOrder("DENIED", "DENIED", "ALLOWED", "ALLOWED", "DENIED");
        // The DPO, who may read the audit log, finds the person's entries from the person's page; adv, who may not, sees no link.
        assertThat(chooser.body()).doesNotContain("/backoffice/audit");
        Staff dpoSession = Staff.signedIn(directory, port, "dpo");
        String asDpo = dpoSession.http().get("/backoffice/personnes/" + id).body();
        String link = Jsoup.parse(asDpo).select("a#audit-link").attr("href");
        assertThat(link).isEqualTo("/backoffice/audit?subject=" + id);
        assertThat(dpoSession.http().get(link).statusCode()).isEqualTo(200);
    }
}
