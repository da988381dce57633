package dev.guild.tools.slides.internal;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measures text with AWT font metrics, as office suites lay it out: words wrap at spaces, a word wider than the line
 * breaks between characters. Lines are set at exact spacing ({@link #LINE_SPACING} times the size), which LibreOffice
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

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

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

    /** Width of {@code text} on one line, slack included. */
    public double width(String text, double size, boolean bold) {
        if (text.isEmpty()) {
            return 0;
        }
        return font(size, bold).getStringBounds(text, FRC).getWidth() * WIDTH_SLACK;
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
        return font(size, false).getLineMetrics("Hg", FRC).getAscent();
    }

    private double descent(double size) {
        return font(size, false).getLineMetrics("Hg", FRC).getDescent();
    }

    /** Width of the widest word of {@code text}. */
    public double widestWord(String text, double size, boolean bold) {
        double widest = 0;
        for (String word : words(text)) {
            widest = Math.max(widest, width(word, size, bold));
        }
        return widest;
    }

    /** {@code text} broken into lines no wider than {@code width}; never empty (an empty text is one empty line). */
    public List<String> wrap(String text, double size, boolean bold, double width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            wrapParagraph(paragraph, size, bold, width, lines);
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

    private void wrapParagraph(String paragraph, double size, boolean bold, double width, List<String> lines) {
        String line = "";
        for (String word : words(paragraph)) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(candidate, size, bold) <= width) {
                line = candidate;
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line);
            }
            line = word;
            while (width(line, size, bold) > width && line.length() > 1) {
                int cut = longestPrefix(line, size, bold, width);
                lines.add(line.substring(0, cut));
                line = line.substring(cut);
            }
        }
        lines.add(line);
    }

    private int longestPrefix(String word, double size, boolean bold, double width) {
        int fits = 1;
        while (fits < word.length() && width(word.substring(0, fits + 1), size, bold) <= width) {
            fits++;
        }
        return fits;
    }

    private static List<String> words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }
}
