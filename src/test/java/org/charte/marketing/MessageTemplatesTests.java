package org.charte.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.charte.marketing.MessageTemplates.Problem;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.policy.PolicyLoader;
import org.charte.policy.Text;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MessageTemplatesTests {

    private final Policy.Marketing marketing = PolicyLoader.loadDefault().marketing();

    private List<String> codes(MarketingChannel channel, String fr, String en) {
        return MessageTemplates.check(channel, new Text(fr, en), marketing).stream()
                .map(p -> p.field() + ":" + p.code()).toList();
    }

    @Test
    @DisplayName("L9 a template naming the sender and the objection, by placeholder or in the policy's words, is accepted")
    void accepted() {
        assertThat(codes(MarketingChannel.EMAIL, "Bonjour, {sender} vous propose… {objection}",
                "Hello, {sender} offers… {objection}")).isEmpty();
        assertThat(codes(MarketingChannel.EMAIL,
                "ICS-Informatique, éditeur de Gestan Cloud, vous propose…\nPour ne plus recevoir nos offres par e-mail, cliquez sur le lien de désabonnement : {link}",
                "ICS-INFORMATIQUE, publisher of Gestan Cloud, offers…  To stop receiving our offers by e-mail, click the unsubscribe link: {link}"))
                .isEmpty();
        assertThat(codes(MarketingChannel.SMS, "{sender} : -20 % ce mois-ci. STOP SMS au {number}",
                "{sender}: 20% off this month. {objection}")).isEmpty();
    }

    @Test
    @DisplayName("L9 a template without the sender's identity or the objection instructions is refused, language by language")
    void refused() {
        assertThat(codes(MarketingChannel.EMAIL, "Profitez de nos offres ! {objection}", "{sender} offers you…"))
                .containsExactly("fr:no-sender", "en:no-objection");
        List<Problem> problems = MessageTemplates.check(MarketingChannel.EMAIL, new Text("Offres", "Offers"), marketing);
        assertThat(problems).extracting(Problem::code).containsExactly("no-sender", "no-objection", "no-sender", "no-objection");
        assertThat(problems.get(1).message()).contains("{objection}").contains("lien de désabonnement");
    }

    @Test
    @DisplayName("L9 an SMS ends with its STOP instruction")
    void smsEndsWithStop() {
        assertThat(codes(MarketingChannel.SMS, "{sender} {objection} : -20 % ce mois-ci",
                "{sender}: 20% off. STOP SMS to {number}.")).containsExactly("fr:objection-not-last");
    }

    @Test
    @DisplayName("R9.10 L9 no template for a channel the policy does not use; empty, huge and bidi templates are refused")
    void badInput() {
        Policy.Marketing noSms = new Policy.Marketing(List.of(MarketingChannel.EMAIL), marketing.bases(),
                marketing.unsubscribe(), marketing.sender(), marketing.objection(), marketing.sms(),
                marketing.suppressionRetention(), marketing.otherChannels(), marketing.intro(), marketing.notices());
        assertThat(MessageTemplates.check(MarketingChannel.SMS, new Text("{sender} {objection}", "{sender} {objection}"), noSms))
                .extracting(Problem::code).containsExactly("channel-not-allowed");
        assertThat(codes(MarketingChannel.EMAIL, " ", "{sender} {objection}\u202E")).containsExactly("fr:blank", "en:control-characters");
        assertThat(codes(MarketingChannel.SMS, "{sender} " + "x".repeat(MessageTemplates.MAX_SMS_LENGTH) + " {objection}",
                "{sender} {objection}")).containsExactly("fr:too-long");
    }
}
