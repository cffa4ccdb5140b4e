package org.charte.marketing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.charte.policy.MarketingChannel;
import org.charte.policy.Policy;
import org.charte.policy.Text;
import org.jspecify.annotations.Nullable;

/**
 * The rule every marketing message template obeys (L9, R9.9): in French and in English, it names
 * the sender and tells how to object for free, as the policy's marketing section words them, either
 * literally or through the placeholders {@value #SENDER} and {@value #OBJECTION} that sending fills
 * in; an SMS ends with its STOP instruction. A template for a channel the policy does not use (and
 * so never push or in-app, R9.10) is refused too. Comparison ignores case and runs of white space.
 */
public final class MessageTemplates {

    public static final String SENDER = "{sender}";
    public static final String OBJECTION = "{objection}";
    /** The longest template accepted, in characters (an SMS template: {@value #MAX_SMS_LENGTH}). */
    public static final int MAX_LENGTH = 20_000;
    public static final int MAX_SMS_LENGTH = 1_000;

    /** What is wrong with one language of a template: {@code field} is {@code fr} or {@code en}. */
    public record Problem(String field, String code, String message) {}

    private MessageTemplates() {}

    /** Every problem of a template (FR and EN) for a channel under the policy's marketing section; empty when it may be used. */
    public static List<Problem> check(MarketingChannel channel, Text template, Policy.Marketing marketing) {
        List<Problem> problems = new ArrayList<>();
        if (!marketing.allows(channel)) {
            problems.add(new Problem("channel", "channel-not-allowed",
                    "the policy does not solicit by " + channel.code()));
        }
        check("fr", channel, template.fr(), marketing.sender().fr(), marketing.objection(channel).map(Text::fr).orElse(null),
                marketing, problems);
        check("en", channel, template.en(), marketing.sender().en(), marketing.objection(channel).map(Text::en).orElse(null),
                marketing, problems);
        return problems;
    }

    private static void check(String field, MarketingChannel channel, String text, String sender,
            @Nullable String objection, Policy.Marketing marketing, List<Problem> problems) {
        int max = channel == MarketingChannel.SMS ? MAX_SMS_LENGTH : MAX_LENGTH;
        if (text.isBlank()) {
            problems.add(new Problem(field, "blank", "the template is empty"));
            return;
        }
        if (text.length() > max) {
            problems.add(new Problem(field, "too-long", "the template is longer than " + max + " characters"));
            return;
        }
        if (text.codePoints().anyMatch(MessageTemplates::forbidden)) {
            problems.add(new Problem(field, "control-characters", "the template contains control or bidirectional characters"));
            return;
        }
        String body = normal(text);
        if (!body.contains(SENDER) && !body.contains(normal(sender))) {
            problems.add(new Problem(field, "no-sender", "the template does not name the sender (" + SENDER + " or '" + sender + "')"));
        }
        List<String> forms = new ArrayList<>();
        forms.add(OBJECTION);
        if (objection != null) {
            forms.add(normal(objection));
            String number = marketing.sms() == null ? null : marketing.sms().number();
            if (number != null) {
                forms.add(normal(objection.replace("{number}", number)));
            }
        }
        boolean present = forms.stream().anyMatch(body::contains);
        if (!present) {
            problems.add(new Problem(field, "no-objection", "the template does not tell how to object ("
                    + OBJECTION + (objection == null ? "" : " or '" + objection + "'") + ")"));
        } else if (channel == MarketingChannel.SMS && forms.stream().noneMatch(form -> trimmedEnd(body).endsWith(trimmedEnd(form)))) {
            problems.add(new Problem(field, "objection-not-last", "an SMS ends with its STOP instruction"));
        }
    }

    private static boolean forbidden(int c) {
        if (c == '\n' || c == '\r' || c == '\t') {
            return false;
        }
        return Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    private static String normal(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String trimmedEnd(String text) {
        return text.replaceAll("[\\s.!]+$", "");
    }
}
