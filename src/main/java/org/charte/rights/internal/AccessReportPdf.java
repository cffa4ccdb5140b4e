package org.charte.rights.internal;

import com.openhtmltopdf.css.extend.StylesheetFactory;
import com.openhtmltopdf.css.sheet.StylesheetInfo;
import com.openhtmltopdf.pdfboxout.PdfBoxTextRenderer;
import com.openhtmltopdf.simple.extend.XhtmlNamespaceHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.charte.common.TaggedPdf;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;

/**
 * The access report as PDF, through {@link TaggedPdf}: tagged for screen readers (PDF/UA-1) with
 * its font embedded.
 *
 * <p>Why it is fast enough (R9.1 answers at once; {@code bench/run access-export}): tagging costs per
 * tagged item (PDFBox looks a page's resources up linearly for each one), so the template writes a
 * long section's record as one paragraph, not a row of cells; and openhtmltopdf matches every
 * element against every selector it knows. So the PDF ignores the HTML page's own stylesheet and the library's default
 * one (some 200 selectors) and uses two small ones of its own, {@code pdf/user-agent.css} and
 * {@code pdf/access-report.css}, with type and class selectors only; its tables have a fixed layout
 * and no collapsed borders. The parsed stylesheets are kept by this bean; the fonts, their metrics
 * and the characters' widths are {@link TaggedPdf}'s.
 */
@Component
class AccessReportPdf {

    private final TaggedPdf pdf;
    private final String userAgentCss = new String(resource("pdf/user-agent.css"), StandardCharsets.UTF_8);
    private final String reportCss = new String(resource("pdf/access-report.css"), StandardCharsets.UTF_8);
    private final Stylesheets stylesheets = new Stylesheets();

    AccessReportPdf(TaggedPdf pdf) {
        this.pdf = pdf;
    }

    /** The PDF of the report's HTML (well-formed XHTML, with a title and a language). */
    byte[] render(String html) {
        return pdf.render(html, new ReportNamespace(stylesheets, userAgentCss, reportCss), TaggedPdf.DEFAULT_TEXT);
    }

    /** The same with the given text renderer (the tests compare with the library's own). */
    byte[] render(String html, Supplier<? extends PdfBoxTextRenderer> textRenderer) {
        return pdf.render(html, new ReportNamespace(stylesheets, userAgentCss, reportCss), textRenderer);
    }

    private static byte[] resource(String path) {
        try (InputStream in = AccessReportPdf.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The two stylesheets, parsed on the first rendering and kept (openhtmltopdf keeps its own default one the same way). */
    private static final class Stylesheets {

        private @Nullable StylesheetInfo userAgent;
        private @Nullable StylesheetInfo report;

        synchronized StylesheetInfo userAgent(StylesheetFactory factory, String css) {
            if (userAgent == null) {
                userAgent = parse(factory, css, StylesheetInfo.USER_AGENT, "pdf/user-agent.css");
            }
            return userAgent;
        }

        synchronized StylesheetInfo report(StylesheetFactory factory, String css) {
            if (report == null) {
                report = parse(factory, css, StylesheetInfo.AUTHOR, "pdf/access-report.css");
            }
            return report;
        }

        private static StylesheetInfo parse(StylesheetFactory factory, String css, int origin, String name) {
            StylesheetInfo info = new StylesheetInfo();
            info.setUri("classpath:" + name);
            info.setOrigin(origin);
            info.setMedia("all");
            info.setType("text/css");
            info.setStylesheet(factory.parse(new StringReader(css), info));
            return info;
        }
    }

    /**
     * XHTML as openhtmltopdf reads it (title, language, classes), but with the PDF's own
     * stylesheets in place of the library's default one and of the document's.
     */
    private static final class ReportNamespace extends XhtmlNamespaceHandler {

        private final Stylesheets stylesheets;
        private final String userAgentCss;
        private final String reportCss;
        private @Nullable StylesheetFactory factory;

        ReportNamespace(Stylesheets stylesheets, String userAgentCss, String reportCss) {
            this.stylesheets = stylesheets;
            this.userAgentCss = userAgentCss;
            this.reportCss = reportCss;
        }

        @Override
        public StylesheetInfo getDefaultStylesheet(StylesheetFactory factory) {
            this.factory = factory;
            return stylesheets.userAgent(factory, userAgentCss);
        }

        @Override
        public StylesheetInfo[] getStylesheets(Document doc) {
            if (factory == null) {
                throw new IllegalStateException("the default stylesheet is asked for first");
            }
            return new StylesheetInfo[] {stylesheets.report(factory, reportCss)};
        }
    }
}
