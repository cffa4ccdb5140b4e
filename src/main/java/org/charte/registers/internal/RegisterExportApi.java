package org.charte.registers.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The accountability registers over HTTP (R7.2, R8.6, item 7 of issue 14): transfers and
 * subcontractors as JSON, and the Art. 30 register, transfers, subcontractors and disclosures as
 * CSV and PDF, in the request's language. The DPO only.
 */
@RestController
@RequestMapping("/api/v1/registers")
@Tag(name = "Registers", description = "Art. 30 register, transfers (R7.2), subcontractors (R8.6), disclosures (R6.6): JSON, CSV and PDF. The DPO only.")
class RegisterExportApi {

    private final RegisterExports exports;
    private final RegisterExportFiles files;
    private final SubcontractorRegister subcontractors;
    private final Policy policy;

    RegisterExportApi(RegisterExports exports, RegisterExportFiles files, SubcontractorRegister subcontractors, Policy policy) {
        this.exports = exports;
        this.files = files;
        this.subcontractors = subcontractors;
        this.policy = policy;
    }

    record TransferView(String id, String recipient, List<String> countries, List<String> categories, String safeguard,
            @Nullable String safeguardReferenceFr, @Nullable String safeguardReferenceEn) {}

    @GetMapping("/transfers")
    @Operation(summary = "The transfers register (R7.2)", description = "Each transfer of the policy in force with its recipient, countries, "
            + "categories and safeguard (a code: adequacy-decision, standard-contractual-clauses, binding-corporate-rules) and the instrument.")
    List<TransferView> transfers() {
        return policy.transfers().stream().map(t -> new TransferView(t.id(), t.recipient(), t.countries(), t.categories(), t.safeguard(),
                t.safeguardReference() == null ? null : t.safeguardReference().fr(),
                t.safeguardReference() == null ? null : t.safeguardReference().en())).toList();
    }

    record SubcontractorView(UUID id, String name, String role, @Nullable LocalDate contractSignedOn, @Nullable LocalDate contractEndsOn,
            boolean dataProtectionClauses, boolean contractInForce, @Nullable LocalDate lastAssessmentOn, LocalDate nextAssessmentDue,
            boolean assessmentOverdue) {}

    @GetMapping("/subcontractors")
    @Operation(summary = "The subcontractors register (R8.6)", description = "Contract dates and clauses, whether its users reach anything "
            + "today (a contract not in force blocks them), the last data-protection assessment, the next one due (a year later by "
            + "default, charte.registers.assessment-interval) and whether it is overdue.")
    List<SubcontractorView> subcontractors() {
        return subcontractors.lines().stream().map(l -> new SubcontractorView(l.subcontractor().id(), l.subcontractor().name(),
                l.subcontractor().role(), l.contractSignedOn(), l.contractEndsOn(), l.subcontractor().dataProtectionClauses(), l.contractInForce(),
                l.subcontractor().lastAssessmentOn(), l.nextAssessmentDue(), l.assessmentOverdue())).toList();
    }

    @GetMapping({"/processing.csv", "/processing.pdf", "/transfers.csv", "/transfers.pdf", "/subcontractors.csv", "/subcontractors.pdf",
            "/disclosures.csv", "/disclosures.pdf", "/breaches.csv", "/breaches.pdf"})
    @Operation(summary = "A register as CSV or PDF", description = "processing (the Art. 30 record of processing activities), transfers, "
            + "subcontractors, disclosures or breaches (L6); CSV is UTF-8 with a byte order mark, every cell quoted; in French, or in English with ?lang=en.")
    ResponseEntity<byte[]> export(HttpServletRequest request, Locale locale) {
        String file = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
        String name = file.substring(0, file.indexOf('.'));
        String format = file.substring(file.indexOf('.') + 1);
        RegisterExportTable table = exports.table(name, locale);
        if (table == null) {
            throw new IllegalStateException("no register " + name);
        }
        return files.download(table, format, locale);
    }
}
