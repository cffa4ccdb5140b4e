package org.charte.rights.internal;

import com.openhtmltopdf.css.extend.StylesheetFactory;
import com.openhtmltopdf.css.sheet.StylesheetInfo;
import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfBoxTextRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.simple.extend.XhtmlNamespaceHandler;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;

/**
 * The access report as PDF: tagged for screen readers (PDF/UA-1: a structure tree, the title and
 * language of the HTML, the PDF/UA identifier in its XMP metadata) with its font embedded (DejaVu
 * Sans, shipped in {@code fonts/} with its licence).
 *
 * <p>Why it is fast enough (R9.1 answers at once; {@code bench/run access-export}): tagging costs per
 * tagged item (PDFBox looks a page's resources up linearly for each one), so the template writes a
 * long section's record as one paragraph, not a row of cells; and openhtmltopdf matches every
 * element against every selector it knows. So the PDF ignores the HTML page's own stylesheet and the library's default
 * one (some 200 selectors) and uses two small ones of its own, {@code pdf/user-agent.css} and
 * {@code pdf/access-report.css}, with type and class selectors only; its tables have a fixed layout
 * and no collapsed borders. Breaking lines measures words again and again: {@link AccessReportTextWidths}
 * reads each character's width once. The fonts' bytes, the parsed stylesheets and the fonts' metrics are
 * read once per JVM (this bean) and shared by every rendering.
 */
@Component
class AccessReportPdf {

    /** The font family the PDF stylesheet names: the only one, embedded. */
    static final String FONT_FAMILY = "DejaVu Sans";

    static {
        // openhtmltopdf logs every rendering step through java.util.logging; Charte's logs stay quiet.
        XRLog.setLoggingEnabled(false);
    }

    private final byte[] regular = withoutSubstitutions(resource("fonts/DejaVuSans.ttf"));
    private final byte[] bold = withoutSubstitutions(resource("fonts/DejaVuSans-Bold.ttf"));
    private final String userAgentCss = new String(resource("pdf/user-agent.css"), StandardCharsets.UTF_8);
    private final String reportCss = new String(resource("pdf/access-report.css"), StandardCharsets.UTF_8);
    private final FSCacheEx<String, FSCacheValue> fontMetrics = new FSDefaultCacheStore();
    private final Stylesheets stylesheets = new Stylesheets();

    /** The PDF of the report's HTML (well-formed XHTML, with a title and a language). */
    byte[] render(String html) {
        return render(html, AccessReportTextWidths::new);
    }

    /** The same with the given text renderer (the tests compare with the library's own). */
    byte[] render(String html, Supplier<? extends PdfBoxTextRenderer> textRenderer) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024)) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePdfUaAccessibility(true);
            builder.useFont(() -> new ByteArrayInputStream(regular), FONT_FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(() -> new ByteArrayInputStream(bold), FONT_FAMILY, 700, FontStyle.NORMAL, true);
            builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, fontMetrics);
            builder.useNamespaceHandler(new ReportNamespace(stylesheets, userAgentCss, reportCss));
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.getSharedContext().setTextRenderer(textRenderer.get());
                renderer.createPDF();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The font with every glyph and every character of its cmap, without its glyph substitution
     * table (GSUB: ligatures, Arabic forms): PDFBox would otherwise run the substitutions on every
     * piece of text it writes, an eighth of the whole rendering, for ligatures the report does not
     * need. Done in memory once; the font shipped stays as it is. Its few characters beyond the
     * Basic Multilingual Plane (mathematical letters) are left out.
     */
    static byte[] withoutSubstitutions(byte[] font) {
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font))) {
            TTFSubsetter all = new TTFSubsetter(ttf, List.of("head", "hhea", "loca", "maxp", "cvt ", "prep", "glyf", "hmtx", "fpgm", "gasp",
                    "name", "OS/2", "post", "cmap"));
            CmapLookup cmap = ttf.getUnicodeCmapLookup();
            Set<Integer> characters = new HashSet<>();
            Set<Integer> glyphs = new HashSet<>();
            for (int gid = 0; gid < ttf.getNumberOfGlyphs(); gid++) {
                glyphs.add(gid);
                List<Integer> codes = cmap == null ? null : cmap.getCharCodes(gid);
                if (codes != null) {
                    codes.stream().filter(c -> c <= 0xFFFF).forEach(characters::add); // the subsetter writes a BMP cmap
                }
            }
            all.addAll(characters);
            all.addGlyphIds(glyphs);
            ByteArrayOutputStream out = new ByteArrayOutputStream(font.length);
            all.writeToStream(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
