package org.charte.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.charte.testing.PolicyFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PolicyLintTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    private final Policy shipped = PolicyLoader.loadShipped(PolicyLoader.V1_2_RESOURCE);

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
        String text = PolicyFixtures.v12With("    sms: [client-analogous]", "    sms: [client-analogous, unless-objected]");
        assertThat(l9(text).rule()).contains("sms to consumers needs their prior consent");
    }

    @Test
    @DisplayName("L9 an SMS without STOP, an e-mail channel without objection instruction and a suppression list not kept 3 years are findings")
    void objectionInEveryMessage() {
        String noStop = PolicyFixtures.v12With("{fr: \"STOP SMS au {number}\", en: \"STOP SMS to {number}\"}",
                "{fr: \"Désabonnement au {number}\", en: \"Unsubscribe at {number}\"}");
        assertThat(l9(noStop).rule()).contains("STOP");
        String noObjection = PolicyFixtures.v12().replaceAll("(?m)^    email: \\{fr: \"Pour ne plus recevoir.*$\n", "");
        assertThat(l9(noObjection).rule()).contains("marketing.objection.email is missing");
        String oneYear = PolicyFixtures.v12With("suppressionRetention: P3Y", "suppressionRetention: P1Y");
        assertThat(l9(oneYear).rule()).contains("3 years").contains("P1Y");
        String missing = PolicyFixtures.v12With("  suppressionRetention: P3Y                   # objections kept 3 years from the objection (L9)\n", "");
        assertThat(l9(missing).rule()).contains("missing");
    }

    @Test
    @DisplayName("L2 L9 a phone basis on consent, running contracts and professionals answers L2; one-click answers L9")
    void marketingUpToDate() {
        String text = PolicyFixtures.v12()
                .replace("    phone: [opposition-list]", "    phone: [consent, running-contract, professional]")
                .replace("  unsubscribe: link", "  unsubscribe: one-click");
        assertThat(laws(PolicyLint.lint(PolicyLoader.parse("marketing.yaml", text), TODAY))).doesNotContain("L2", "L9");
        String unlessObjected = text.replace("    phone: [consent, running-contract, professional]", "    phone: [unless-objected]");
        assertThat(laws(PolicyLint.lint(PolicyLoader.parse("phone.yaml", unlessObjected), TODAY))).contains("L2");
    }

    @Test
    @DisplayName("L4 an inactive-client rule that erases everything after 10 years, without an intermediate archive, is a finding")
    void withoutArchive() {
        List<LintFinding> findings = PolicyLint.lint(shipped, TODAY);
        assertThat(shipped.archive()).as("the published 1.2 names no intermediate archive").isEmpty();
        assertThat(laws(findings)).contains("L4");
        assertThat(findings.stream().filter(f -> f.law().equals("L4")).findFirst().orElseThrow().rule())
                .contains("10 years").contains("3 years").contains("no intermediate archive");
    }

    @Test
    @DisplayName("L4 former clients kept 3 years before the archive answer L4; longer is a finding")
    void formerClientsThreeYears() {
        String threeYears = PolicyFixtures.shipped();
        assertThat(laws(PolicyLint.lint(PolicyLoader.parse("three.yaml", threeYears), TODAY))).doesNotContain("L4");
        String tenYears = PolicyFixtures.with("whichever is later\n    duration: P3Y", "whichever is later\n    duration: P10Y");
        assertThat(PolicyLint.lint(PolicyLoader.parse("ten.yaml", tenYears), TODAY)).filteredOn(f -> f.law().equals("L4"))
                .singleElement().satisfies(f -> assertThat(f.rule()).contains("10 years before anything reaches the archive"));
        String fourYears = PolicyFixtures.with("whichever is later\n    duration: P3Y", "whichever is later\n    duration: P3Y1D");
        assertThat(laws(PolicyLint.lint(PolicyLoader.parse("four.yaml", fourYears), TODAY))).contains("L4");
    }

    @Test
    @DisplayName("L2 phone prospecting on the opposition list is only a finding from 11 August 2026")
    void phoneConsentLawDate() {
        assertThat(laws(PolicyLint.lint(shipped, LocalDate.of(2026, 8, 10)))).doesNotContain("L2");
        assertThat(laws(PolicyLint.lint(shipped, LocalDate.of(2026, 8, 11)))).contains("L2");
    }

    @Test
    @DisplayName("L10 L1 L2 L3 L4 L5 L6 L7 L8 L9 the shipped v1.3, the corrected version of 1.2, has no finding, before and after the law's dates")
    void compliantPolicy() {
        Policy upToDate = PolicyLoader.loadDefault();
        assertThat(upToDate.version()).isEqualTo("1.3");
        assertThat(PolicyLint.lint(upToDate, TODAY)).isEmpty();
        assertThat(PolicyLint.lint(upToDate, LocalDate.of(2026, 12, 3))).isEmpty();
        assertThat(PolicyLint.lint(upToDate, LocalDate.of(2027, 6, 1))).as("in force: no notice due any more").isEmpty();
    }
}
