package org.charte.marketing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.charte.common.InvalidInputException.FieldError;
import org.charte.marketing.Capacity;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.charte.policy.Text;
import org.charte.subjects.Contacts;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The rule a campaign definition obeys before anything is stored, and how a template becomes a message (plain unit tests). */
class CampaignInputTests {

    static final Policy POLICY = PolicyLoader.loadDefault();
    static final List<String> PLANS = List.of("GESTAN-CLOUD-PRO");

    static CampaignInput.Form form(String channel, String bodyFr, String bodyEn) {
        return new CampaignInput.Form("Printemps", "loyalty-prospecting", channel, channel.equals("email") ? "Objet" : null,
                channel.equals("email") ? "Subject" : null, bodyFr, bodyEn, List.of("client-active"), List.of("GESTAN-CLOUD-PRO"),
                List.of("FR-IDF", "FR-RE"), "professional", "2026-01-01", "2026-06-30");
    }

    static List<String> fields(CampaignInput.Checked checked) {
        return checked.errors().stream().map(FieldError::field).toList();
    }

    @Test
    @DisplayName("R9.9 L9 a definition naming the sender and the objection in both languages, with known codes, is accepted with its segment")
    void accepted() {
        CampaignInput.Checked checked = CampaignInput.check(form("email", "Bonjour {sender} {objection}", "Hello {sender} {objection}"), POLICY, PLANS);
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.definition().channel()).isEqualTo(MarketingChannel.EMAIL);
        assertThat(checked.definition().segment().statuses()).containsExactly(SubjectStatus.CLIENT_ACTIVE);
        assertThat(checked.definition().segment().regions()).containsExactlyInAnyOrder("FR-IDF", "FR-RE");
        assertThat(checked.definition().segment().capacity()).isEqualTo(Capacity.PROFESSIONAL);
        CampaignInput.Checked post = CampaignInput.check(form("post", null, null), POLICY, PLANS);
        assertThat(post.errors()).as("a letter's text is optional").isEmpty();
        assertThat(post.definition().body()).isNull();
    }

    @Test
    @DisplayName("L9 R9.10 templates without sender or objection, an SMS not ending with STOP, push, unknown codes: each field named, no definition")
    void refused() {
        CampaignInput.Checked mute = CampaignInput.check(form("email", "Achetez", "Buy"), POLICY, PLANS);
        assertThat(mute.definition()).isNull();
        assertThat(fields(mute)).containsExactlyInAnyOrder("body.fr", "body.en");
        assertThat(mute.errors().getFirst().message()).contains("no-sender");
        CampaignInput.Checked sms = CampaignInput.check(form("sms", "{objection} {sender}", "{sender} {objection}"), POLICY, PLANS);
        assertThat(fields(sms)).containsExactly("body.fr");
        assertThat(sms.errors().getFirst().message()).startsWith("objection-not-last");
        assertThat(fields(CampaignInput.check(form("push", "x", "y"), POLICY, PLANS))).containsExactly("channel");
        CampaignInput.Form codes = new CampaignInput.Form("\u202Eevil", "billing", "post", null, null, null, null,
                Arrays.asList("prospect", null, "client"), List.of("NOPE"), List.of("FR-XX"), "robot", "2026-02-30", "x");
        assertThat(fields(CampaignInput.check(codes, POLICY, PLANS))).containsExactlyInAnyOrder("name", "marketingPurpose",
                "segment.statuses[1]", "segment.statuses", "segment.plans", "segment.regions", "segment.capacity", "segment.lastContactFrom",
                "segment.lastContactTo");
        CampaignInput.Form huge = new CampaignInput.Form("x".repeat(600_000), "loyalty-prospecting", "sms", null, null, "y".repeat(600_000), "z",
                null, null, null, null, null, null);
        CampaignInput.Checked tooLong = CampaignInput.check(huge, POLICY, PLANS);
        assertThat(fields(tooLong)).contains("name", "body.fr");
        assertThat(tooLong.errors()).allSatisfy(e -> assertThat(e.message()).doesNotContain("xxxxxxxx").doesNotContain("yyyyyyyy"));
    }

    @Test
    @DisplayName("L9 a message fills the sender and the objection, with the unsubscribe link or the STOP number, in the person's language")
    void render() {
        Text template = new Text("Offre. {sender} {objection}", "Offer. {sender} {objection}");
        String fr = CampaignMessages.render(MarketingChannel.EMAIL, template, Locale.FRENCH, POLICY.marketing(), "https://x.example/u/T");
        assertThat(fr).isEqualTo("Offre. ICS-Informatique, éditeur de Gestan Cloud Pour ne plus recevoir nos offres par e-mail, "
                + "cliquez sur le lien de désabonnement : https://x.example/u/T");
        Text sms = new Text("{sender} : offre. {objection}", "{sender}: offer. {objection}");
        assertThat(CampaignMessages.render(MarketingChannel.SMS, sms, Locale.ENGLISH, POLICY.marketing(), "36180"))
                .isEqualTo("ICS-Informatique, publisher of Gestan Cloud: offer. STOP SMS to 36180");
        assertThat(CampaignMessages.language(Contacts.none())).isEqualTo(Locale.FRENCH);
        assertThat(CampaignMessages.language(new Contacts(List.of(new PostalAddress(List.of("1 High Street"), "SW1A 2AA", "London", "GB")),
                List.of(), List.of()))).isEqualTo(Locale.ENGLISH);
    }
}
