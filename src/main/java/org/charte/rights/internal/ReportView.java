package org.charte.rights.internal;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.charte.access.StaffMember;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditOutcome;
import org.charte.common.Zones;
import org.charte.policy.Policy;
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
        return at == null ? "" : DateTimeFormatter.ofPattern("en".equals(policy.lang()) ? "yyyy-MM-dd HH:mm" : "dd/MM/yyyy HH:mm")
                .format(at.atZone(Zones.PARIS));
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
    public String who(AuditEntry entry) {
        String actor = entry.event().actor();
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

    public String action(AuditEntry entry) {
        String key = "rights.report.action." + entry.event().action();
        return messages.getMessage(key, null, entry.event().action(), locale);
    }

    public boolean allowed(AuditEntry entry) {
        return entry.event().outcome() == AuditOutcome.ALLOWED;
    }

    private String message(String key) {
        return messages.getMessage(key, null, locale);
    }
}
