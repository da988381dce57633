package dev.guild.tools.slides.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays a table out: column widths fitted to the text (natural widths when they fit, otherwise each column at least
 * as wide as its widest word and the rest shared by need), row heights from the wrapped text, and rows packed into
 * pages with the header repeated on each.
 */
final class TableFitter {

    /**
     * Space POI's renderer (the thumbnails) puts between rows and between columns ({@code DrawTableShape.borderSize});
     * office suites put none. Reserved so that the table stays inside the body in the thumbnails too.
     */
    static final double RENDER_GAP = 2;

    private final DeckTheme theme;
    private final TextMeasurer measurer;

    TableFitter(DeckTheme theme, TextMeasurer measurer) {
        this.theme = theme;
        this.measurer = measurer;
    }

    /** Column widths and row heights (header first) at a text size. */
    record Layout(double size, double[] widths, double[] heights) {
    }

    Layout layout(List<String> header, List<List<String>> rows, double size, double width) {
        int columns = header.size();
        double pad = 2 * theme.cellPadX();
        double[] natural = new double[columns];
        double[] minimum = new double[columns];
        for (int c = 0; c < columns; c++) {
            natural[c] = measurer.width(header.get(c), size, true) + pad;
            minimum[c] = measurer.widestWord(header.get(c), size, true) + pad;
            for (List<String> row : rows) {
                natural[c] = Math.max(natural[c], measurer.width(row.get(c), size, false) + pad);
                minimum[c] = Math.max(minimum[c], measurer.widestWord(row.get(c), size, false) + pad);
            }
        }
        double[] widths = share(natural, minimum, width - columns * RENDER_GAP);
        double[] heights = new double[rows.size() + 1];
        heights[0] = rowHeight(header, widths, size, true);
        for (int r = 0; r < rows.size(); r++) {
            heights[r + 1] = rowHeight(rows.get(r), widths, size, false);
        }
        return new Layout(size, widths, heights);
    }

    /** Widths that add up to {@code total}: natural widths grown, or minimums plus the rest shared by need. */
    static double[] share(double[] natural, double[] minimum, double total) {
        int n = natural.length;
        double[] widths = new double[n];
        double naturalSum = sum(natural);
        if (naturalSum <= total) {
            for (int c = 0; c < n; c++) {
                widths[c] = natural[c] * total / naturalSum;
            }
            return widths;
        }
        double[] floor = new double[n];
        for (int c = 0; c < n; c++) {
            floor[c] = Math.min(natural[c], minimum[c]);
        }
        double floorSum = sum(floor);
        if (floorSum >= total) {
            // even the widest words do not fit: share by them, and long words break between characters
            for (int c = 0; c < n; c++) {
                widths[c] = floor[c] * total / floorSum;
            }
            return widths;
        }
        double need = naturalSum - floorSum;
        for (int c = 0; c < n; c++) {
            widths[c] = floor[c] + (total - floorSum) * (natural[c] - floor[c]) / need;
        }
        return widths;
    }

    private double rowHeight(List<String> cells, double[] widths, double size, boolean bold) {
        int lines = 1;
        for (int c = 0; c < cells.size(); c++) {
            double textWidth = Math.max(1, widths[c] - 2 * theme.cellPadX());
            lines = Math.max(lines, measurer.lineCount(cells.get(c), size, bold, textWidth));
        }
        return measurer.height(size, lines) + 2 * theme.cellPadY();
    }

    /**
     * Rows (by index, 0-based without the header) packed into pages: the first page has {@code firstHeight}, the
     * others {@code height}. The first page is empty when not even one row fits there; null when a row does not fit
     * a page of {@code height} with the header.
     */
    static List<List<Integer>> pack(double[] heights, double firstHeight, double height) {
        List<List<Integer>> pages = new ArrayList<>();
        List<Integer> page = new ArrayList<>();
        double header = heights[0] + RENDER_GAP;
        double used = header;
        double limit = firstHeight;
        for (int r = 1; r < heights.length; r++) {
            double row = heights[r] + RENDER_GAP;
            if (used + row > limit) {
                if (!page.isEmpty() || pages.isEmpty()) {
                    pages.add(page);
                }
                page = new ArrayList<>();
                used = header;
                limit = height;
                if (used + row > limit) {
                    return null;
                }
            }
            page.add(r - 1);
            used += row;
        }
        pages.add(page);
        return pages;
    }

    /** A laid-out table and its pages of row indexes. */
    record Fit(Layout layout, List<List<Integer>> pages) {
    }

    /**
     * The largest text size (from the theme's table size down to its minimum scale) that needs no more pages than
     * the smallest; null when a row does not fit a page even at the smallest size.
     */
    Fit fit(List<String> header, List<List<String>> rows, double width, double firstHeight, double height) {
        double smallestSize = theme.tableSize() * theme.minScale();
        Layout smallest = layout(header, rows, smallestSize, width);
        List<List<Integer>> fewest = pack(smallest.heights(), firstHeight, height);
        if (fewest == null) {
            return null;
        }
        for (double scale : Scales.of(theme.minScale())) {
            Layout layout = layout(header, rows, theme.tableSize() * scale, width);
            List<List<Integer>> pages = pack(layout.heights(), firstHeight, height);
            if (pages != null && pages.size() <= fewest.size()) {
                return new Fit(layout, pages);
            }
        }
        return new Fit(smallest, fewest);
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }
}
