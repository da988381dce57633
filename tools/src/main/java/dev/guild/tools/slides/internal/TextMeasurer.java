package dev.guild.tools.slides.internal;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures text with AWT font metrics, as office suites lay it out: lines break at break opportunities (spaces, after
 * hyphens and slashes), a word wider than the line breaks between characters. Lines are set at exact spacing ({@link #LINE_SPACING} times the size), which LibreOffice
 * and PowerPoint honour as it is; POI's renderer (the thumbnails) adds a descent between paragraphs and a leading
 * around the block, so heights include those too and the text fits with either. Widths are taken a few percent wider
 * than measured so that a renderer with slightly different metrics (PowerPoint with a substitute font) still fits.
 */
public final class TextMeasurer {

    /** Measured widths are multiplied by this before they are compared with a line's width. */
    static final double WIDTH_SLACK = 1.06;
    /** Measured heights are multiplied by this before they are compared with a box's height. */
    static final double HEIGHT_SLACK = 1.02;
    /** Line pitch as a multiple of the text size; writers set it as exact spacing. */
    public static final double LINE_SPACING = 1.2;

    /** How the thumbnails lay text out (fractional advances). */
    private static final FontRenderContext FRACTIONAL = new FontRenderContext(null, true, true);
    /** How a renderer without fractional metrics lays it out (advances rounded to whole points). */
    private static final FontRenderContext WHOLE = new FontRenderContext(null, true, false);

    private final String family;
    private final Map<String, Font> fonts = new ConcurrentHashMap<>();
    private final Map<WrapKey, Integer> lineCounts = new ConcurrentHashMap<>();

    /** Measures {@code family}, or the JDK's sans-serif font when that family is not installed. */
    public TextMeasurer(String family) {
        boolean installed = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .contains(family);
        this.family = installed ? family : Font.SANS_SERIF;
    }

    /** The family measured: the theme's, or the JDK's sans-serif fallback. */
    public String family() {
        return family;
    }

    private Font font(double size, boolean bold) {
        return fonts.computeIfAbsent(size + (bold ? "b" : ""),
                key -> new Font(family, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size));
    }

    /** Width of {@code text} on one line, slack included: the wider of fractional and whole-pixel advances. */
    public double width(String text, double size, boolean bold) {
        if (text.isEmpty()) {
            return 0;
        }
        Font font = font(size, bold);
        return Math.max(font.getStringBounds(text, FRACTIONAL).getWidth(), font.getStringBounds(text, WHOLE).getWidth())
                * WIDTH_SLACK;
    }

    /** Distance between the baselines of two lines of a paragraph. */
    public static double pitch(double size) {
        return size * LINE_SPACING;
    }

    /**
     * Height of paragraphs stacked in a box, slack included: each paragraph's lines at {@link #pitch}, the space
     * before every paragraph but the first, and what POI's renderer adds (a descent between paragraphs, a leading
     * before the first line and a line taller than the pitch at the end).
     *
     * @param sizes       text size of each paragraph
     * @param lines       line count of each paragraph
     * @param spaceBefore space before each paragraph (the first's is ignored)
     */
    public double height(double[] sizes, int[] lines, double[] spaceBefore) {
        if (sizes.length == 0) {
            return 0;
        }
        double height = 0;
        for (int i = 0; i < sizes.length; i++) {
            height += lines[i] * pitch(sizes[i]);
            if (i > 0) {
                height += spaceBefore[i] + descent(sizes[i]);
            }
        }
        double first = sizes[0];
        double last = sizes[sizes.length - 1];
        double leading = 0.15 * (ascent(first) + descent(first));
        height += leading + Math.max(0, ascent(last) + descent(last) + leading - pitch(last));
        return height * HEIGHT_SLACK;
    }

    /** Height of one paragraph of {@code lines} lines. */
    public double height(double size, int lines) {
        return height(new double[]{size}, new int[]{lines}, new double[]{0});
    }

    private double ascent(double size) {
        return font(size, false).getLineMetrics("Hg", FRACTIONAL).getAscent();
    }

    private double descent(double size) {
        return font(size, false).getLineMetrics("Hg", FRACTIONAL).getDescent();
    }

    /** Width of the widest word of {@code text}. */
    public double widestWord(String text, double size, boolean bold) {
        double widest = 0;
        for (String word : words(text)) {
            widest = Math.max(widest, width(word, size, bold));
        }
        return widest;
    }

    /**
     * {@code text} broken into lines no wider than {@code width} as POI's renderer breaks it (a
     * {@link LineBreakMeasurer}: at break opportunities, inside a word only when it fills a line alone), with
     * fractional and with whole-pixel advances, whichever gives more lines; never empty (an empty text is one line).
     */
    public List<String> wrap(String text, double size, boolean bold, double width) {
        List<String> fractional = wrap(text, font(size, bold), FRACTIONAL, width);
        List<String> whole = wrap(text, font(size, bold), WHOLE, width);
        return whole.size() > fractional.size() ? whole : fractional;
    }

    private static List<String> wrap(String text, Font font, FontRenderContext context, double width) {
        float limit = (float) Math.max(1, width / WIDTH_SLACK);
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            if (paragraph.isBlank()) {
                lines.add("");
                continue;
            }
            AttributedString attributed = new AttributedString(paragraph);
            attributed.addAttribute(TextAttribute.FONT, font);
            LineBreakMeasurer measurer = new LineBreakMeasurer(attributed.getIterator(), context);
            while (measurer.getPosition() < paragraph.length()) {
                int start = measurer.getPosition();
                TextLayout layout = measurer.nextLayout(limit, paragraph.length(), true);
                if (layout == null) {
                    layout = measurer.nextLayout(limit, paragraph.length(), false);
                }
                if (layout == null) {
                    break;
                }
                lines.add(paragraph.substring(start, measurer.getPosition()).strip());
            }
        }
        return lines;
    }

    /** How many lines {@code text} takes at {@code width}. */
    public int lineCount(String text, double size, boolean bold, double width) {
        return lineCounts.computeIfAbsent(new WrapKey(text, size, bold, width),
                key -> wrap(text, size, bold, width).size());
    }

    private record WrapKey(String text, double size, boolean bold, double width) {
    }

    private static List<String> words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }
}
