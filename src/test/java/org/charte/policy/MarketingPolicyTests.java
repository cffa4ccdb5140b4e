package org.charte.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charte.testing.PolicyFixtures.lineOf;
import static org.charte.testing.PolicyFixtures.v12With;

import java.time.LocalDate;
import java.time.Period;
import org.charte.policy.Policy.Unsubscribe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The policy file's marketing section (§9.2): what it declares and what the validator refuses. */
class MarketingPolicyTests {

    private final Policy.Marketing marketing = PolicyLoader.loadShipped(PolicyLoader.V1_2_RESOURCE).marketing();

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
    @DisplayName("R9.9 R9.10 L9 the shipped v1.2 section: four channels, no app, its bases, its sender, objections and suppression list")
    void shippedSection() {
        assertThat(marketing.channels()).containsExactly(MarketingChannel.EMAIL, MarketingChannel.SMS,
                MarketingChannel.PHONE, MarketingChannel.POST);
        assertThat(marketing.bases(MarketingChannel.EMAIL)).containsExactly(MarketingBasis.CLIENT_ANALOGOUS);
        assertThat(marketing.bases(MarketingChannel.SMS)).containsExactly(MarketingBasis.CLIENT_ANALOGOUS);
        assertThat(marketing.bases(MarketingChannel.PHONE)).containsExactly(MarketingBasis.OPPOSITION_LIST);
        assertThat(marketing.bases(MarketingChannel.POST)).containsExactly(MarketingBasis.UNLESS_OBJECTED);
        assertThat(marketing.unsubscribe()).isEqualTo(Unsubscribe.LINK);
        assertThat(marketing.sender().fr()).contains("ICS-Informatique");
        assertThat(marketing.objection(MarketingChannel.SMS)).hasValueSatisfying(t -> assertThat(t.fr()).contains("STOP").contains("{number}"));
        assertThat(marketing.objection(MarketingChannel.EMAIL)).hasValueSatisfying(t -> assertThat(t.en()).contains("{link}"));
        assertThat(marketing.objection(MarketingChannel.PHONE)).isEmpty();
        assertThat(marketing.sms()).isNotNull();
        assertThat(marketing.sms().number()).as("from the SMS gateway's configuration").isNull();
        assertThat(marketing.suppressionRetention()).isEqualTo(Period.ofYears(3));
        assertThat(marketing.otherChannels()).isEqualTo("customer-service");
        assertThat(marketing.notices()).hasSize(4);
        assertThat(PolicyLoader.loadShipped(PolicyLoader.V1_2_RESOURCE).marketingPurposes()).extracting(Policy.Purpose::id)
                .containsExactly("newsletters", "loyalty-prospecting", "customer-reviews", "commercial-statistics");
    }

    @Test
    @DisplayName("R9.10 a push or in-app channel is refused, naming the path and the promise")
    void noAppChannel() {
        String push = v12With("  channels: [email, sms, phone, post]", "  channels: [email, sms, phone, post, push]");
        assertProblem(push, "  channels: [email, sms, phone, post, push]",
                "marketing.channels: 'push' is not a marketing channel: the policy promises no commercial solicitation through the mobile apps (§9.2, R9.10)");
        String inApp = v12With("    post: [unless-objected]", "    post: [unless-objected]\n    in-app: [consent]");
        assertProblem(inApp, "    in-app: [consent]", "marketing.bases: 'in-app' is not a marketing channel");
        String fax = v12With("  channels: [email, sms, phone, post]", "  channels: [email, fax]");
        assertProblem(fax, "  channels: [email, fax]", "marketing.channels: unknown marketing channel 'fax'; expected one of email, sms, phone, post");
        String notice = v12With("      channels: [phone]", "      channels: [phone, push]");
        assertProblem(notice, "      channels: [phone, push]", "marketing.notices.channels: 'push' is not a marketing channel");
    }

    @Test
    @DisplayName("R9.9 every channel in use has bases that fit it; an unknown basis is refused")
    void bases() {
        String unknown = v12With("    post: [unless-objected]", "    post: [whenever]");
        assertProblem(unknown, "    post: [whenever]", "marketing.bases.post: unknown basis 'whenever'");
        String bloctelByMail = v12With("    email: [client-analogous]", "    email: [opposition-list]");
        assertProblem(bloctelByMail, "    email: [opposition-list]", "basis 'opposition-list' does not apply to channel 'email'");
        String none = v12With("    post: [unless-objected]                   # \"Sollicitations par tout autre moyen\"\n", "");
        assertProblem(none, "    email: [client-analogous]", "marketing.bases gives no basis for channel 'post', which marketing.channels uses");
        String unused = v12With("  channels: [email, sms, phone, post]", "  channels: [email, sms, post]");
        assertProblem(unused, "    phone: [opposition-list]", "marketing.bases.phone: channel 'phone' is not in marketing.channels");
    }

    @Test
    @DisplayName("L9 an e-mail's objection instruction must place the unsubscribe link; §9.2 speaks of every channel in use")
    void objectionAndNotices() {
        String noLink = v12With("cliquez sur le lien de désabonnement : {link}", "cliquez sur le lien de désabonnement");
        assertProblem(noLink, "    email: {fr: \"Pour ne plus", "does not place {link} (the unsubscribe link)");
        String silent = v12With("      channels: [post]\n", "");
        assertProblem(silent, "    - heading: {fr: \"Sollicitations commerciales par voie", "§9.2 says nothing of channel 'post'");
        String purpose = v12With("  otherChannels: customer-service", "  otherChannels: front-desk");
        assertProblem(purpose, "  otherChannels: front-desk", "marketing.otherChannels names unknown purpose 'front-desk'");
        String number = v12With("  sms:                                        #", "  sms:\n    stopNumber: call-me\n    #");
        assertProblem(number, "    stopNumber: call-me", "marketing.sms.stopNumber 'call-me' is neither a short number");
    }

    @Test
    @DisplayName("R1.1 L2 a file stored with the earlier flat marketing section stays readable: its flags become channels and bases")
    void legacySection() {
        String legacy = v12With(PolicyLoader.shippedContent(PolicyLoader.V1_2_RESOURCE).substring(PolicyLoader.shippedContent(PolicyLoader.V1_2_RESOURCE).indexOf("marketing:                                    # §9.2"),
                PolicyLoader.shippedContent(PolicyLoader.V1_2_RESOURCE).indexOf("securityMeasures:")), """
                marketing:
                  electronicToExistingClientsOnly: true
                  unsubscribeLink: true
                  smsStop: true
                  mobileAppSolicitation: false
                  phoneBasis: opposition-list
                  otherChannels: customer-service

                """);
        Policy.Marketing old = PolicyLoader.parse("legacy.yaml", legacy).marketing();
        assertThat(old.channels()).hasSize(4);
        assertThat(old.bases(MarketingChannel.PHONE)).containsExactly(MarketingBasis.OPPOSITION_LIST);
        assertThat(old.bases(MarketingChannel.EMAIL)).containsExactly(MarketingBasis.CLIENT_ANALOGOUS);
        assertThat(old.notices().getFirst().paragraphs()).anySatisfy(t -> assertThat(t.fr()).contains("bloctel"));
        assertThat(PolicyLint.lint(PolicyLoader.parse("legacy.yaml", legacy), LocalDate.of(2026, 11, 26)))
                .extracting(LintFinding::law).contains("L2", "L9");
    }
}
