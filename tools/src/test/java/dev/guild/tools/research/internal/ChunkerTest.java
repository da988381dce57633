package dev.guild.tools.research.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkerTest {

    private static ParsedDocument document(List<Block> blocks) {
        return new ParsedDocument("t", DocumentParser.TEXT, blocks);
    }

    /** Sentences "Sentence n has some words." of seeded random lengths. */
    private static String sentences(int count, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append("Sentence ").append(i).append(" has").append(" word".repeat(3 + random.nextInt(20))).append('.');
        }
        return text.toString();
    }

    @Test
    void chunks_respect_the_budget_cover_the_text_overlap_and_point_at_their_text() {
        ParsedDocument doc = document(List.of(new Block(sentences(60, 7), null, null), new Block(sentences(30, 8), null, null)));
        List<Chunk> chunks = new Chunker(300, 80).chunk(doc);
        String text = doc.text();

        assertThat(chunks).hasSizeGreaterThan(5);
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            assertThat(chunk.index()).isEqualTo(i);
            assertThat(chunk.text().length()).isLessThanOrEqualTo(300);
            assertThat(text.substring(chunk.startChar(), chunk.endChar())).isEqualTo(chunk.text());
            if (i > 0) {
                Chunk previous = chunks.get(i - 1);
                assertThat(chunk.startChar()).as("progress").isGreaterThan(previous.startChar());
                assertThat(chunk.startChar()).as("no gap").isLessThanOrEqualTo(previous.endChar() + 2);
            }
        }
        assertThat(chunks.getFirst().startChar()).isZero();
        assertThat(chunks.getLast().endChar()).isEqualTo(text.length());
        long overlapping = chunks.stream().skip(1)
                .filter(c -> c.startChar() < chunks.get(c.index() - 1).endChar()).count();
        assertThat(overlapping).as("chunks that repeat the end of the previous one").isPositive();
    }

    @Test
    void sections_start_new_chunks_and_keep_heading_and_page() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block("Intro", 1, "Intro"));
        blocks.add(new Block("Short text on page one.", 1, "Intro"));
        blocks.add(new Block("Text on page two.", 2, "Intro"));
        blocks.add(new Block("Details", 2, "Details"));
        blocks.add(new Block("More text.", 2, "Details"));

        List<Chunk> chunks = new Chunker(500, 100).chunk(document(blocks));

        assertThat(chunks).extracting(Chunk::text)
                .containsExactly("Intro\n\nShort text on page one.", "Text on page two.", "Details\n\nMore text.");
        assertThat(chunks).extracting(Chunk::page).containsExactly(1, 2, 2);
        assertThat(chunks).extracting(Chunk::heading).containsExactly("Intro", "Intro", "Details");
    }

    @Test
    void a_sentence_longer_than_the_budget_is_cut_at_spaces() {
        String longSentence = "word ".repeat(100).strip() + ".";
        List<Chunk> chunks = new Chunker(120, 0).chunk(document(List.of(new Block(longSentence, null, null))));

        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.text().length()).isLessThanOrEqualTo(120);
            assertThat(c.text()).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("wor d");
        });
        assertThat(String.join(" ", chunks.stream().map(Chunk::text).toList())).isEqualTo(longSentence);
    }

    @Test
    void an_overlap_over_half_the_budget_is_refused() {
        assertThatThrownBy(() -> new Chunker(100, 60)).hasMessageContaining("got 60 of 100");
    }
}
