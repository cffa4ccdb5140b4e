package org.charte.common;

import com.openhtmltopdf.css.constants.IdentValue;
import com.openhtmltopdf.css.value.FontSpecification;
import com.openhtmltopdf.extend.FontContext;
import com.openhtmltopdf.extend.OutputDevice;
import com.openhtmltopdf.extend.TextRenderer;
import com.openhtmltopdf.pdfboxout.PdfBoxFSFont;
import com.openhtmltopdf.pdfboxout.PdfBoxFastOutputDevice;
import com.openhtmltopdf.pdfboxout.PdfBoxFontResolver.FontDescription;
import com.openhtmltopdf.pdfboxout.PdfBoxTextRenderer;
import com.openhtmltopdf.render.FSFont;
import com.openhtmltopdf.render.JustificationInfo;
import com.openhtmltopdf.util.ThreadCtx;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.jspecify.annotations.Nullable;

/**
 * openhtmltopdf's text renderer with each character's width read from the font once per rendering.
 *
 * <p>Breaking lines measures every word, and the word with the next ones, again and again; the
 * library asks PDFBox for the width of each string, which encodes it and reads it back one code at
 * a time (PDFBox 3.0's {@code CMap.readCode} runs a stream over the code space for every
 * character): about a quarter of the access report's rendering. The width of a string is the sum of its
 * characters' widths, in that order, exactly as PDFBox adds them ({@code PDFont.getStringWidth}),
 * so this sum gives the same lines, to the bit. A string with a character the font lacks (or
 * outside the Basic Multilingual Plane) goes the library's own way, font fallback and all. Painting
 * measured each string once more only to check that the font has all its characters: the same
 * widths answer that.
 *
 * <p>One instance per rendering: the fonts are that document's.
 */
final class TaggedPdfTextWidths extends PdfBoxTextRenderer {

    /** The library's own rounding: a width this close above an integer is that integer. */
    private static final float TEXT_MEASURING_DELTA = 0.01f;
    private static final float UNKNOWN = -1f;
    private static final float MISSING = -2f;

    /** Per font, the widths of the characters met so far (in thousandths of the size), by pages of 256. */
    private final Map<PDFont, float[][]> widths = new IdentityHashMap<>();

    /** The fonts the painting asks for, by what names them: resolved once, as the library resolves them (same stores, same order). */
    private final Map<FontKey, PdfBoxFSFont> fonts = new HashMap<>();

    @Override
    public void drawString(OutputDevice outputDevice, String string, float x, float y) {
        drawString(outputDevice, string, x, y, null);
    }

    /**
     * Draws as the library does when the whole string is in the font: the library first measures the
     * string only to learn whether it is ({@code PdfBoxFastOutputDevice.drawString}), the widths
     * known here tell it. Anything else goes the library's own way.
     */
    @Override
    public void drawString(OutputDevice outputDevice, String string, float x, float y, @Nullable JustificationInfo info) {
        if (outputDevice instanceof PdfBoxFastOutputDevice device && device.getFontSpecification() != null) {
            PdfBoxFSFont font = font(device.getFontSpecification());
            List<FontDescription> descriptions = font.getFontDescriptions();
            PDFont first = descriptions == null || descriptions.isEmpty() ? null : descriptions.get(0).getFont();
            String effective = TextRenderer.getEffectivePrintableString(string);
            if (first != null && effective != null && allInFont(first, effective)) {
                device.drawStringFast(effective, x, y, info, descriptions.get(0), font.getSize2D());
                return;
            }
        }
        super.drawString(outputDevice, string, x, y, info);
    }

    private PdfBoxFSFont font(FontSpecification spec) {
        return fonts.computeIfAbsent(new FontKey(List.of(spec.families == null ? new String[0] : spec.families), spec.size, spec.fontWeight,
                spec.fontStyle, spec.variant), key -> (PdfBoxFSFont) ThreadCtx.get().sharedContext().getFont(spec));
    }

    private boolean allInFont(PDFont font, String string) {
        float[][] pages = widths.computeIfAbsent(font, f -> new float[256][]);
        for (int i = 0; i < string.length(); i++) {
            if (width(font, pages, string.charAt(i)) < 0f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int getWidth(FontContext context, FSFont font, String string) {
        PdfBoxFSFont pdfBoxFont = (PdfBoxFSFont) font;
        PDFont pdFont = firstFont(pdfBoxFont.getFontDescriptions());
        String effective = TextRenderer.getEffectivePrintableString(string);
        if (pdFont == null || effective == null) {
            return super.getWidth(context, font, string);
        }
        float[][] pages = widths.computeIfAbsent(pdFont, f -> new float[256][]);
        float sum = 0f;
        for (int i = 0; i < effective.length(); i++) {
            float width = width(pdFont, pages, effective.charAt(i));
            if (width < 0f) {
                return super.getWidth(context, font, string);
            }
            sum += width;
        }
        float result = sum / 1000f * pdfBoxFont.getSize2D();
        return result - Math.floor(result) < TEXT_MEASURING_DELTA ? (int) result : (int) Math.ceil(result);
    }

    /** The character's width as PDFBox gives it, {@link #MISSING} if the font lacks it or it is half of a surrogate pair. */
    private static float width(PDFont font, float[][] pages, char c) {
        float[] page = pages[c >>> 8];
        if (page == null) {
            page = new float[256];
            Arrays.fill(page, UNKNOWN);
            pages[c >>> 8] = page;
        }
        float width = page[c & 0xFF];
        if (width == UNKNOWN) {
            width = Character.isSurrogate(c) ? MISSING : measure(font, c);
            page[c & 0xFF] = width;
        }
        return width;
    }

    private static float measure(PDFont font, char c) {
        try {
            return font.getStringWidth(String.valueOf(c));
        } catch (IllegalArgumentException | IOException e) {
            return MISSING; // not in this font: the library's fallback decides
        }
    }

    /** What the library resolves a font from ({@code PdfBoxFontResolver.resolveFont}). */
    private record FontKey(List<String> families, float size, @Nullable IdentValue weight, @Nullable IdentValue style, @Nullable IdentValue variant) {}

    /** The font the library measures with: the first description that has one. */
    private static @Nullable PDFont firstFont(@Nullable List<FontDescription> descriptions) {
        if (descriptions != null) {
            for (FontDescription description : descriptions) {
                if (description.getFont() != null) {
                    return description.getFont();
                }
            }
        }
        return null;
    }
}
