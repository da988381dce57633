package dev.guild.tools.slides.internal;

import java.awt.Color;
import java.awt.geom.Rectangle2D;

/**
 * The look of a generated deck, built in code: a 16:9 page, one sans-serif family, a dark title page, accent-coloured
 * section pages and white content pages. Sizes are in points (1/72 inch).
 *
 * @param font            font family of all text; it should be installed where thumbnails are rendered (measuring
 *                        falls back to the JDK's sans-serif when it is not)
 * @param pageWidth       page width (960 pt = 13.33 in)
 * @param pageHeight      page height (540 pt = 7.5 in)
 * @param margin          left and right margin of every page
 * @param titleSize       content slide title size; titles shrink down to {@code minTitleSize}
 * @param minTitleSize    smallest title size
 * @param bulletSizes     bullet sizes by level (0, 1, 2)
 * @param minScale        smallest factor applied to bullet and table sizes before content is continued on a
 *                        "(cont.)" slide
 * @param tableSize       table text size
 * @param dark            title page background and body text colour
 * @param accent          accent colour: section pages, title rule, table header
 * @param text            body text colour
 * @param muted           secondary text colour (sub-bullets' markers, slide numbers)
 * @param light           text on dark backgrounds
 * @param band            fill of every other table row
 * @param rule            table grid lines
 */
public record DeckTheme(String font, double pageWidth, double pageHeight, double margin,
                        double titleSize, double minTitleSize, double[] bulletSizes, double minScale, double tableSize,
                        Color dark, Color accent, Color text, Color muted, Color light, Color band, Color rule) {

    public static final DeckTheme DEFAULT = new DeckTheme("DejaVu Sans", 960, 540, 56,
            30, 20, new double[]{24, 20, 18}, 0.75, 16,
            new Color(0x14, 0x23, 0x3C), new Color(0x25, 0x63, 0xEB), new Color(0x1F, 0x29, 0x37),
            new Color(0x5B, 0x64, 0x72), new Color(0xF8, 0xFA, 0xFC), new Color(0xEE, 0xF2, 0xF7),
            new Color(0xCB, 0xD5, 0xE1));

    /** This theme with another font family. */
    public DeckTheme withFont(String family) {
        return new DeckTheme(family, pageWidth, pageHeight, margin, titleSize, minTitleSize, bulletSizes, minScale,
                tableSize, dark, accent, text, muted, light, band, rule);
    }

    /** Where a content slide's title goes (two lines at the largest title size, three at the smallest). */
    public Rectangle2D titleBox() {
        return new Rectangle2D.Double(margin, 18, pageWidth - 2 * margin, 90);
    }

    /** The short accent rule under a content slide's title. */
    public Rectangle2D titleRule() {
        return new Rectangle2D.Double(margin, 112, 72, 4);
    }

    /** Where a content slide's bullets, image and table go. */
    public Rectangle2D bodyBox() {
        double top = 132;
        return new Rectangle2D.Double(margin, top, pageWidth - 2 * margin, pageHeight - 44 - top);
    }

    /** The slide number in the bottom right corner. */
    public Rectangle2D numberBox() {
        return new Rectangle2D.Double(pageWidth - margin - 80, pageHeight - 36, 80, 20);
    }

    /** Title of the title page and of section pages. */
    public Rectangle2D coverTitleBox() {
        return new Rectangle2D.Double(margin + 24, 150, pageWidth - 2 * margin - 48, 170);
    }

    /** Subtitle of the title page. */
    public Rectangle2D coverSubtitleBox() {
        return new Rectangle2D.Double(margin + 24, 350, pageWidth - 2 * margin - 48, 90);
    }

    /** Accent bar between the cover title and subtitle. */
    public Rectangle2D coverRule() {
        return new Rectangle2D.Double(margin + 24, 330, 96, 6);
    }

    public double coverTitleSize() {
        return 44;
    }

    public double minCoverTitleSize() {
        return 28;
    }

    public double subtitleSize() {
        return 22;
    }

    public double minSubtitleSize() {
        return 16;
    }

    /** Space before a bullet of a level, at scale 1. */
    public double spaceBefore(int level) {
        return level == 0 ? 12 : 5;
    }

    /** Left margin of a bullet's text (the marker hangs in front of it), by level. */
    public double bulletIndent(int level) {
        return 26 + level * 30;
    }

    /**
     * How far a bullet's marker hangs left of its text; the text keeps the same distance from the box's right edge
     * (POI's renderer lets a first line run that much wider).
     */
    public double bulletHang() {
        return 22;
    }

    public double bulletSize(int level) {
        return bulletSizes[level];
    }

    /** Cell padding left and right. */
    public double cellPadX() {
        return 8;
    }

    /** Cell padding top and bottom. */
    public double cellPadY() {
        return 5;
    }
}
