package org.charte.audit.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditNames;
import org.charte.audit.AuditOutcome;
import org.charte.common.Days;
import org.charte.common.PageController;
import org.charte.policy.Policy;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The DPO's view of the audit log: the latest accesses, or who reached one person's data (found by
 * id, or by e-mail through its blind index), when, for which purpose and with which outcome, in
 * words (L10): staff by name, actions, purposes and categories by the bundles' and the policy's
 * labels, reasons in the page's language, a person by name only when the viewer holds a grant on
 * them (read and recorded as the person page does), otherwise by a short reference. And its export
 * (the security configuration reserves both to the DPO).
 */
@PageController
class AuditPages {

    static final int SHOWN = 200;
    /** An e-mail address is at most 254 characters (RFC 5321); a longer one is not looked up. */
    static final int EMAIL_MAX = 254;
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final AuditLog log;
    private final Clock clock;
    private final AuditNames names;
    private final MessageSource messages;
    private final Policy policy;

    AuditPages(AuditLog log, Clock clock, AuditNames names, MessageSource messages, Policy policy) {
        this.log = log;
        this.clock = clock;
        this.names = names;
        this.messages = messages;
        this.policy = policy;
    }

    /**
     * An entry in words: its time in the zone French law counts in; who, what, why and whose data as
     * the page shows them ({@code person} a name or a short reference, {@code personId} for the link).
     */
    public record Row(AuditEntry entry, String at, String actor, String action, String purpose, String resource,
            @Nullable UUID personId, @Nullable String person, String categories, @Nullable String reason) {

        public boolean denied() {
            return entry.event().outcome() == AuditOutcome.DENIED;
        }
    }

    @GetMapping("/backoffice/audit")
    ModelAndView log(@RequestParam(name = "subject", required = false) @Nullable String subject, Authentication viewer, Locale locale) {
        String asked = subject == null ? "" : subject.strip();
        ModelAndView view = page(locale, asked.isEmpty() ? null : asked);
        view.addObject("asked", asked);
        if (asked.isEmpty()) {
            return rows(view, log.recent(SHOWN), viewer, locale);
        }
        if (UUID_TEXT.matcher(asked).matches()) {
            return forSubject(view, UUID.fromString(asked), viewer, locale);
        }
        // A readable message on the page, in the visitor's language; nothing is looked up.
        view.addObject("badSubject", true);
        view.setStatus(HttpStatus.BAD_REQUEST);
        return rows(view, List.of(), viewer, locale);
    }

    /**
     * One person's entries found by their e-mail, through its blind index. Posted, so that the
     * address is in no URL (history, proxies, access logs); neither logged nor shown again. An
     * unknown address (or one that is not an address) finds no entries, which the page says.
     */
    @PostMapping("/backoffice/audit")
    ModelAndView byEmail(@RequestParam(name = "email", required = false) @Nullable String email, Authentication viewer, Locale locale) {
        ModelAndView view = page(locale, null);
        view.addObject("asked", "");
        String given = email == null ? "" : email.strip();
        Optional<UUID> found = given.isEmpty() || given.length() > EMAIL_MAX ? Optional.empty() : names.personByEmail(given);
        if (found.isEmpty()) {
            view.addObject("noPersonForEmail", true);
            return rows(view, List.of(), viewer, locale);
        }
        return forSubject(view, found.get(), viewer, locale);
    }

    private ModelAndView page(Locale locale, @Nullable String asked) {
        ModelAndView view = new ModelAndView("audit/log");
        boolean english = "en".equals(locale.getLanguage());
        view.addObject("english", english);
        view.addObject("shown", SHOWN);
        view.addObject("switchTo", address("/backoffice/audit", asked, !english));
        return view;
    }

    private ModelAndView forSubject(ModelAndView view, UUID subjectId, Authentication viewer, Locale locale) {
        view.addObject("subjectId", subjectId);
        view.addObject("exportLink", address("/backoffice/audit/export", subjectId.toString(), false));
        List<Row> rows = rows(log.forSubject(subjectId, SHOWN), viewer, locale);
        view.addObject("person", rows.stream().filter(r -> subjectId.equals(r.personId())).map(Row::person).filter(Objects::nonNull)
                .findFirst().orElseGet(() -> shortReference(subjectId.toString())));
        view.addObject("rows", rows);
        return view;
    }

    private ModelAndView rows(ModelAndView view, List<AuditEntry> entries, Authentication viewer, Locale locale) {
        view.addObject("rows", rows(entries, viewer, locale));
        return view;
    }

    private List<Row> rows(List<AuditEntry> entries, Authentication viewer, Locale locale) {
        List<UUID> people = entries.stream().map(e -> e.event().subjectId()).filter(Objects::nonNull).distinct().toList();
        Map<UUID, String> known = people.isEmpty() ? Map.of() : names.people(viewer, people);
        return entries.stream().map(e -> row(e, known, locale)).toList();
    }

    private Row row(AuditEntry entry, Map<UUID, String> known, Locale locale) {
        AuditEvent e = entry.event();
        // a purpose of the policy by its label; Charte's own (a breach's letters, a policy change's notice, the DPO's mails) by the bundles
        String purpose = e.purpose() == null ? "" : policy.purpose(e.purpose()).map(p -> p.label().in(locale))
                .orElseGet(() -> messages.getMessage("audit.purpose." + e.purpose(), null, e.purpose(), locale));
        String resource = messages.getMessage("audit.resource." + e.resourceType(), null, e.resourceType(), locale);
        if (e.resourceId() != null && !Objects.equals(e.resourceId(), String.valueOf(e.subjectId()))) {
            resource = resource + " " + resourceId(e.resourceId(), locale);
        }
        String categories = String.join(", ", e.categories().stream()
                .map(c -> policy.dataCategory(c).map(d -> d.label().in(locale))
                        // a code of no policy category: what the sensitive-data screen found (R3.6), worded as reasons word it
                        .orElseGet(() -> messages.getMessage("access.reason.word." + c, null, c, locale))).toList());
        String person = e.subjectId() == null ? null : known.getOrDefault(e.subjectId(), shortReference(e.subjectId().toString()));
        return new Row(entry, Days.second(entry.at(), LocaleContextHolder.getLocale()), names.actor(e.actor(), locale),
                messages.getMessage("audit.action." + e.action(), null, e.action(), locale), purpose, resource, e.subjectId(), person,
                categories, e.reason() == null ? null : names.reason(e.reason(), locale));
    }

    /**
     * A resource's id as a page shows it: an id by its short reference; the door out's destinations
     * ({@code person}, {@code controller}, {@code recipient:<id>}) in words, a recipient by the policy's label.
     */
    private String resourceId(String id, Locale locale) {
        if (UUID_TEXT.matcher(id).matches()) {
            return shortReference(id);
        }
        if (id.startsWith("recipient:")) {
            String recipient = id.substring("recipient:".length());
            return messages.getMessage("audit.resource-id.recipient",
                    new Object[] {policy.recipient(recipient).map(r -> r.label().in(locale)).orElse(recipient)}, locale);
        }
        return messages.getMessage("audit.resource-id." + id, null, id, locale);
    }

    private static String shortReference(String id) {
        return id.length() <= 8 ? id : id.substring(0, 8);
    }

    /** The log, or one person's entries, as a JSON file. */
    @GetMapping("/backoffice/audit/export")
    void export(@RequestParam(name = "subject", required = false) @Nullable UUID subject, HttpServletResponse response)
            throws IOException {
        String name = "charte-audit-" + LocalDate.now(clock) + (subject == null ? "" : "-" + subject) + ".json";
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString());
        log.exportJson(response.getOutputStream(), subject);
    }

    private static String address(String path, @Nullable String subject, boolean english) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        if (subject != null) {
            uri.queryParam("subject", subject);
        }
        if (english) {
            uri.queryParam("lang", "en");
        }
        return uri.encode().build().toUriString();
    }
}
