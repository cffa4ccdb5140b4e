package org.charte.audit.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditLog;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The DPO's view of the audit log: the latest accesses, or who reached one person's data, when,
 * for which purpose and with which outcome; and its export (the security configuration reserves
 * both to the DPO).
 */
@Controller
class AuditPages {

    static final int SHOWN = 200;
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final AuditLog log;
    private final Clock clock;
    private final DateTimeFormatter time;

    AuditPages(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(clock.getZone());
    }

    /** An entry with its time in the zone French law counts in. */
    public record Row(AuditEntry entry, String at) {}

    @GetMapping("/backoffice/audit")
    ModelAndView log(@RequestParam(name = "subject", required = false) @Nullable String subject, Locale locale) {
        ModelAndView view = new ModelAndView("audit/log");
        String asked = subject == null ? "" : subject.strip();
        boolean english = "en".equals(locale.getLanguage());
        view.addObject("asked", asked);
        view.addObject("english", english);
        view.addObject("shown", SHOWN);
        view.addObject("switchTo", address("/backoffice/audit", asked.isEmpty() ? null : asked, !english));
        List<AuditEntry> entries;
        if (asked.isEmpty()) {
            entries = log.recent(SHOWN);
        } else if (UUID_TEXT.matcher(asked).matches()) {
            UUID subjectId = UUID.fromString(asked);
            view.addObject("subjectId", subjectId);
            view.addObject("exportLink", address("/backoffice/audit/export", subjectId.toString(), false));
            entries = log.forSubject(subjectId, SHOWN);
        } else {
            // A readable message on the page, in the visitor's language; nothing is looked up.
            view.addObject("badSubject", true);
            view.setStatus(HttpStatus.BAD_REQUEST);
            entries = List.of();
        }
        view.addObject("rows", entries.stream().map(e -> new Row(e, time.format(e.at()))).toList());
        return view;
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
