package org.charte.web.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.charte.access.AccessWords;
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

    /** An id as staff read it (L10): its short reference, never the whole identifier ({@link AccessWords#shortReference}). */
    public String ref(@Nullable Object id) {
        return id == null ? "" : AccessWords.shortReference(id.toString());
    }

    /**
     * A value of a stored record (an archived invoice's fields) as a page shows it: an id by its
     * short reference, a status code in lower case, a list or a map by its values; the rest as it is.
     */
    public String value(@Nullable Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof Collection<?> items) {
            return String.join(", ", items.stream().map(this::value).toList());
        }
        if (value instanceof Map<?, ?> fields) {
            return String.join(" · ", fields.values().stream().map(this::value).toList());
        }
        String text = value.toString();
        if (UUID_TEXT.matcher(text).matches()) {
            return ref(text);
        }
        return UPPER_CODE.matcher(text).matches() ? kebab(text) : text;
    }

    /**
     * A field of a stored record of that type: a code worded by {@code code.<type>-<field>.<value>}
     * when the bundles have it ({@code code.invoice-status.paid}), else as {@link #value(Object)}.
     */
    public String value(@Nullable String type, String field, @Nullable Object value) {
        String plain = value(value);
        if (value != null && type != null && UPPER_CODE.matcher(value.toString()).matches()) {
            return messages.getMessage("code." + type + "-" + kebab(field) + "." + plain, null, plain, LocaleContextHolder.getLocale());
        }
        return plain;
    }

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern UPPER_CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+|[A-Z]{4,}");

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
