package org.charte.web.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.charte.access.AccessWords;
import org.charte.common.Days;
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

    /** An instant as people read it, in Paris time: "15/01/2027 à 09:30", "15 Jan 2027, 09:30" ({@link Days}). */
    public String when(@Nullable Instant at) {
        return Days.when(at, LocaleContextHolder.getLocale());
    }

    /** An instant to the second, in Paris time: "15/01/2027 à 09:30:12", "15 Jan 2027, 09:30:12" ({@link Days}). */
    public String second(@Nullable Instant at) {
        return Days.second(at, LocaleContextHolder.getLocale());
    }

    /** A day as people read it: "15/01/2027", "15 Jan 2027" ({@link Days}). */
    public String day(@Nullable LocalDate on) {
        return Days.day(on, LocaleContextHolder.getLocale());
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
     * A field of a stored record of that type (an archived invoice, its holder's address): a code
     * worded by {@code code.<type>-<field>.<value>} ({@code code.invoice-status.paid},
     * {@code code.payment-method.direct-debit}, {@code code.subscription-plan-code.gestan-cloud-pro}),
     * else by {@code code.<field>.<value>} ({@code code.currency.eur}); a country by its name; an id
     * by its short reference; an amount with two decimals as the page's language writes it ("1 350,00",
     * "1,350.00"); anything else (a number, a date, a product's reference) as it was stored.
     */
    public String value(@Nullable String type, String field, @Nullable Object value) {
        if (value == null || value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return value(value);
        }
        Locale locale = LocaleContextHolder.getLocale();
        if (value instanceof Number number && MONEY_FIELD.matcher(field).find()) {
            NumberFormat money = NumberFormat.getNumberInstance("en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.FRENCH);
            money.setMinimumFractionDigits(2);
            money.setMaximumFractionDigits(2);
            return money.format(new BigDecimal(number.toString()));
        }
        String text = value.toString();
        if (CODE_TEXT.matcher(text).matches()) {
            String code = kebab(text);
            String name = kebab(field.replaceAll("([a-z0-9])([A-Z])", "$1-$2"));
            String word = type == null ? null : messages.getMessage("code." + type + "-" + name + "." + code, null, null, locale);
            word = word != null ? word : messages.getMessage("code." + name + "." + code, null, null, locale);
            if (word != null) {
                return word;
            }
            if (name.equals("country") && COUNTRY.matcher(text).matches()) {
                String country = Locale.of("", text).getDisplayCountry(locale);
                return country.isEmpty() || country.equals(text) ? text : country;
            }
        }
        return UUID_TEXT.matcher(text).matches() ? ref(text) : text;
    }

    /**
     * The lines of a stored record (an archived order's lines) as a page lists them, one text per
     * line: each field labelled by {@code <labels><field>} and worded as {@link #value(String, String, Object)}
     * with the type {@code <type>-line} ("Produit : GESTAN-PRO · Quantité : 2"); empty when the value is no list of lines.
     */
    public List<String> lines(@Nullable String type, @Nullable Object value, String labels) {
        if (!(value instanceof Collection<?> items) || items.isEmpty() || !items.stream().allMatch(i -> i instanceof Map<?, ?>)) {
            return List.of();
        }
        Locale locale = LocaleContextHolder.getLocale();
        return items.stream().map(i -> String.join(" · ", ((Map<?, ?>) i).entrySet().stream().map(e -> {
            String field = String.valueOf(e.getKey());
            String label = messages.getMessage(labels + field, null, field, locale);
            return messages.getMessage("codes.field", new Object[] {label, value(type == null ? null : type + "-line", field, e.getValue())}, locale);
        }).toList())).toList();
    }

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** A stored value that may be a code: letters, digits, '-', '_' (a status, a method, a plan, a currency, a country). */
    private static final Pattern CODE_TEXT = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{1,59}");
    /** A field that holds an amount of money (an amount, a total, a unit price): two decimals, in the page's way of writing numbers. */
    private static final Pattern MONEY_FIELD = Pattern.compile("(?i)(amount|price)$");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
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
