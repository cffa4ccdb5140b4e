package org.charte.web.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.charte.common.Zones;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * An enum value in the page's words (L10), for templates: {@code ${@codes.word(row.status)}} reads
 * the key {@code code.<type>.<value>} ({@code code.invoice-status.unpaid}), the type being the
 * enum's simple name with its enclosing class's, in kebab case. A value without words is shown as
 * its lower-case code, never as the constant's name.
 */
@Component("codes")
public class CodeWords {

    private final MessageSource messages;
    private final Policy policy;

    CodeWords(MessageSource messages, Policy policy) {
        this.messages = messages;
        this.policy = policy;
    }

    /** A role of the policy by its label ({@code adv} gives "Administration des ventes (ADV)"). */
    public String role(@Nullable String code) {
        return code == null ? "" : policy.role(code).map(r -> r.label().in(LocaleContextHolder.getLocale())).orElse(code);
    }

    /** A kind of record ({@code invoice}, {@code subscription}, ...) in words: {@code code.record.<type>}. */
    public String record(@Nullable String type) {
        return type == null ? "" : messages.getMessage("code.record." + type, null, type, LocaleContextHolder.getLocale());
    }

    /** An instant as people read it, in Paris time: "15/01/2027 à 09:30", "15 Jan 2027, 09:30". */
    public String when(@Nullable Instant at) {
        if (at == null) {
            return "";
        }
        Locale locale = LocaleContextHolder.getLocale();
        DateTimeFormatter format = "en".equals(locale.getLanguage())
                ? DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
                : DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm", Locale.FRENCH);
        return format.format(at.atZone(Zones.PARIS));
    }

    public String word(Enum<?> value) {
        String code = kebab(value.name());
        return messages.getMessage(key(value), null, code, LocaleContextHolder.getLocale());
    }

    /** The key an enum value is worded by. */
    public static String key(Enum<?> value) {
        String type = value.getDeclaringClass().getName();
        type = type.substring(type.lastIndexOf('.') + 1).replace('$', '-');
        return "code." + kebab(type.replaceAll("([a-z0-9])([A-Z])", "$1-$2")) + "." + kebab(value.name());
    }

    private static String kebab(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
