package org.charte.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * PDFBox's font mapper, with substitutes Charte ships for the two standard fonts openhtmltopdf names
 * in every PDF. openhtmltopdf makes the default resources of a PDF form (Helvetica and ZapfDingbats)
 * at the end of every rendering, forms or not; PDFBox then looks for system fonts to draw them with,
 * and where the host has none (a server without DejaVu, Liberation or URW fonts) each PDF answer
 * logged "Using fallback font ... for base font ZapfDingbats" (and Helvetica). ZapfDingbats is drawn
 * with DejaVu Sans (shipped in {@code fonts/}), which holds the Dingbats block (U+2700–U+27BF) its
 * glyphs are named after and which PDFBox itself lists as its substitute; Helvetica with the Liberation
 * Sans PDFBox carries as its last resort, made to Helvetica's metrics. Charte's PDFs never draw with
 * either (they have no form, and every font they use is DejaVu Sans, embedded: {@link TaggedPdf}).
 * Every other font, and these two where the host has them, are found as PDFBox finds them.
 */
final class DingbatsFontMapper implements FontMapper {

    /** The names PDFBox asks for ZapfDingbats by. */
    static final Set<String> DINGBATS = Set.of("ZapfDingbats", "Dingbats");
    /** Helvetica as openhtmltopdf asks for it, and the font PDFBox falls back on, drawn to its metrics. */
    static final String HELVETICA = "Helvetica";
    static final String LIBERATION_SANS = "LiberationSans";

    private final FontMapper system;
    private final TrueTypeFont dejaVu;

    DingbatsFontMapper(FontMapper system, TrueTypeFont dejaVu) {
        this.system = system;
        this.dejaVu = dejaVu;
    }

    /** Puts the mapper in place of PDFBox's, once per JVM (PDFBox has one mapper for all documents). */
    static synchronized void install(byte[] dejaVuSans) {
        if (FontMappers.instance() instanceof DingbatsFontMapper) {
            return;
        }
        try {
            FontMappers.set(new DingbatsFontMapper(FontMappers.instance(), new TTFParser().parse(new RandomAccessReadBuffer(dejaVuSans))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor descriptor) {
        FontMapping<FontBoxFont> found = system.getFontBoxFont(baseFont, descriptor);
        if (!found.isFallback()) {
            return found;
        }
        if (DINGBATS.contains(baseFont)) {
            return new FontMapping<>(dejaVu, false);
        }
        if (HELVETICA.equals(baseFont) && name(found.getFont()).startsWith(LIBERATION_SANS)) {
            return new FontMapping<>(found.getFont(), false);
        }
        return found;
    }

    private static String name(FontBoxFont font) {
        try {
            return font.getName();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor descriptor) {
        return system.getTrueTypeFont(baseFont, descriptor);
    }

    @Override
    public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor descriptor, PDCIDSystemInfo cidSystemInfo) {
        return system.getCIDFont(baseFont, descriptor, cidSystemInfo);
    }
}
