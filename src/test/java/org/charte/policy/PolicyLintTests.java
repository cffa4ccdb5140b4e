package org.charte.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.charte.testing.PolicyFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PolicyLintTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    private final Policy shipped = PolicyLoader.loadDefault();

    private static List<String> laws(List<LintFinding> findings) {
        return findings.stream().map(LintFinding::law).toList();
    }

    @Test
    @DisplayName("L1 L2 L3 L4 L5 L6 L7 the shipped v1.2 policy lags the law on every L-row (L4: 10 years for former clients, the law's 3), each finding complete")
    void shippedPolicyFindings() {
        List<LintFinding> findings = PolicyLint.lint(shipped, TODAY);
        assertThat(laws(findings)).containsExactly("L1", "L2", "L3", "L4", "L5", "L6", "L7");
        assertThat(findings.get(3).rule()).contains("3 years").contains("10 years");
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.clause()).contains("§");
            assertThat(f.rule()).isNotBlank();
            assertThat(f.source()).isNotBlank();
            assertThat(f.fix()).isNotBlank();
            assertThat(f.stricterRule()).isNotBlank();
        });
        assertThat(findings.get(1).source()).contains("loi n° 2025-594");
    }

    @Test
    @DisplayName("L4 an inactive-client rule that erases everything after 10 years, without an intermediate archive, is a finding")
    void withoutArchive() {
        String text = PolicyFixtures.shipped().replace("    then: archive                             # L4", "    then: erase # L4");
        List<LintFinding> findings = PolicyLint.lint(PolicyLoader.parse("no-archive.yaml", text), TODAY);
        assertThat(laws(findings)).contains("L4");
        assertThat(findings.stream().filter(f -> f.law().equals("L4")).findFirst().orElseThrow().rule()).contains("10 years");
    }

    @Test
    @DisplayName("L4 former clients kept 3 years before the archive answer L4; longer is a finding")
    void formerClientsThreeYears() {
        String threeYears = PolicyFixtures.with("whichever is later\n    duration: P10Y", "whichever is later\n    duration: P3Y");
        assertThat(laws(PolicyLint.lint(PolicyLoader.parse("three.yaml", threeYears), TODAY))).doesNotContain("L4");
        String fourYears = PolicyFixtures.with("whichever is later\n    duration: P10Y", "whichever is later\n    duration: P3Y1D");
        assertThat(laws(PolicyLint.lint(PolicyLoader.parse("four.yaml", fourYears), TODAY))).contains("L4");
    }

    @Test
    @DisplayName("L2 phone prospecting on the opposition list is only a finding from 11 August 2026")
    void phoneConsentLawDate() {
        assertThat(laws(PolicyLint.lint(shipped, LocalDate.of(2026, 8, 10)))).doesNotContain("L2");
        assertThat(laws(PolicyLint.lint(shipped, LocalDate.of(2026, 8, 11)))).contains("L2");
    }

    @Test
    @DisplayName("L1 L2 L3 L4 L5 L6 L7 a policy brought up to the law has no finding")
    void compliantPolicy() {
        String text = PolicyFixtures.shipped()
                .replace("  rights: [access, rectification, erasure, objection, portability, post-mortem]",
                        "  rights: [access, rectification, erasure, restriction, objection, portability, post-mortem]\n"
                                + "  answerDeadline: P1M\n  extension: P2M")
                .replace("  objectionRequiresMotive: true", "  objectionRequiresMotive: false")
                .replace("  recipientsNotified: false", "  recipientsNotified: true")
                .replace("  identityDocumentDeleted: false", "  identityDocumentDeleted: true")
                .replace("  phoneBasis: opposition-list", "  phoneBasis: consent")
                .replace("  collection: browser-settings", "  collection: banner")
                .replace("  reaskAfter: P13M", "  reaskAfter: P6M")
                .replace("  proofKept: false", "  proofKept: true")
                .replace("whichever is later\n    duration: P10Y", "whichever is later\n    duration: P3Y")
                .replace("  - id: hosted-credentials ", "  - id: payment-card\n    source: relationship\n    paymentCard: true\n"
                        + "    subjects: [client-active, client-inactive]\n    label: {fr: Carte bancaire, en: Bank card}\n"
                        + "  - id: hosted-credentials ")
                .replace("retention:                                    # §5\n", "retention:                                    # §5\n"
                        + "  - id: card-payments\n    label: {fr: Cartes, en: Cards}\n    categories: [payment-card]\n"
                        + "    start: [debit]\n    duration: P13M\n    then: erase\n")
                + "\nbreaches:\n  registerKept: true\n  notifyAuthorityWithin: P3D\n";
        Policy upToDate = PolicyLoader.parse("up-to-date.yaml", text);
        assertThat(PolicyLint.lint(upToDate, TODAY)).isEmpty();
    }
}
