package org.charte.common;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
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
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Rendering a PDF names no font PDFBox must replace (R9.1, R9.3: the answers' files): on a host with
 * no font of its own for PDF's standard fonts, PDFBox logged "Using fallback font" for ZapfDingbats
 * (and Helvetica) on every rendering; Charte's substitutes leave nothing to replace.
 */
class TaggedPdfFontsTests {

    static final String PAGE = "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"fr\"><head><meta charset=\"utf-8\"/><title>Réponse</title>"
            + "<style>body { font-family: 'DejaVu Sans'; }</style></head><body><h1>Vos données</h1><table><tr><td>Nom</td><td>Martin</td></tr></table>"
            + "</body></html>";

    @Test
    @DisplayName("R9.1 a PDF rendered on a host without fonts of its own logs no fallback font for ZapfDingbats or Helvetica")
    void noFallbackFont() throws IOException {
        FontMapper before = FontMappers.instance();
        Logger logger = (Logger) LoggerFactory.getLogger(PDType1Font.class);
        Level level = logger.getLevel();
        boolean additive = logger.isAdditive();
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        logger.addAppender(warnings);
        logger.setLevel(Level.WARN);
        logger.setAdditive(false); // the warning provoked below is the test's to read, not the build log's
        try {
            FontMappers.set(new FontlessHost());
            // what openhtmltopdf makes at the end of every rendering, on that host by PDFBox alone: the warning
            new PDType1Font(Standard14Fonts.FontName.ZAPF_DINGBATS);
            assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).anySatisfy(m -> assertThat(m).contains("ZapfDingbats"));
            warnings.list.clear();

            byte[] pdf = new TaggedPdf().render(PAGE);

            assertThat(pdf).isNotEmpty();
            assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
            assertThat(FontMappers.instance().getFontBoxFont("ZapfDingbats", null).isFallback()).isFalse();
            assertThat(FontMappers.instance().getFontBoxFont("Helvetica", null).isFallback()).isFalse();
            assertThat(FontMappers.instance().getFontBoxFont("Times-Roman", null).isFallback()).as("any other font as PDFBox finds it").isTrue();
        } finally {
            FontMappers.set(before);
            logger.detachAppender(warnings);
            logger.setLevel(level);
            logger.setAdditive(additive);
        }
    }

    /** PDFBox on a host with no system font: its last resort (the Liberation Sans it carries) for every font, as a fallback. */
    static final class FontlessHost implements FontMapper {

        private final TrueTypeFont lastResort;

        FontlessHost() throws IOException {
            try (InputStream in = PDType1Font.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
                lastResort = new TTFParser().parse(new RandomAccessReadBuffer(in.readAllBytes()));
            }
        }

        @Override
        public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor descriptor) {
            return new FontMapping<>(lastResort, true);
        }

        @Override
        public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor descriptor) {
            return new FontMapping<>(lastResort, true);
        }

        @Override
        public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor descriptor, PDCIDSystemInfo cidSystemInfo) {
            return new CIDFontMapping(null, lastResort, true);
        }
    }
}
