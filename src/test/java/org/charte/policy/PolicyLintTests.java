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
    @DisplayName("L1 L2 L3 L4 L5 L6 L7 L8 L9 the shipped v1.2 policy lags the law on every L-row (L4: 10 years for former clients, the law's 3; L8: navigation data for the site's whole life; L9: a link, not one click), each finding complete")
    void shippedPolicyFindings() {
        List<LintFinding> findings = PolicyLint.lint(shipped, TODAY);
        assertThat(laws(findings)).containsExactly("L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9");
        assertThat(findings.get(3).rule()).contains("3 years").contains("10 years");
        assertThat(findings).allSatisfy(f -> {
            assertThat(f.clause()).contains("§");
            assertThat(f.rule()).isNotBlank();
            assertThat(f.source()).isNotBlank();
            assertThat(f.fix()).isNotBlank();
            assertThat(f.stricterRule()).isNotBlank();
        });
        assertThat(findings.get(1).source()).contains("loi n° 2025-594");
        assertThat(findings.get(1).clause()).contains("marketing.bases.phone");
        assertThat(findings.get(1).rule()).contains("Bloctel");
        assertThat(findings.get(7).rule()).contains("25 months").contains("whole life of the site");
        assertThat(findings.get(8).rule()).contains("one-click").doesNotContain("STOP").doesNotContain("3 years");
    }

    private static LintFinding l9(String text) {
        return PolicyLint.lint(PolicyLoader.parse("l9.yaml", text), TODAY).stream().filter(f -> f.law().equals("L9"))
                .findFirst().orElseThrow(() -> new AssertionError("no L9 finding"));
    }

    @Test
    @DisplayName("L9 e-mail or SMS to anyone unless they object is a finding: consent by default")
    void consentByDefault() {
        String text = PolicyFixtures.with("    sms: [client-analogous]", "    sms: [client-analogous, unless-objected]");
        assertThat(l9(text).rule()).contains("sms to consumers needs their prior consent");
    }

    @Test
    @DisplayName("L9 an SMS without STOP, an e-mail channel without objection instruction and a suppression list not kept 3 years are findings")
    void objectionInEveryMessage() {
        String noStop = PolicyFixtures.with("{fr: \"STOP SMS au {number}\", en: \"STOP SMS to {number}\"}",
                "{fr: \"Désabonnement au {number}\", en: \"Unsubscribe at {number}\"}");
        assertThat(l9(noStop).rule()).contains("STOP");
        String noObjection = PolicyFixtures.shipped().replaceAll("(?m)^    email: \\{fr: \"Pour ne plus recevoir.*$\n", "");
        assertThat(l9(noObjection).rule()).contains("marketing.objection.email is missing");
        String oneYear = PolicyFixtures.with("suppressionRetention: P3Y", "suppressionRetention: P1Y");
        assertThat(l9(oneYear).rule()).contains("3 years").contains("P1Y");
        String missing = PolicyFixtures.with("  suppressionRetention: P3Y                   # objections kept 3 years from the objection (L9)\n", "");
        assertThat(l9(missing).rule()).contains("missing");
    }

    @Test
    @DisplayName("L2 L9 a phone basis on consent, running contracts and professionals answers L2; one-click answers L9")
    void marketingUpToDate() {
        String text = PolicyFixtures.shipped()
                .replace("    phone: [opposition-list]", "    phone: [consent, running-contract, professional]")
                .replace("  unsubscribe: link", "  unsubscribe: one-click");
        assertThat(laws(PolicyLint.lint(PolicyLoader.parse("marketing.yaml", text), TODAY))).doesNotContain("L2", "L9");
        String unlessObjected = text.replace("    phone: [consent, running-contract, professional]", "    phone: [unless-objected]");
        assertThat(laws(PolicyLint.lint(PolicyLoader.parse("phone.yaml", unlessObjected), TODAY))).contains("L2");
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
    @DisplayName("L1 L2 L3 L4 L5 L6 L7 L8 L9 a policy brought up to the law has no finding")
    void compliantPolicy() {
        String text = PolicyFixtures.shipped()
                .replace("  rights: [access, rectification, erasure, objection, portability, post-mortem]",
                        "  rights: [access, rectification, erasure, restriction, objection, portability, post-mortem]\n"
                                + "  answerDeadline: P1M\n  extension: P2M")
                .replace("  objectionRequiresMotive: true", "  objectionRequiresMotive: false")
                .replace("  recipientsNotified: false", "  recipientsNotified: true")
                .replace("  identityDocumentDeleted: false", "  identityDocumentDeleted: true")
                .replace("    phone: [opposition-list]", "    phone: [consent, running-contract, professional]")
                .replace("  unsubscribe: link", "  unsubscribe: one-click")
                .replace("  collection: browser-settings", "  collection: banner")
                .replace("  reaskAfter: P13M", "  reaskAfter: P6M")
                .replace("  proofKept: false", "  proofKept: true")
                .replace("whichever is later\n    duration: P10Y", "whichever is later\n    duration: P3Y")
                .replace("    categories: [navigation]\n    keep: site-lifetime", "    categories: [navigation]\n    start: [collection]\n    duration: P25M\n    then: erase")
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
