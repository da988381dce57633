package dev.guild.tools.research.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits Markdown text into {@link Block}s: ATX ({@code # Title}) and setext ({@code Title\n===}) headings become
 * headings, blank lines and fences separate paragraphs, inline markup (emphasis, code ticks, links and images) is
 * reduced to its text, list and quote markers are dropped.
 */
final class MarkdownBlocks {

    private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~).*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)]|>+)\\s+");
    private static final Pattern IMAGE_OR_LINK = Pattern.compile("!?\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|\\*|`)");

    static List<Block> parse(String markdown) {
        List<Block> blocks = new ArrayList<>();
        List<String> paragraph = new ArrayList<>();
        String heading = null;
        boolean fenced = false;
        for (String line : markdown.split("\\R", -1)) {
            if (FENCE.matcher(line).matches()) {
                flush(blocks, paragraph, heading);
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                paragraph.add(line);
                continue;
            }
            Matcher atx = ATX.matcher(line);
            if (atx.matches()) {
                flush(blocks, paragraph, heading);
                heading = inline(atx.group(2));
                addHeading(blocks, heading);
            } else if (SETEXT.matcher(line).matches() && paragraph.size() == 1) {
                heading = inline(paragraph.getFirst());
                paragraph.clear();
                addHeading(blocks, heading);
            } else if (line.isBlank() || SETEXT.matcher(line).matches()) {
                flush(blocks, paragraph, heading);
            } else {
                paragraph.add(MARKER.matcher(line).replaceFirst(""));
            }
        }
        flush(blocks, paragraph, heading);
        return blocks;
    }

    private static void addHeading(List<Block> blocks, String heading) {
        if (!heading.isEmpty()) {
            blocks.add(new Block(heading, null, heading));
        }
    }

    private static void flush(List<Block> blocks, List<String> paragraph, String heading) {
        String text = inline(String.join(" ", paragraph));
        paragraph.clear();
        if (!text.isEmpty()) {
            blocks.add(new Block(text, null, heading));
        }
    }

    private static String inline(String text) {
        String plain = IMAGE_OR_LINK.matcher(text).replaceAll("$1");
        plain = EMPHASIS.matcher(plain).replaceAll("");
        return StructureHandler.normalize(plain);
    }

    private MarkdownBlocks() {
    }
}
