package dev.guild.tools.slides.internal;

import dev.guild.tools.slides.SlideOutline;
import dev.guild.tools.slides.SlideOutline.Bullet;
import dev.guild.tools.slides.SlideOutline.Section;
import dev.guild.tools.slides.SlideOutline.Slide;
import dev.guild.tools.slides.SlideOutline.Table;
import dev.guild.tools.slides.internal.BulletFitter.Box;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a valid outline into pages with every size and position decided: titles shrink to fit their box, bullets and
 * tables shrink down to the theme's minimum scale and then continue on "(cont.)" pages. What cannot fit even so (a
 * bullet or a table row taller than a page, a slide that would need too many pages) is a problem that says what to
 * shorten.
 */
public final class DeckPlanner {

    /** Most pages one slide of the outline may become. */
    public static final int MAX_PAGES_PER_SLIDE = 5;
    /** Most pages in a deck. */
    public static final int MAX_PAGES = 300;
    /** Suffix of a continuation page's title. */
    public static final String CONTINUED = " (cont.)";

    private static final double GAP = 24;

    /** The pages, what was split or shrunk (for the caller), and the problems (nothing is drawn when there are any). */
    public record Plan(List<Page> pages, List<String> splits, List<String> shrunk, List<String> problems) {
    }

    private final DeckTheme theme;
    private final TextMeasurer measurer;
    private final BulletFitter bullets;
    private final TableFitter tables;

    public DeckPlanner(DeckTheme theme, TextMeasurer measurer) {
        this.theme = theme;
        this.measurer = measurer;
        this.bullets = new BulletFitter(theme, measurer);
        this.tables = new TableFitter(theme, measurer);
    }

    /**
     * Plans {@code outline}, which {@link OutlineValidator} accepted; {@code images} holds each slide's image by the
     * slide's path ({@code $.sections[0].slides[1]}).
     */
    public Plan plan(SlideOutline outline, Map<String, DeckImage> images) {
        List<Page> pages = new ArrayList<>();
        List<String> splits = new ArrayList<>();
        List<String> shrunk = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String subtitle = outline.subtitle() == null || outline.subtitle().isBlank() ? null : outline.subtitle().strip();
        double titleSize = fitCover(outline.title(), "$.title", problems);
        double subtitleSize = subtitle == null ? 0 : fitText(subtitle, theme.coverSubtitleBox(), theme.subtitleSize(),
                theme.minSubtitleSize(), false, "$.subtitle", problems);
        pages.add(new Page.Cover(outline.title().strip(), titleSize, subtitle, subtitleSize));
        for (int s = 0; s < outline.sections().size(); s++) {
            Section section = outline.sections().get(s);
            String sectionPath = "$.sections[" + s + "]";
            if (section.title() != null) {
                pages.add(new Page.SectionHeader(section.title().strip(),
                        fitCover(section.title(), sectionPath + ".title", problems)));
            }
            for (int i = 0; i < section.slides().size(); i++) {
                String path = sectionPath + ".slides[" + i + "]";
                Slide slide = section.slides().get(i);
                List<Page.Content> slidePages = planSlide(slide, path, images.get(path), problems);
                if (slidePages.size() > MAX_PAGES_PER_SLIDE) {
                    problems.add(path + " ('" + OutlineValidator.preview(slide.title()) + "') needs " + slidePages.size()
                            + " slides to fit its content at the smallest text size; the most is " + MAX_PAGES_PER_SLIDE
                            + ": move bullets or table rows to new slides of their own, or shorten them");
                }
                report(slide, path, slidePages, splits, shrunk);
                pages.addAll(slidePages);
            }
        }
        if (pages.size() > MAX_PAGES) {
            problems.add("the deck would have " + pages.size() + " slides; the most is " + MAX_PAGES
                    + ": shorten the outline or make several decks");
        }
        return new Plan(pages, splits, shrunk, problems);
    }

    private void report(Slide slide, String path, List<Page.Content> pages, List<String> splits, List<String> shrunk) {
        String name = "'" + OutlineValidator.preview(slide.title()) + "' (" + path + ")";
        if (pages.size() > 1) {
            splits.add(name + " continues on " + (pages.size() - 1) + " more slide" + (pages.size() > 2 ? "s" : "")
                    + " titled '..." + CONTINUED.strip() + "': its content did not fit one slide at the smallest text size");
        }
        Page.Content first = pages.getFirst();
        double scale = first.bulletScale();
        if (first.table() != null) {
            scale = Math.min(scale, first.table().size() / theme.tableSize());
        }
        if (scale < 0.999) {
            shrunk.add(name + ": text set at " + Math.round(scale * 100) + "% of its normal size to fit");
        }
    }

    private List<Page.Content> planSlide(Slide slide, String path, DeckImage image, List<String> problems) {
        List<Bullet> list = slide.bullets() == null ? List.of() : slide.bullets();
        Rectangle2D body = theme.bodyBox();
        Box full = new Box(body.getWidth(), body.getHeight());
        List<PagePart> parts = new ArrayList<>();
        if (slide.table() != null) {
            planTable(slide.table(), list, path, body, parts, problems);
        } else {
            Box first = full;
            Rectangle2D firstRect = body;
            Rectangle2D imageBox = null;
            if (image != null && list.isEmpty()) {
                imageBox = body;
            } else if (image != null) {
                double textWidth = Math.round(body.getWidth() * 0.54);
                first = new Box(textWidth, body.getHeight());
                firstRect = new Rectangle2D.Double(body.getX(), body.getY(), textWidth, body.getHeight());
                imageBox = new Rectangle2D.Double(body.getX() + textWidth + GAP, body.getY(),
                        body.getWidth() - textWidth - GAP, body.getHeight());
            }
            BulletFitter.Fit fit = bullets.fit(list, first, full);
            if (fit == null) {
                reportTallBullets(list, path, full, problems);
                return List.of(emptyPage(slide));
            }
            for (int p = 0; p < fit.pages().size(); p++) {
                Page.PlacedImage placed = p == 0 && image != null
                        ? new Page.PlacedImage(image, scaleInto(image, imageBox, list.isEmpty()), slide.image().alt())
                        : null;
                parts.add(new PagePart(fit.pages().get(p), fit.scale(), p == 0 ? firstRect : body, placed, null));
            }
        }
        return toPages(slide, path, parts, problems);
    }

    private void planTable(Table table, List<Bullet> list, String path, Rectangle2D body, List<PagePart> parts,
                           List<String> problems) {
        Box full = new Box(body.getWidth(), body.getHeight());
        double tableTop = body.getY();
        Box top = new Box(body.getWidth(), body.getHeight() * 0.4);
        BulletFitter.Fit topFit = list.isEmpty() ? null : bullets.fit(list, top, top);
        PagePart shared = null;
        if (topFit != null && topFit.pages().size() == 1) {
            double height = bullets.height(list, topFit.scale(), body.getWidth());
            shared = new PagePart(list, topFit.scale(),
                    new Rectangle2D.Double(body.getX(), body.getY(), body.getWidth(), height), null, null);
            tableTop = body.getY() + height + GAP * 0.75;
        } else if (!list.isEmpty()) {
            BulletFitter.Fit fit = bullets.fit(list, full, full);
            if (fit == null) {
                reportTallBullets(list, path, full, problems);
                return;
            }
            for (List<Bullet> page : fit.pages()) {
                parts.add(new PagePart(page, fit.scale(), body, null, null));
            }
        }
        double firstHeight = body.getMaxY() - tableTop;
        TableFitter.Fit fit = tables.fit(table.header(), table.rows(), body.getWidth(), firstHeight, body.getHeight());
        if (fit == null) {
            reportTallRows(table, path, body.getWidth(), body.getHeight(), problems);
            return;
        }
        for (int p = 0; p < fit.pages().size(); p++) {
            List<Integer> rows = fit.pages().get(p);
            boolean onShared = p == 0 && shared != null;
            if (rows.isEmpty()) {
                if (onShared) {
                    parts.add(shared);
                }
                continue;
            }
            Page.PlacedTable placed = placeTable(table, fit.layout(), rows, body.getX(), onShared ? tableTop : body.getY());
            parts.add(onShared ? new PagePart(shared.bullets(), shared.scale(), shared.bulletBox(), null, placed)
                    : new PagePart(List.of(), 1, body, null, placed));
        }
    }

    private static Page.PlacedTable placeTable(Table table, TableFitter.Layout layout, List<Integer> rows, double x,
                                               double y) {
        List<List<String>> cells = new ArrayList<>();
        double[] heights = new double[rows.size() + 1];
        heights[0] = layout.heights()[0];
        for (int i = 0; i < rows.size(); i++) {
            cells.add(table.rows().get(rows.get(i)));
            heights[i + 1] = layout.heights()[rows.get(i) + 1];
        }
        return new Page.PlacedTable(table.header(), cells, layout.size(), layout.widths(), heights, x, y);
    }

    /** Bullets, image and table of one page, before titles are added. */
    private record PagePart(List<Bullet> bullets, double scale, Rectangle2D bulletBox, Page.PlacedImage image,
                            Page.PlacedTable table) {
    }

    private List<Page.Content> toPages(Slide slide, String path, List<PagePart> parts, List<String> problems) {
        if (parts.isEmpty()) {
            return List.of(emptyPage(slide));
        }
        String title = slide.title().strip();
        String longest = parts.size() > 1 ? title + CONTINUED : title;
        double size = fitText(longest, theme.titleBox(), theme.titleSize(), theme.minTitleSize(), true,
                path + ".title", problems);
        List<Page.Content> pages = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            PagePart part = parts.get(p);
            pages.add(new Page.Content(p == 0 ? title : title + CONTINUED, size, part.bullets(), part.scale(),
                    part.bulletBox(), part.image(), part.table(), p == 0 ? slide.notes() : null));
        }
        return pages;
    }

    private Page.Content emptyPage(Slide slide) {
        return new Page.Content(slide.title().strip(), theme.titleSize(), List.of(), 1, theme.bodyBox(), null, null,
                slide.notes());
    }

    private void reportTallBullets(List<Bullet> list, String path, Box full, List<String> problems) {
        for (int i = 0; i < list.size(); i++) {
            Bullet bullet = list.get(i);
            double height = bullets.height(List.of(bullet), theme.minScale(), full.width());
            if (height > full.height()) {
                int chars = (int) (bullet.text().length() * full.height() / height * 0.9);
                problems.add(path + ".bullets[" + i + "] (" + bullet.text().length() + " characters, \""
                        + OutlineValidator.preview(bullet.text()) + "\") does not fit on a slide even at "
                        + Math.round(bullets.size(bullet, theme.minScale())) + " pt; shorten it to about " + chars
                        + " characters or split it into several bullets");
            }
        }
    }

    private void reportTallRows(Table table, String path, double width, double height, List<String> problems) {
        TableFitter.Layout smallest = tables.layout(table.header(), table.rows(), theme.tableSize() * theme.minScale(),
                width);
        double[] heights = smallest.heights();
        for (int r = 1; r < heights.length; r++) {
            if (heights[0] + heights[r] + 2 * TableFitter.RENDER_GAP > height) {
                problems.add(path + ".table.rows[" + (r - 1) + "] is too tall for a slide even at "
                        + Math.round(smallest.size()) + " pt (its longest cell wraps to many lines in a "
                        + table.header().size() + "-column table); shorten its cells or drop columns");
            }
        }
        if (heights[0] > height / 2) {
            problems.add(path + ".table.header takes more than half a slide; shorten the headings or drop columns");
        }
    }

    private double fitCover(String title, String path, List<String> problems) {
        return fitText(title.strip(), theme.coverTitleBox(), theme.coverTitleSize(), theme.minCoverTitleSize(), true,
                path, problems);
    }

    /** The largest size from {@code max} down to {@code min} (1 pt steps) at which {@code text} fits {@code box}. */
    private double fitText(String text, Rectangle2D box, double max, double min, boolean bold, String path,
                           List<String> problems) {
        for (double size = max; size >= min; size -= 1) {
            if (textHeight(text, size, bold, box.getWidth()) <= box.getHeight()) {
                return size;
            }
        }
        double needed = textHeight(text, min, bold, box.getWidth());
        int chars = (int) (text.length() * box.getHeight() / needed * 0.9);
        problems.add(path + " (" + text.length() + " characters, \"" + OutlineValidator.preview(text)
                + "\") does not fit its box even at " + Math.round(min) + " pt; shorten it to about " + chars
                + " characters");
        return min;
    }

    private double textHeight(String text, double size, boolean bold, double width) {
        return measurer.height(size, measurer.lineCount(text, size, bold, width));
    }

    /**
     * {@code image} scaled into {@code box} with its aspect ratio kept (at most 4 times its size at 96 dpi), centred
     * horizontally, and vertically too when {@code centre} (beside bullets it starts at the top, level with them).
     */
    static Rectangle2D scaleInto(DeckImage image, Rectangle2D box, boolean centre) {
        double naturalWidth = image.width() * 72.0 / 96;
        double naturalHeight = image.height() * 72.0 / 96;
        double scale = Math.min(4, Math.min(box.getWidth() / naturalWidth, box.getHeight() / naturalHeight));
        double width = naturalWidth * scale;
        double height = naturalHeight * scale;
        double top = centre ? box.getY() + (box.getHeight() - height) / 2 : box.getY() + Math.min(6, box.getHeight() - height);
        return new Rectangle2D.Double(box.getX() + (box.getWidth() - width) / 2, top, width, height);
    }
}
