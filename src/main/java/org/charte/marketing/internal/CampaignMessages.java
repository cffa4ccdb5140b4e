package org.charte.marketing.internal;

import java.util.Locale;
import org.charte.marketing.MessageTemplates;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.policy.Text;
import org.charte.subjects.Contacts;
import org.charte.subjects.PostalAddress;
import org.jspecify.annotations.Nullable;

/**
 * How a campaign's template becomes one person's message (L9, R9.9): in the person's language, its
 * {@value MessageTemplates#SENDER} replaced by the policy's sender and its
 * {@value MessageTemplates#OBJECTION} by the policy's objection instruction for the channel, whose
 * {@code {link}} is the person's one-click unsubscribe address (e-mail) and {@code {number}} the STOP
 * number (SMS). Framework-free.
 */
final class CampaignMessages {

    private CampaignMessages() {}

    /**
     * The person's language: Charte records none, so French, unless the person's first postal address
     * is outside France (then English, the policy's other language).
     */
    static Locale language(Contacts contacts) {
        if (!contacts.addresses().isEmpty()) {
            PostalAddress first = contacts.addresses().getFirst();
            if (first.country() != null && !first.country().isBlank() && !first.country().equalsIgnoreCase("FR")) {
                return Locale.ENGLISH;
            }
        }
        return Locale.FRENCH;
    }

    static String pick(Text text, Locale language) {
        return "en".equals(language.getLanguage()) ? text.en() : text.fr();
    }

    /**
     * The template in that language with its placeholders filled.
     *
     * @param address the unsubscribe address (e-mail) or the STOP number (SMS); null for other channels
     */
    static String render(MarketingChannel channel, Text template, Locale language, Policy.Marketing marketing, @Nullable String address) {
        String text = pick(template, language);
        String objection = marketing.objection(channel).map(t -> pick(t, language)).orElse("");
        if (address != null) {
            objection = objection.replace(channel == MarketingChannel.EMAIL ? "{link}" : "{number}", address);
        }
        return text.replace(MessageTemplates.SENDER, pick(marketing.sender(), language)).replace(MessageTemplates.OBJECTION, objection);
    }
}
