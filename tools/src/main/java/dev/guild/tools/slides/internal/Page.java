package dev.guild.tools.slides.internal;

import dev.guild.tools.slides.SlideOutline.Bullet;

import java.awt.geom.Rectangle2D;
import java.util.List;

/** One slide of the finished deck, with every size and position decided: what {@link DeckWriter} draws. */
public sealed interface Page {

    /** The title page. {@code subtitle} may be null. */
    record Cover(String title, double titleSize, String subtitle, double subtitleSize) implements Page {
    }

    /** A section header page. */
    record SectionHeader(String title, double titleSize) implements Page {
    }

    /**
     * A content page. {@code bullets}, {@code image} and {@code table} may each be absent (empty, null, null);
     * {@code notes} may be null.
     */
    record Content(String title, double titleSize, List<Bullet> bullets, double bulletScale, Rectangle2D bulletBox,
                   PlacedImage image, PlacedTable table, String notes) implements Page {
    }

    /** An image scaled into {@code box} with its aspect ratio kept. */
    record PlacedImage(DeckImage image, Rectangle2D box, String alt) {
    }

    /**
     * A table (or the part of one that fits a page): the header and rows, the text size, column widths and row
     * heights (header first), placed at {@code x, y}.
     */
    record PlacedTable(List<String> header, List<List<String>> rows, double size, double[] columnWidths,
                       double[] rowHeights, double x, double y) {

        public double height() {
            double sum = 0;
            for (double h : rowHeights) {
                sum += h;
            }
            return sum;
        }
    }
}
