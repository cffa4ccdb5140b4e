package org.charte.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The audit log's page names people only for a viewer who may see them, and finds a person by e-mail (R6.5, L10). */
@CharteIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AuditNamesTests {

    @LocalServerPort int port;
    @Autowired StaffDirectory directory;
    @Autowired Commitments commitments;
    @Autowired Grants grants;
    @Autowired Subjects subjects;
    @Autowired AuditLog audit;
    @Autowired Clock clock;

    Relationship world;
    Staff viewer;
    UUID granted;
    UUID other;
    String email;

    @BeforeEach
    void people() {
        world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        commitments.sign(world.dpo().id());
        viewer = world.staff("dpo");
        email = "audit-" + UUID.randomUUID().toString().substring(0, 8) + "@exemple.fr";
        granted = subjects.register(SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", "AUDITEE", "Léa", LocalDate.of(1980, 5, 17)),
                new Contacts(List.of(), List.of(email), List.of()), null), LocalDate.now(clock).minusYears(1));
        other = world.adultProspect();
        world.grant(viewer, "compliance-checks", Set.of(Subjects.IDENTITY), granted);
        audit.append(AuditEvent.allowed("staff:" + world.dpo().id(), "read", "customer-service", "subject", granted.toString(), granted,
                List.of("identity")));
        audit.append(AuditEvent.allowed("staff:" + world.dpo().id(), "read", "customer-service", "subject", other.toString(), other,
                List.of("identity")));
    }

    @Test
    @DisplayName("R6.5 L10 a person's name shows to a viewer with a grant on them, read for the grant's purpose and recorded as a read; others get a short reference")
    void namesWithAGrantOnly() {
        Document mine = Jsoup.parse(viewer.http().get("/backoffice/audit?subject=" + granted).body());
        assertThat(mine.select("h2").text()).contains("Léa AUDITEE");
        assertThat(mine.select("table.audit tbody tr").text()).contains("Léa AUDITEE", "Test dpo").doesNotContain(granted.toString());
        List<AuditEntry> reads = audit.forSubject(granted, 10).stream()
                .filter(e -> e.event().actor().equals("staff:" + viewer.id()) && e.event().action().equals("read")).toList();
        assertThat(reads).isNotEmpty().allSatisfy(e -> {
            assertThat(e.event().purpose()).isEqualTo("compliance-checks");
            assertThat(e.event().categories()).containsExactly("identity");
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.ALLOWED);
        });

        Document theirs = Jsoup.parse(viewer.http().get("/backoffice/audit?subject=" + other).body());
        assertThat(theirs.select("h2").text()).contains(other.toString().substring(0, 8));
        assertThat(theirs.select("table.audit tbody tr").text()).doesNotContain("TESTEUSE", other.toString());
        assertThat(audit.forSubject(other, 10)).noneMatch(e -> e.event().actor().equals("staff:" + viewer.id()));
    }

    @Test
    @DisplayName("R6.5 L10 the DPO finds a person's entries by e-mail through its blind index; an unknown e-mail finds no entries, never an error; the address is in no URL and no log")
    void byEmail(CapturedOutput output) {
        String csrf = csrf(viewer.http().get("/backoffice/audit").body());
        HttpResponse<String> found = viewer.http().postForm("/backoffice/audit", Map.of("_csrf", csrf, "email", email.toUpperCase()));
        assertThat(found.statusCode()).isEqualTo(200);
        Document html = Jsoup.parse(found.body());
        assertThat(html.select("h2").text()).contains("Léa AUDITEE");
        assertThat(html.select("table.audit tbody tr")).isNotEmpty();
        assertThat(html.select("a[href*=/backoffice/audit/export]").attr("href")).contains("subject=" + granted);
        assertThat(found.body()).doesNotContain(email).doesNotContain(email.toUpperCase());

        HttpResponse<String> unknown = viewer.http().postForm("/backoffice/audit?lang=en", Map.of("_csrf", csrf, "email", "nobody-" + email));
        assertThat(unknown.statusCode()).isEqualTo(200);
        Document none = Jsoup.parse(unknown.body());
        assertThat(none.select("#no-person").text()).isEqualTo("No entries: no person has this e-mail address.");
        assertThat(none.select("table.audit")).isEmpty();
        HttpResponse<String> notAnAddress = viewer.http().postForm("/backoffice/audit", Map.of("_csrf", csrf, "email", "x".repeat(300)));
        assertThat(notAnAddress.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(notAnAddress.body()).select("#no-person").text()).startsWith("Aucune entrée");

        assertThat(output.getAll()).doesNotContain(email).doesNotContain("nobody-");
        assertThat(audit.recent(50)).noneMatch(e -> e.event().toString().contains(email));
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
