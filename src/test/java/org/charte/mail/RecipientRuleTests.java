package org.charte.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Who the door out lets personal data go to, read from the shipped policy (§6 recipients, each purpose's recipients). */
class RecipientRuleTests {

    private final Policy policy = PolicyLoader.loadDefault();
    private final RecipientRule rule = new RecipientRule(policy);

    @Test
    @DisplayName("R1.4 the person themselves may receive their data for any purpose named")
    void personAlways() {
        assertThat(rule.refusal(Destination.person(), "rights-requests")).isEmpty();
        assertThat(rule.refusal(Destination.person(), "newsletters")).isEmpty();
    }

    @Test
    @DisplayName("R1.4 a recipient the policy lists for the purpose named is allowed; the same recipient for a purpose that does not list it is refused")
    void listedForThePurpose() {
        assertThat(policy.purpose("subscription-contract").orElseThrow().recipients()).contains("support-subcontractors");
        assertThat(rule.refusal(Destination.recipient("support-subcontractors"), "subscription-contract")).isEmpty();
        assertThat(policy.purpose("newsletters").orElseThrow().recipients()).doesNotContain("support-subcontractors");
        assertThat(rule.refusal(Destination.recipient("support-subcontractors"), "newsletters"))
                .contains("the policy does not list recipient support-subcontractors for purpose newsletters");
    }

    @Test
    @DisplayName("R1.4 a recipient the policy does not list is refused, whatever the purpose; so is a purpose the policy does not have")
    void unlisted() {
        assertThat(rule.refusal(Destination.recipient("data-broker"), "subscription-contract")).contains("the policy lists no recipient data-broker");
        assertThat(rule.refusal(Destination.recipient("internal-services"), "resale")).contains("the policy has no purpose resale");
    }

    @Test
    @DisplayName("R1.4 an authority the policy lists may receive data whatever the purpose: only a legal obligation sends data there")
    void authorities() {
        assertThat(policy.recipient("authorities").orElseThrow().type()).isEqualTo(Policy.RecipientType.AUTHORITY);
        assertThat(rule.refusal(Destination.recipient("authorities"), "billing")).isEmpty();
    }

    @Test
    @DisplayName("R1.4 a destination is a policy id and a passage names its purpose and actor as codes: an address or free text cannot slip into the audit")
    void shapes() {
        assertThatThrownBy(() -> Destination.recipient("someone@example.org")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("someone");
        assertThatThrownBy(() -> Passage.toPerson("Marketing Purpose", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Passage.toPerson("newsletters", null).by("jean.dupont")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("dupont");
        assertThat(Destination.person().category()).isEqualTo("person");
        assertThat(Destination.recipient("authorities").category()).isEqualTo("recipient:authorities");
    }
}
