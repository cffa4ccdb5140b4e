package org.charte.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.StaffDirectory;
import org.charte.audit.AuditLog;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Json;
import org.charte.testing.Relationship;
import org.charte.testing.Staff;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@CharteIntegrationTest
class RelationshipPagesTests {

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
    Clock clock;

    @Autowired
    AuditLog audit;

    @Test
    @DisplayName("R4.5 R6.1 R6.5 L10 a person's relationship page shows each part the purpose and the grant open, says why for the others, and audits each")
    void relationshipPage() {
        Relationship world = Relationship.of(directory, commitments, grants, subjects, clock, port);
        Staff adv = world.staff("adv");
        UUID client = world.adultProspect();
        Staff billing = world.staff("adv"); // a colleague who issues the invoice under a billing grant
        world.grant(billing, "billing", Set.of("billing"), client);
        var invoiced = billing.http().json("POST", "/api/v1/subjects/" + client + "/invoices", Json.write(Map.of(
                "dueOn", world.today().plusDays(30).toString(), "amount", "129.00", "currency", "EUR")));
        assertThat(invoiced.statusCode()).as(invoiced.body()).isEqualTo(201);
        String number = Json.of(invoiced).path("number").asString();

        Document refused = Jsoup.parse(adv.http().get("/backoffice/personnes/" + client + "/relation?purpose=billing").body());
        assertThat(refused.getElementById("invoices").text()).contains("Motif").contains("aucune autorisation en vigueur");
        assertThat(refused.text()).doesNotContain(number);

        world.grant(adv, "billing", Set.of("billing"), client);
        Document page = Jsoup.parse(adv.http().get("/backoffice/personnes/" + client + "/relation?purpose=billing").body());
        assertThat(page.getElementById("invoices").text()).contains("Facture " + number).contains("129");
        assertThat(page.getElementById("tickets")).as("billing does not use support requests: not even asked").isNull();
        assertThat(audit.forSubject(client, 20)).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("staff:" + adv.id());
            assertThat(e.event().purpose()).isEqualTo("billing");
            assertThat(e.event().action()).isEqualTo("read");
        });
    }
}
