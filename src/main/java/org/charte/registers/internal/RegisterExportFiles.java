package org.charte.registers.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.charte.common.Days;
import org.charte.common.TaggedPdf;
import org.charte.policy.Policy;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** A register's table as CSV (RFC 4180, UTF-8 with a byte order mark) and as PDF (tagged for screen readers, {@link TaggedPdf}). */
@Component
class RegisterExportFiles {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final TemplateEngine templates;
    private final Policy policy;
    private final Clock clock;
    private final TaggedPdf pdf;

    RegisterExportFiles(TemplateEngine templates, Policy policy, Clock clock, TaggedPdf pdf) {
        this.templates = templates;
        this.policy = policy;
        this.clock = clock;
        this.pdf = pdf;
    }

    /** The CSV: a heading line then a line per row; every cell quoted, quotes doubled, a leading formula character neutralised. */
    static String csv(RegisterExportTable table) {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, table.columns());
        table.rows().forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String text = cells.get(i);
            String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
            out.append('"').append(safe.replace("\"", "\"\"")).append('"');
        }
        out.append("\r\n");
    }

    String html(RegisterExportTable table, Locale locale) {
        Context context = new Context(locale);
        context.setVariable("table", table);
        context.setVariable("controller", policy.controller().name());
        context.setVariable("producedAt", Days.when(clock.instant(), locale));
        return templates.process("registers/export-pdf", context);
    }

    /** The PDF: tagged for screen readers, its font embedded ({@link TaggedPdf}). */
    byte[] pdf(RegisterExportTable table, Locale locale) {
        return pdf.render(html(table, locale));
    }

    /** The answer for a download of the register as {@code csv} or {@code pdf}. */
    ResponseEntity<byte[]> download(RegisterExportTable table, String format, Locale locale) {
        boolean pdf = format.equals("pdf");
        byte[] body = pdf ? pdf(table, locale) : csv(table).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(pdf ? MediaType.APPLICATION_PDF : CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(table.name() + "." + format).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
    }
}
