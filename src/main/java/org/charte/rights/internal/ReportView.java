package org.charte.rights.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.charte.access.StaffMember;
import org.charte.commerce.Delivery;
import org.charte.commerce.Order;
import org.charte.commerce.Payment;
import org.charte.common.Days;
import org.charte.policy.Policy;
import org.charte.policy.Policy.RetentionRule;
import org.charte.policy.PolicyView;
import org.charte.policy.Text;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * What the access report's template reads, in the person's language: dates, amounts, the labels
 * the policy gives, and who reached the person's data, named by role (staff are not named: the
 * policy's recipients are roles).
 */
final class ReportView {

    private final PolicyView policy;
    private final MessageSource messages;
    private final Locale locale;
    private final Map<UUID, StaffMember> staff;

    ReportView(Policy policy, MessageSource messages, Locale locale, Map<UUID, StaffMember> staff) {
        this.policy = new PolicyView(policy, locale);
        this.messages = messages;
        this.locale = locale;
        this.staff = staff;
    }

    PolicyView policy() {
        return policy;
    }

    public String date(@Nullable LocalDate day) {
        return day == null ? "" : policy.date(day);
    }

    public String time(@Nullable Instant at) {
        return Days.when(at, Locale.forLanguageTag(policy.lang()));
    }

    public String money(@Nullable BigDecimal amount, String currency) {
        if (amount == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(amount) + " " + currency;
    }

    public String t(Text text) {
        return policy.t(text);
    }

    public String purpose(@Nullable String code) {
        if (code == null) {
            return "";
        }
        return policy.policy().purpose(code).map(p -> policy.t(p.label())).orElse(code);
    }

    public String categories(List<String> codes) {
        return policy.categories(codes);
    }

    /** Who reached the data: a role of the policy, an integration, the person themselves, or Charte. */
    public String who(String actor) {
        if (actor.equals("system")) {
            return message("rights.report.who.system");
        }
        if (actor.startsWith("subject:")) {
            return message("rights.report.who.you");
        }
        if (actor.startsWith("token:")) {
            return message("rights.report.who.token");
        }
        if (actor.startsWith("staff:")) {
            StaffMember member = staff.get(UUID.fromString(actor.substring("staff:".length())));
            if (member != null) {
                return policy.policy().role(member.role()).map(r -> policy.t(r.label())).orElse(member.role());
            }
            return message("rights.report.who.staff");
        }
        return actor;
    }

    public String action(String action) {
        return messages.getMessage("rights.report.action." + action, null, action, locale);
    }

    /**
     * A code of the person's records in words (a subscription's or an invoice's status, a payment
     * method, a ticket's channel, a message's direction): {@code rights.report.code.KIND.CODE}.
     */
    public String code(String kind, Enum<?> value) {
        String code = value.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return messages.getMessage("rights.report.code." + kind + "." + code, null, code, locale);
    }

    /** An order's lines in one text ("2 × FORMATION-1J (450,00 EUR) ; ..."): one cell, not one block per line. */
    public String orderLines(Order order) {
        return order.lines().stream().map(l -> l.quantity() + " × " + l.productCode() + " (" + money(l.unitPrice(), order.currency()) + ")")
                .collect(Collectors.joining(" ; "));
    }

    public String deliveries(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> String.join(", ", nonBlank(d.address().recipient(), d.address().line1(), d.address().line2(),
                        join(" ", d.address().postalCode(), d.address().city()))) + " — " + join(" ", d.carrier(), d.trackingNumber(), code("delivery", d.status())))
                .collect(Collectors.joining(" ; "));
    }

    public String payments(List<Payment> payments) {
        return payments.stream().map(p -> join(" ", date(p.paidOn()), money(p.amount(), p.currency()), code("payment", p.method()),
                        p.cardLastFour() == null ? null : "**** " + p.cardLastFour()))
                .collect(Collectors.joining(" ; "));
    }

    /** A purpose's retention rules in one text: each rule's label and its duration or how long it keeps. */
    public String retention(List<RetentionRule> rules) {
        return rules.stream().map(rule -> {
            String label = t(rule.label());
            if (rule.duration() != null) {
                return label + " : " + policy.duration(rule.duration());
            }
            if (rule.keep() != null) {
                return label + " : " + message("retention.keep." + policy.code(rule.keep()));
            }
            return label;
        }).collect(Collectors.joining(" ; "));
    }

    private static String join(String separator, @Nullable String... parts) {
        return String.join(separator, nonBlank(parts));
    }

    private static List<String> nonBlank(@Nullable String... parts) {
        List<String> out = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                out.add(part);
            }
        }
        return out;
    }

    private String message(String key) {
        return messages.getMessage(key, null, locale);
    }
}
