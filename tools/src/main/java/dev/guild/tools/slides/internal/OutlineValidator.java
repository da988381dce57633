package dev.guild.tools.slides.internal;

import dev.guild.tools.slides.SlideOutline;
import dev.guild.tools.slides.SlideOutline.Bullet;
import dev.guild.tools.slides.SlideOutline.Section;
import dev.guild.tools.slides.SlideOutline.Slide;
import dev.guild.tools.slides.SlideOutline.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks an outline for what its JSON Schema cannot say, and again for what it can (a direct call skips schema
 * validation): every problem, each with its JSON path, the bad value and what to change.
 */
public final class OutlineValidator {

    /** Every problem of {@code outline}; empty when it can be turned into a deck. */
    public static List<String> validate(SlideOutline outline) {
        List<String> problems = new ArrayList<>();
        requireText(outline.title(), "$.title", SlideOutline.MAX_TITLE, "give the deck a title", problems);
        if (outline.subtitle() != null) {
            checkLength(outline.subtitle(), "$.subtitle", SlideOutline.MAX_TITLE, problems);
        }
        List<Section> sections = outline.sections();
        if (sections == null || sections.isEmpty()) {
            problems.add("$.sections is empty; add at least one section with at least one slide");
            return problems;
        }
        checkCount(sections.size(), SlideOutline.MAX_SECTIONS, "$.sections", "sections", "merge sections", problems);
        for (int s = 0; s < sections.size(); s++) {
            checkSection(sections.get(s), "$.sections[" + s + "]", problems);
        }
        return problems;
    }

    private static void checkSection(Section section, String path, List<String> problems) {
        if (section == null) {
            problems.add(path + " is null; give it 'slides' (and optionally a 'title')");
            return;
        }
        if (section.title() != null) {
            if (section.title().isBlank()) {
                problems.add(path + ".title is blank; give the section a title, or leave 'title' out for no section"
                        + " header slide");
            }
            checkLength(section.title(), path + ".title", SlideOutline.MAX_TITLE, problems);
        }
        List<Slide> slides = section.slides();
        if (slides == null || slides.isEmpty()) {
            problems.add(path + ".slides is empty; give the section at least one slide or remove the section");
            return;
        }
        checkCount(slides.size(), SlideOutline.MAX_SLIDES_PER_SECTION, path + ".slides", "slides",
                "split the section in two", problems);
        for (int i = 0; i < slides.size(); i++) {
            checkSlide(slides.get(i), path + ".slides[" + i + "]", problems);
        }
    }

    private static void checkSlide(Slide slide, String path, List<String> problems) {
        if (slide == null) {
            problems.add(path + " is null; give it a 'title' and 'bullets', an 'image' or a 'table'");
            return;
        }
        requireText(slide.title(), path + ".title", SlideOutline.MAX_TITLE, "give every slide a title", problems);
        if (slide.notes() != null) {
            checkLength(slide.notes(), path + ".notes", SlideOutline.MAX_NOTES, problems);
        }
        if (slide.bullets() != null) {
            checkBullets(slide.bullets(), path + ".bullets", problems);
        }
        if (slide.image() != null && slide.table() != null) {
            problems.add(path + " has both an image and a table; put them on two slides (one image or one table per"
                    + " slide)");
        }
        if (slide.image() != null) {
            if (slide.image().uri() == null || slide.image().uri().isBlank()) {
                problems.add(path + ".image.uri is empty; give an artifact URI or a data URI (data:image/png;base64,...)");
            } else {
                checkLength(slide.image().uri(), path + ".image.uri", SlideOutline.MAX_IMAGE_URI, problems);
            }
        }
        if (slide.table() != null) {
            checkTable(slide.table(), path + ".table", problems);
        }
    }

    private static void checkBullets(List<Bullet> bullets, String path, List<String> problems) {
        checkCount(bullets.size(), SlideOutline.MAX_BULLETS, path, "bullets", "move some to a new slide", problems);
        int previous = -1;
        for (int i = 0; i < bullets.size(); i++) {
            Bullet bullet = bullets.get(i);
            String at = path + "[" + i + "]";
            if (bullet == null) {
                problems.add(at + " is null; give every bullet a 'text'");
                continue;
            }
            requireText(bullet.text(), at + ".text", SlideOutline.MAX_BULLET, "remove the bullet or give it text",
                    problems);
            int level = bullet.depth();
            if (level < 0 || level > SlideOutline.MAX_LEVEL) {
                problems.add(at + ".level is " + level + "; use 0 (top level), 1 or " + SlideOutline.MAX_LEVEL);
            } else if (level > previous + 1) {
                problems.add(at + ".level is " + level + " but "
                        + (previous < 0 ? "it is the first bullet" : "the bullet before it has level " + previous)
                        + ", so it nests under nothing; use level " + (previous + 1) + " or lower");
            }
            previous = Math.max(0, Math.min(level, SlideOutline.MAX_LEVEL));
        }
    }

    private static void checkTable(Table table, String path, List<String> problems) {
        List<String> header = table.header();
        if (header == null || header.isEmpty()) {
            problems.add(path + ".header is empty; give the table one heading per column");
            return;
        }
        checkCount(header.size(), SlideOutline.MAX_COLUMNS, path + ".header", "columns",
                "split the table or drop columns", problems);
        for (int c = 0; c < header.size(); c++) {
            requireText(header.get(c), path + ".header[" + c + "]", SlideOutline.MAX_CELL, "name every column",
                    problems);
        }
        List<List<String>> rows = table.rows();
        if (rows == null || rows.isEmpty()) {
            problems.add(path + ".rows is empty; give the table at least one row, or remove the table");
            return;
        }
        checkCount(rows.size(), SlideOutline.MAX_ROWS, path + ".rows", "rows", "summarise or split the table", problems);
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String at = path + ".rows[" + r + "]";
            if (row == null) {
                problems.add(at + " is null; give it " + header.size() + " cells");
                continue;
            }
            if (row.size() != header.size()) {
                problems.add(at + " has " + row.size() + " cells; the header has " + header.size()
                        + ": give every row exactly " + header.size() + " cells (\"\" for an empty cell)");
            }
            for (int c = 0; c < row.size(); c++) {
                if (row.get(c) == null) {
                    problems.add(at + "[" + c + "] is null; use \"\" for an empty cell");
                } else {
                    checkLength(row.get(c), at + "[" + c + "]", SlideOutline.MAX_CELL, problems);
                }
            }
        }
    }

    private static void requireText(String text, String path, int max, String fix, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add(path + " is " + (text == null ? "missing" : "empty") + "; " + fix);
            return;
        }
        checkLength(text, path, max, problems);
    }

    private static void checkLength(String text, String path, int max, List<String> problems) {
        if (text.length() > max) {
            problems.add(path + " has " + text.length() + " characters (\"" + preview(text) + "\"); the most is " + max
                    + ": shorten it");
        }
    }

    private static void checkCount(int count, int max, String path, String what, String fix, List<String> problems) {
        if (count > max) {
            problems.add(path + " has " + count + " " + what + "; the most is " + max + ": " + fix);
        }
    }

    /** The first characters of a long text, for messages. */
    static String preview(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 40 ? flat : flat.substring(0, 40) + "...";
    }

    private OutlineValidator() {
    }
}
