package org.charte.registers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.charte.access.StaffDirectory;
import org.charte.access.Subcontractor;
import org.charte.access.Subcontractors;
import org.charte.common.Zones;
import org.charte.testing.Json;
import org.charte.testing.RightsTestBase;
import org.charte.testing.Staff;
import org.charte.testing.TaggedPdfChecks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The registers the DPO reads and exports (R7.2, R8.6, item 7 of issue 14): transfers with their
 * safeguard, subcontractors with their contract and next assessment, the Art. 30 register and the
 * disclosures, as pages, JSON, CSV and PDF, over real HTTP.
 */
class RegisterExportTests extends RightsTestBase {

    @Autowired StaffDirectory directory;
    @Autowired Subcontractors subcontractors;

    Staff dpo;

    @BeforeEach
    void dpo() {
        dpo = Staff.signedIn(directory, port, "dpo");
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Zones.PARIS);
    }

    @Test
    @DisplayName("R8.6 the subcontractors register shows the contract, that an expired contract blocks access, the last assessment and the next one due, flagged when overdue")
    void subcontractorsRegister() {
        Subcontractor late = subcontractors.register("Register late " + UUID.randomUUID(), "support-subcontractor");
        subcontractors.recordContract(late.id(), today().minusYears(3), null, true);
        subcontractors.recordAssessment(late.id(), today().minusYears(1).minusDays(1));
        Subcontractor expired = subcontractors.register("Register expired " + UUID.randomUUID(), "security-monitoring-subcontractor");
        subcontractors.recordContract(expired.id(), today().minusYears(2), today().minusDays(1), true);
        subcontractors.recordAssessment(expired.id(), today().minusMonths(2));

        JsonNode all = Json.of(dpo.http().get("/api/v1/registers/subcontractors", "Accept", "application/json"));
        JsonNode lateRow = null;
        JsonNode expiredRow = null;
        for (JsonNode row : all) {
            if (row.path("id").asString().equals(late.id().toString())) {
                lateRow = row;
            }
            if (row.path("id").asString().equals(expired.id().toString())) {
                expiredRow = row;
            }
        }
        assertThat(lateRow).isNotNull();
        assertThat(lateRow.path("contractInForce").asBoolean()).isTrue();
        assertThat(lateRow.path("nextAssessmentDue").asString()).isEqualTo(today().minusDays(1).toString());
        assertThat(lateRow.path("assessmentOverdue").asBoolean()).isTrue();
        assertThat(expiredRow).isNotNull();
        assertThat(expiredRow.path("contractInForce").asBoolean()).isFalse();
        assertThat(expiredRow.path("nextAssessmentDue").asString()).isEqualTo(today().minusMonths(2).plusYears(1).toString());
        assertThat(expiredRow.path("assessmentOverdue").asBoolean()).isFalse();

        // The DPO's desk lists the late assessment, overdue, by the company's name; not the one assessed two months ago.
        String desk = dpo.http().get("/backoffice/bureau-dpo").body();
        assertThat(desk).contains("Évaluations annuelles des sous-traitants", "Évaluation de " + late.name()).doesNotContain("Évaluation de " + expired.name());

        String page = dpo.http().get("/backoffice/registres/sous-traitants").body();
        assertThat(page).contains("Registre des sous-traitants").contains(late.name()).contains("évaluation en retard")
                .contains("bloqué : pas de contrat en vigueur avec clauses");
        String csv = dpo.http().get("/api/v1/registers/subcontractors.csv?lang=en").body();
        assertThat(csv).startsWith("\uFEFF\"Subcontractor\",\"Role\"").contains("\"" + late.name() + "\"").contains("\"assessment overdue\"")
                .contains("\"blocked: no contract with clauses in force\"");
    }

    @Test
    @DisplayName("R7.2 the transfers register lists each transfer of the policy with its safeguard and instrument, as JSON, page, CSV and PDF")
    void transfersRegister() {
        JsonNode transfers = Json.of(dpo.http().get("/api/v1/registers/transfers", "Accept", "application/json"));
        assertThat(transfers).isNotEmpty();
        for (JsonNode t : transfers) {
            assertThat(t.path("safeguard").asString()).isIn("adequacy-decision", "standard-contractual-clauses");
        }
        assertThat(transfers.toString()).contains("2021/914").contains("2023/1795");
        String page = dpo.http().get("/backoffice/registres/transferts").body();
        assertThat(page).contains("X (Twitter)").contains("clauses contractuelles types de la Commission européenne — décision d&#39;exécution (UE) 2021/914");
        String csv = dpo.http().get("/api/v1/registers/transfers.csv?lang=en").body();
        assertThat(csv).contains("\"LinkedIn\"").contains("\"United States\"").contains("adequacy decision of the European Commission");
        assertThat(pdf("/api/v1/registers/transfers.pdf")).isTrue();
    }

    @Test
    @DisplayName("R6.6 R7.2 the Art. 30 register and the disclosures register export as CSV and PDF; the DPO reaches the registers from the dashboard")
    void exports() {
        String csv = dpo.http().get("/api/v1/registers/processing.csv").body();
        assertThat(csv).startsWith("\uFEFF\"Finalité\",\"Base légale\"").contains("Respect de nos obligations légales de conservation")
                .contains("clauses contractuelles types");
        assertThat(pdf("/api/v1/registers/processing.pdf")).isTrue();
        assertThat(dpo.http().get("/api/v1/registers/disclosures.csv?lang=en").body())
                .startsWith("\uFEFF\"Reference\",\"Authority\",\"Legal basis\"");
        assertThat(pdf("/api/v1/registers/disclosures.pdf")).isTrue();
        assertThat(pdf("/api/v1/registers/subcontractors.pdf")).isTrue();
        assertThat(dpo.http().get("/backoffice").body()).contains("/backoffice/registres");
        String index = dpo.http().get("/backoffice/registres?lang=en").body();
        assertThat(index).contains("Register of disclosures to authorities").contains("/api/v1/registers/processing.pdf");
        // Not for other roles.
        Staff adv = Staff.signedIn(directory, port, "adv");
        assertThat(adv.http().get("/api/v1/registers/processing.csv", "Accept", "application/json").statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("R6.6 L6 the registers' PDF files are tagged for screen readers (PDF/UA-1: structure tree, identifier in XMP), titled, "
            + "in the reader's language, their font embedded")
    void taggedRegisterPdfs() {
        String processing = TaggedPdfChecks.assertTagged(pdfBytes("/api/v1/registers/processing.pdf"), "fr",
                "Registre des activités de traitement (art. 30 RGPD)");
        assertThat(processing).contains("Registre des activités de traitement", "Finalité");
        String breaches = TaggedPdfChecks.assertTagged(pdfBytes("/api/v1/registers/breaches.pdf?lang=en"), "en",
                "Register of personal data breaches (GDPR Art. 33(5))");
        assertThat(breaches).contains("Register of personal data breaches");
    }

    @Test
    @DisplayName("L6 the breach register exports as CSV and PDF, each breach with its facts, effects, remedial action and clock, staff by name")
    void breaches() {
        String title = "Lost laptop " + UUID.randomUUID();
        HttpResponse<String> recorded = dpo.http().json("POST", "/api/v1/breaches", Json.write(Map.of("title", title,
                "discoveredAt", clock.instant().minusSeconds(3600).toString(), "discoveredHow", "Reported by the employee",
                "nature", List.of("confidentiality"), "categories", List.of("identity", "contact"), "approximatePeople", 120,
                "approximateRecords", 300, "consequences", "Phishing", "measuresTaken", "Remote wipe", "measuresPlanned", "Disk encryption")));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        String csv = dpo.http().get("/api/v1/registers/breaches.csv").body();
        assertThat(csv).startsWith("\uFEFF\"Violation\",\"Découverte le\"").contains(title, "Confidentialité", "Remote wipe", "Non évalué",
                "En cours", dpo.member().displayName());
        assertThat(dpo.http().get("/api/v1/registers/breaches.csv?lang=en").body()).startsWith("\uFEFF\"Breach\",\"Discovered\"")
                .contains("Confidentiality", "Not assessed");
        assertThat(pdf("/api/v1/registers/breaches.pdf")).isTrue();
        assertThat(dpo.http().get("/backoffice/registres").body()).contains("/api/v1/registers/breaches.pdf");
    }

    /** The PDF file downloaded with the DPO's session cookie. */
    byte[] pdfBytes(String path) {
        HttpResponse<byte[]> response = dpo.http().getBytes(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        return response.body();
    }

    /** Whether the answer is a PDF file (fetched with the DPO's session cookie). */
    boolean pdf(String path) {
        HttpResponse<String> response = dpo.http().get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
        return response.body().startsWith("%PDF-");
    }
}
