package dev.guild.tools.slides;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolParam;

import java.util.List;

/**
 * The input of {@code create_slides}: a deck as a structured outline. The JSON Schema a model sees is generated from
 * these records; {@link dev.guild.tools.slides.CreateSlidesTool} checks what a schema cannot say (blank text, the
 * cells of each table row, nesting levels, images) and reports every problem with its path.
 *
 * @param title    the deck's title, on the title slide
 * @param subtitle a line under the title (author, date, audience); optional
 * @param sections the sections in order
 */
public record SlideOutline(
        @JsonProperty("title")
        @ToolParam(value = "Title of the deck, shown on the title slide", minLength = 1, maxLength = SlideOutline.MAX_TITLE,
                pattern = "\\S")
        String title,
        @JsonProperty("subtitle")
        @ToolParam(value = "Optional line under the title: author, date or audience", required = false,
                maxLength = SlideOutline.MAX_TITLE)
        String subtitle,
        @JsonProperty("sections")
        @ToolParam(value = "Sections in order; each starts with a section header slide when it has a title",
                minLength = 1, maxLength = SlideOutline.MAX_SECTIONS)
        List<Section> sections) {

    /** Longest title or subtitle, in characters. */
    public static final int MAX_TITLE = 150;
    /** Most sections in a deck. */
    public static final int MAX_SECTIONS = 20;
    /** Most slides in a section (before continuation slides are added). */
    public static final int MAX_SLIDES_PER_SECTION = 40;
    /** Most bullets on one slide of the outline (continuation slides take what does not fit). */
    public static final int MAX_BULLETS = 40;
    /** Longest bullet, in characters. */
    public static final int MAX_BULLET = 500;
    /** Deepest bullet level: 0 is a top-level bullet, 1 a sub-bullet, 2 a sub-sub-bullet. */
    public static final int MAX_LEVEL = 2;
    /** Longest speaker notes, in characters. */
    public static final int MAX_NOTES = 10_000;
    /** Longest image reference (an artifact URI or a data URI), in characters: about 1.5 MB of image. */
    public static final int MAX_IMAGE_URI = 2_000_000;
    /** Most table columns. */
    public static final int MAX_COLUMNS = 10;
    /** Most table rows (without the header). */
    public static final int MAX_ROWS = 100;
    /** Longest table cell, in characters. */
    public static final int MAX_CELL = 200;

    /**
     * A section: an optional header slide, then its slides.
     *
     * @param title  shown on the section header slide; without it the section has no header slide
     * @param slides the section's slides in order
     */
    public record Section(
            @JsonProperty("title")
            @ToolParam(value = "Section title, shown on its own section header slide; leave out for no header slide",
                    required = false, maxLength = MAX_TITLE)
            String title,
            @JsonProperty("slides")
            @ToolParam(value = "The section's content slides in order", minLength = 1, maxLength = MAX_SLIDES_PER_SECTION)
            List<Slide> slides) {
    }

    /**
     * A content slide. It has bullets, an image, a table, or bullets with an image or a table (not both an image and a
     * table). Content that does not fit is set smaller, down to a minimum size, and then continued on
     * "(cont.)" slides.
     */
    public record Slide(
            @JsonProperty("title")
            @ToolParam(value = "Slide title", minLength = 1, maxLength = MAX_TITLE, pattern = "\\S")
            String title,
            @JsonProperty("bullets")
            @ToolParam(value = "Bullet points in order; a bullet's level nests it under the bullet before it",
                    required = false, maxLength = MAX_BULLETS)
            List<Bullet> bullets,
            @JsonProperty("notes")
            @ToolParam(value = "Speaker notes: what the presenter says; not shown on the slide", required = false,
                    maxLength = MAX_NOTES)
            String notes,
            @JsonProperty("image")
            @ToolParam(value = "An image shown beside the bullets (or alone), scaled to fit", required = false)
            Image image,
            @JsonProperty("table")
            @ToolParam(value = "A table shown under the bullets (or alone); long tables continue on the next slide"
                    + " with the header repeated", required = false)
            Table table) {
    }

    /**
     * One bullet point.
     *
     * @param text  its text, plain (no Markdown)
     * @param level 0 (default) for a top-level bullet, 1 or 2 to nest under the bullet before it
     */
    public record Bullet(
            @JsonProperty("text")
            @ToolParam(value = "The bullet's text, plain (no Markdown); short phrases read best", minLength = 1,
                    maxLength = MAX_BULLET, pattern = "\\S")
            String text,
            @JsonProperty("level")
            @ToolParam(value = "Nesting: 0 (default) top level, 1 under the bullet before it, 2 under that",
                    required = false, minimum = 0, maximum = MAX_LEVEL)
            Integer level) {

        /** The level, 0 when not given. */
        public int depth() {
            return level == null ? 0 : level;
        }
    }

    /**
     * An image: PNG, JPEG or GIF.
     *
     * @param uri an artifact URI (from another tool) or a data URI ({@code data:image/png;base64,...})
     * @param alt what the image shows, for people who cannot see it
     */
    public record Image(
            @JsonProperty("uri")
            @ToolParam(value = "The image: an artifact URI returned by another tool, or a data URI"
                    + " (data:image/png;base64,...); PNG, JPEG or GIF", minLength = 1, maxLength = MAX_IMAGE_URI)
            String uri,
            @JsonProperty("alt")
            @ToolParam(value = "What the image shows (alternative text)", required = false, maxLength = 300)
            String alt) {
    }

    /**
     * A table: a header row and data rows with as many cells as the header.
     *
     * @param header the column headings
     * @param rows   the data rows, each with one cell per heading
     */
    public record Table(
            @JsonProperty("header")
            @ToolParam(value = "Column headings", minLength = 1, maxLength = MAX_COLUMNS)
            List<String> header,
            @JsonProperty("rows")
            @ToolParam(value = "Data rows; each row has exactly one cell (a string) per heading", minLength = 1,
                    maxLength = MAX_ROWS)
            List<List<String>> rows) {
    }
}
