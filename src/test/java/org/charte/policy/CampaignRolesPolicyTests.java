package org.charte.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charte.testing.PolicyFixtures.lineOf;
import static org.charte.testing.PolicyFixtures.with;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The marketing section's {@code campaigns.roles}: who may define and send campaigns (R9.9, R4.2). */
class CampaignRolesPolicyTests {

    private static final String ROLES = "    roles: [adv]";

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

    @Test
    @DisplayName("R9.9 R4.2 the shipped v1.2 file lets sales administration define and send campaigns")
    void shipped() {
        assertThat(PolicyLoader.loadDefault().marketing().campaignRoles()).containsExactly("adv");
    }

    @Test
    @DisplayName("R9.9 without a campaigns entry nobody may define campaigns")
    void absent() {
        String none = with("  campaigns:                                  # who defines, dry-runs and sends campaigns (a role serving a marketing purpose)\n"
                + ROLES + "\n", "");
        assertThat(PolicyLoader.parse("test-policy.yaml", none).marketing().campaignRoles()).isEmpty();
    }

    @Test
    @DisplayName("R9.9 an unknown role is refused, naming the path")
    void unknownRole() {
        String text = with(ROLES, "    roles: [adv, marketing-team]");
        assertProblem(text, "    roles: [adv, marketing-team]", "marketing.campaigns.roles names unknown role 'marketing-team'");
    }

    @Test
    @DisplayName("R4.2 a role that serves none of the marketing purposes is refused")
    void roleWithoutMarketingPurpose() {
        String text = with(ROLES, "    roles: [development]");
        assertProblem(text, "    roles: [development]",
                "marketing.campaigns.roles: role 'development' serves none of the marketing purposes (commercial-statistics, customer-reviews, loyalty-prospecting, newsletters)");
    }

    @Test
    @DisplayName("R9.9 an unknown key under campaigns is refused")
    void unknownKey() {
        String text = with(ROLES, ROLES + "\n    senders: [adv]");
        try {
            PolicyLoader.parse("test-policy.yaml", text);
        } catch (InvalidPolicyException e) {
            assertThat(e.getMessage()).contains("senders");
            return;
        }
        throw new AssertionError("the policy was accepted");
    }
}
