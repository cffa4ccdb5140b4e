package org.charte.rights.internal;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.policy.Policy;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The access report (R9.1): the person's data and the Art. 15 information (purposes and legal
 * bases, categories and their source, recipients, transfers, retention periods, rights, the CNIL),
 * and who reached their data and why; as a self-contained HTML page and the same as PDF.
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
        Context context = new Context(locale);
        context.setVariable("request", request);
        context.setVariable("file", file);
        context.setVariable("policy", policy);
        context.setVariable("v", view.policy());
        context.setVariable("r", view);
        context.setVariable("producedOn", producedOn);
        context.setVariable("status", file.subject().status().code());
        context.setVariable("purposes", policy.purposes().stream()
                .filter(p -> p.subjects().contains(file.subject().status().code())).toList());
        context.setVariable("rights", rights());
        return templates.process("rights/access-report", context);
    }

    /** The rights the person has: the policy's, and restriction, which the law gives whatever the policy says (L5). */
    List<Policy.Right> rights() {
        List<Policy.Right> rights = new ArrayList<>(policy.rights().rights());
        if (!rights.contains(Policy.Right.RESTRICTION)) {
            rights.add(Policy.Right.RESTRICTION);
        }
        return rights.stream().sorted().toList();
    }

    static {
        // openhtmltopdf logs every rendering step through java.util.logging; Charte's logs stay quiet.
        XRLog.setLoggingEnabled(false);
    }

    static byte[] pdf(String html) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String html) {
        return html.getBytes(StandardCharsets.UTF_8);
    }
}
