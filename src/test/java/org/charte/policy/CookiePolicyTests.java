package org.charte.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charte.testing.PolicyFixtures.lineOf;
import static org.charte.testing.PolicyFixtures.v12With;

import java.time.LocalDate;
import java.time.Period;
import org.charte.policy.Policy.Cookie;
import org.charte.policy.Policy.CookieParty;
import org.charte.policy.Policy.CookiePurpose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The policy file's cookies section (§4.4, §9.3): the cookie list, the re-ask delay, what the validator refuses, lint L3 and L8. */
class CookiePolicyTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    private final Policy shipped = PolicyLoader.loadShipped(PolicyLoader.V1_2_RESOURCE);

    private static void assertProblem(String text, String passage, String message) {
        try {
            PolicyLoader.parse("test-policy.yaml", text);
        } catch (InvalidPolicyException e) {
            assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
                assertThat(p.line()).isEqualTo(lineOf(text, passage));
                assertThat(p.message()).contains(message);
            });
            return;
        }
        throw new AssertionError("the policy was accepted");
    }

    private CookiePurpose purpose(String id) {
        return shipped.cookies().purposes().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("R9.11 R4.4 R5.4 the shipped list names each cookie with its purpose, lifetime, provider and party; choices are asked again after 6 months")
    void shippedCookieList() {
        assertThat(shipped.cookies().reaskAfter()).isEqualTo(Period.ofMonths(6));
        assertThat(purpose("functional").cookies()).extracting(Cookie::name).containsExactly("charte_consent", "JSESSIONID");
        assertThat(purpose("functional").cookies().getFirst().lifetime()).isEqualTo(Period.ofMonths(13));
        assertThat(purpose("functional").cookies().get(1).lifetime()).as("a session cookie").isNull();
        assertThat(purpose("audience").cookies()).containsExactly(new Cookie("charte_audience", Period.ofMonths(13), "ICS-Informatique", CookieParty.FIRST));
        assertThat(purpose("social-sharing").cookies()).extracting(Cookie::provider).containsExactly("LinkedIn", "X (Twitter)", "Facebook (Meta)");
        assertThat(purpose("social-sharing").cookies()).allSatisfy(c -> assertThat(c.party()).isEqualTo(CookieParty.THIRD));
        assertThat(shipped.cookies().purposes()).filteredOn(CookiePurpose::consentRequired).allSatisfy(p -> {
            assertThat(p.maxAge()).isNotNull();
            assertThat(p.cookies()).allSatisfy(c -> assertThat(PolicyLint.longer(c.lifetime(), Period.ofMonths(13))).isFalse());
        });
    }

    @Test
    @DisplayName("R5.4 L3 a consent purpose without a lifetime is refused, naming the path and its line")
    void consentPurposeWithoutLifetime() {
        String text = v12With("      consentRequired: true\n      maxAge: P13M\n      label: {fr: Mesure", "      consentRequired: true\n      label: {fr: Mesure");
        assertProblem(text, "  - id: audience", "cookies.purposes[audience].maxAge: cookie purpose 'audience' rests on consent but gives no lifetime");
    }

    @Test
    @DisplayName("R5.4 L3 a consent purpose or a cookie living over 13 months is refused, naming the path and its line")
    void overThirteenMonths() {
        String purpose = v12With("      consentRequired: true\n      maxAge: P13M\n      label: {fr: Partage", "      consentRequired: true\n      maxAge: P14M\n      label: {fr: Partage");
        assertProblem(purpose, "maxAge: P14M", "cookies.purposes[social-sharing].maxAge: cookie purpose 'social-sharing' lives longer than 13 months");
        String cookie = v12With("{name: charte_audience, lifetime: P13M,", "{name: charte_audience, lifetime: P2Y,");
        assertProblem(cookie, "{name: charte_audience, lifetime: P2Y,", "cookies.purposes[audience].cookies[charte_audience].lifetime: the cookie lives longer than 13 months");
        String noLifetime = v12With("{name: charte_audience, lifetime: P13M,", "{name: charte_audience,");
        assertProblem(noLifetime, "{name: charte_audience,", "cookies.purposes[audience].cookies[charte_audience].lifetime: a cookie of a consent purpose needs a lifetime");
        String twice = v12With("        - {name: fr, lifetime: P3M,", "        - {name: guest_id, lifetime: P3M,");
        assertProblem(twice, "        - {name: guest_id, lifetime: P3M,", "cookies.purposes[social-sharing].cookies[guest_id]: the cookie is listed twice");
        String party = v12With("provider: LinkedIn, party: third}", "provider: LinkedIn, party: fourth}");
        assertProblem(party, "party: fourth}", "fourth");
    }

    @Test
    @DisplayName("L3 the shipped v1.2 sends people to their browser settings: the lint says it is not consent and that refusing must be as prominent as accepting")
    void browserSettingsAreNotConsent() {
        LintFinding l3 = PolicyLint.lint(shipped, TODAY).stream().filter(f -> f.law().equals("L3")).findFirst().orElseThrow();
        assertThat(l3.clause()).contains("§9.3");
        assertThat(l3.rule()).contains("browser settings are not valid consent").contains("'Refuse all' as prominently as 'Accept all'")
                .contains("proof").doesNotContain("13 months at most");
        assertThat(l3.source()).contains("2020-091").contains("2020-092");
        assertThat(l3.stricterRule()).contains("Global Privacy Control").contains("6 months");
        String banner = v12With("  collection: browser-settings ", "  collection: banner ").replace("  proofKept: false ", "  proofKept: true ");
        assertThat(PolicyLint.lint(PolicyLoader.parse("banner.yaml", banner), TODAY)).noneMatch(f -> f.law().equals("L3"));
        String late = banner.replace("  reaskAfter: P6M ", "  reaskAfter: P14M ");
        assertThat(PolicyLint.lint(PolicyLoader.parse("late.yaml", late), TODAY)).filteredOn(f -> f.law().equals("L3")).singleElement()
                .satisfies(f -> assertThat(f.rule()).contains("13 months at most"));
    }

    @Test
    @DisplayName("L8 navigation data kept 'for the whole life of the site' is a finding that asks for 25 months; 25 months is not, 26 are")
    void navigationDataTwentyFiveMonths() {
        LintFinding l8 = PolicyLint.lint(shipped, TODAY).stream().filter(f -> f.law().equals("L8")).findFirst().orElseThrow();
        assertThat(l8.clause()).contains("§5").contains("navigation-data");
        assertThat(l8.rule()).contains("25 months").contains("whole life of the site");
        assertThat(l8.fix()).contains("P25M");
        assertThat(l8.stricterRule()).contains("25 months");
        String bounded = v12With("    categories: [navigation]\n    keep: site-lifetime", "    categories: [navigation]\n    start: [collection]\n    duration: P25M\n    then: erase");
        assertThat(PolicyLint.lint(PolicyLoader.parse("l8.yaml", bounded), TODAY)).noneMatch(f -> f.law().equals("L8"));
        String tooLong = bounded.replace("duration: P25M", "duration: P26M");
        assertThat(PolicyLint.lint(PolicyLoader.parse("l8.yaml", tooLong), TODAY)).filteredOn(f -> f.law().equals("L8")).singleElement()
                .satisfies(f -> assertThat(f.rule()).contains("for 26 months"));
    }
}
