package org.charte.common;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.extend.NamespaceHandler;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfBoxTextRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

/**
 * Charte's PDF files, from XHTML: tagged for screen readers (PDF/UA-1: a structure tree, the title
 * and language of the page, the PDF/UA identifier in the XMP metadata) with their font embedded
 * (DejaVu Sans, regular and bold, shipped in {@code fonts/} with its licence). A page asks for it
 * with {@code font-family: 'DejaVu Sans'}; it needs a {@code <title>} and a {@code lang}.
 *
 * <p>The fonts' bytes and metrics are read once per JVM (this bean) and shared by every rendering;
 * each character's width is read once per rendering ({@link TaggedPdfTextWidths}).
 */
@Component
public class TaggedPdf {

    /** The font family the pages name: the only one, embedded. */
    public static final String FONT_FAMILY = "DejaVu Sans";

    static {
        // openhtmltopdf logs every rendering step through java.util.logging; Charte's logs stay quiet.
        XRLog.setLoggingEnabled(false);
    }

    private final byte[] regular = withoutSubstitutions(resource("fonts/DejaVuSans.ttf"));

    {
        // ZapfDingbats, which openhtmltopdf names in every PDF's form resources, drawn with DejaVu Sans where the host has no font for it
        DingbatsFontMapper.install(regular);
    }
    private final byte[] bold = withoutSubstitutions(resource("fonts/DejaVuSans-Bold.ttf"));
    private final FSCacheEx<String, FSCacheValue> fontMetrics = new FSDefaultCacheStore();

    /** Charte's text renderer: the library's, with each character's width read once per rendering. */
    public static final Supplier<PdfBoxTextRenderer> DEFAULT_TEXT = TaggedPdfTextWidths::new;

    /** The PDF of a well-formed XHTML page (with a title and a language), styled by its own stylesheets. */
    public byte[] render(String html) {
        return render(html, null, DEFAULT_TEXT);
    }

    /**
     * The same, the page read by the given namespace handler (which picks the stylesheets) if any, its
     * text measured and drawn by the given renderer (the library's own in the tests that compare).
     */
    public byte[] render(String html, @Nullable NamespaceHandler namespace, Supplier<? extends PdfBoxTextRenderer> textRenderer) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024)) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePdfUaAccessibility(true);
            builder.useFont(() -> new ByteArrayInputStream(regular), FONT_FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(() -> new ByteArrayInputStream(bold), FONT_FAMILY, 700, FontStyle.NORMAL, true);
            builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, fontMetrics);
            if (namespace != null) {
                builder.useNamespaceHandler(namespace);
            }
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
     * piece of text it writes, an eighth of the access report's rendering, for ligatures Charte's
     * files do not need. Done in memory once; the font shipped stays as it is. Its few characters
     * beyond the Basic Multilingual Plane (mathematical letters) are left out.
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
        try (InputStream in = TaggedPdf.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
