package org.charte.rights.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.audit.AuditOutcome;
import org.charte.policy.Policy;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The access report (R9.1): the person's data and the Art. 15 information (purposes and legal
 * bases, categories and their source, recipients, transfers, retention periods, rights, the CNIL),
 * as far as they apply to the person ({@link AccessReportScope}), and who reached their data and why
 * ({@link AccessReportLines}); as a self-contained HTML page, and the same as PDF ({@link AccessReportPdf}).
 */
@Component
class AccessReports {

    private final TemplateEngine templates;
    private final MessageSource messages;
    private final Policy policy;
    private final StaffDirectory staff;

    AccessReports(TemplateEngine templates, MessageSource messages, Policy policy, StaffDirectory staff) {
        this.templates = templates;
        this.messages = messages;
        this.policy = policy;
        this.staff = staff;
    }

    String html(RightsRequest request, PersonalFile file, LocalDate producedOn, Locale locale) {
        Map<UUID, StaffMember> members = new HashMap<>();
        for (var entry : file.accesses()) {
            String actor = entry.event().actor();
            if (actor.startsWith("staff:")) {
                UUID id = UUID.fromString(actor.substring("staff:".length()));
                members.computeIfAbsent(id, k -> staff.find(k).orElse(null));
            }
        }
        members.values().removeIf(Objects::isNull);
        ReportView view = new ReportView(policy, messages, locale, members);
        AccessReportScope scope = scope(file);
        Context context = new Context(locale);
        context.setVariable("request", request);
        context.setVariable("file", file);
        context.setVariable("policy", policy);
        context.setVariable("v", view.policy());
        context.setVariable("r", view);
        context.setVariable("scope", scope);
        context.setVariable("producedOn", producedOn);
        context.setVariable("status", file.subject().status().code());
        context.setVariable("purposes", scope.purposes());
        context.setVariable("accesses", AccessReportLines.of(file.subjectId(), file.accesses()));
        context.setVariable("rights", rights());
        return templates.process("rights/access-report", context);
    }

    /** The categories held about the person and the purposes their records name: what {@link AccessReportScope} needs. */
    AccessReportScope scope(PersonalFile file) {
        Set<String> held = new HashSet<>();
        var subject = file.subject();
        if (subject.identity() != null) {
            held.add("identity");
        }
        if (subject.contacts() != null && !subject.contacts().isEmpty()) {
            held.add("contact");
        }
        if (subject.otherInformation() != null) {
            held.add("other-information");
        }
        if (file.account() != null) {
            held.add("account-credentials");
        }
        if (!file.subscriptions().isEmpty()) {
            held.add("subscriptions");
        }
        if (!file.orders().isEmpty()) {
            held.add("orders");
        }
        if (!file.invoices().isEmpty()) {
            held.add("billing");
        }
        if (!file.tickets().isEmpty()) {
            held.add("support-requests");
        }
        Set<String> named = new HashSet<>();
        file.marketing().history().forEach(b -> named.add(b.purpose()));
        String person = "subject:" + file.subjectId();
        for (var entry : file.accesses()) {
            var event = entry.event();
            if (event.purpose() != null && event.outcome() == AuditOutcome.ALLOWED && !event.actor().equals(person)) {
                named.add(event.purpose());
            }
        }
        return new AccessReportScope(policy, subject.status().code(), held, named);
    }

    /** The rights the person has: the policy's, and restriction, which the law gives whatever the policy says (L5). */
    List<Policy.Right> rights() {
        List<Policy.Right> rights = new ArrayList<>(policy.rights().rights());
        if (!rights.contains(Policy.Right.RESTRICTION)) {
            rights.add(Policy.Right.RESTRICTION);
        }
        return rights.stream().sorted().toList();
    }

    static byte[] bytes(String html) {
        return html.getBytes(StandardCharsets.UTF_8);
    }
}
