package dev.guild.tools.research.internal;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Splits a {@link ParsedDocument} into passages of at most {@code maxChars} characters. Passages are whole sentences
 * of one section (same heading and page); the next passage starts with the last sentences of the previous one that
 * fit in {@code overlapChars}, so that a fact split across a boundary is whole in one of them. A sentence longer
 * than {@code maxChars} is cut at spaces.
 */
final class Chunker {

    /** A sentence (or piece of one) in the document's text. */
    private record Unit(int start, int end, Integer page, String heading) {
        int length() {
            return end - start;
        }

        boolean sameSection(Unit other) {
            return Objects.equals(page, other.page) && Objects.equals(heading, other.heading);
        }
    }

    private final int maxChars;
    private final int overlapChars;

    Chunker(int maxChars, int overlapChars) {
        if (overlapChars * 2 > maxChars) {
            throw new IllegalArgumentException("overlap must be at most half the chunk size; got " + overlapChars + " of " + maxChars);
        }
        this.maxChars = maxChars;
        this.overlapChars = overlapChars;
    }

    List<Chunk> chunk(ParsedDocument document) {
        String text = document.text();
        List<Unit> units = units(document);
        List<Chunk> chunks = new ArrayList<>();
        int first = 0;
        while (first < units.size()) {
            int last = first;
            while (last + 1 < units.size() && units.get(last + 1).sameSection(units.get(first))
                    && units.get(last + 1).end() - units.get(first).start() <= maxChars) {
                last++;
            }
            Unit head = units.get(first);
            int end = units.get(last).end();
            chunks.add(new Chunk(chunks.size(), text.substring(head.start(), end), head.page(), head.heading(), head.start(), end));
            if (last + 1 >= units.size()) {
                break;
            }
            int next = last + 1;
            if (units.get(next).sameSection(head)) {
                while (next - 1 > first && end - units.get(next - 1).start() <= overlapChars) {
                    next--;
                }
            }
            first = next;
        }
        return chunks;
    }

    private List<Unit> units(ParsedDocument document) {
        List<Unit> units = new ArrayList<>();
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        int offset = 0;
        for (Block block : document.blocks()) {
            String text = block.text();
            sentences.setText(text);
            int start = sentences.first();
            for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
                int s = start;
                int e = end;
                while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
                    e--;
                }
                split(text, s, e, offset, block, units);
            }
            offset += text.length() + ParsedDocument.SEPARATOR.length();
        }
        return units;
    }

    /** Adds text[start, end) as units of at most maxChars, cut at the last space before the limit where there is one. */
    private void split(String text, int start, int end, int offset, Block block, List<Unit> units) {
        while (end - start > maxChars) {
            int cut = text.lastIndexOf(' ', start + maxChars);
            if (cut <= start) {
                cut = start + maxChars;
            }
            units.add(new Unit(offset + start, offset + cut, block.page(), block.heading()));
            start = cut;
            while (start < end && text.charAt(start) == ' ') {
                start++;
            }
        }
        if (end > start) {
            units.add(new Unit(offset + start, offset + end, block.page(), block.heading()));
        }
    }
}
