package dev.guild.tools.slides;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.tools.ToolResult;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeded random outlines of every shape: whatever the content, the deck is made and nothing overflows. */
class RandomOutlinesTest {

    private static final String[] WORDS = ("platform durable workflow agent booking research deck latency throughput"
            + " approval Kafka Temporal PostgreSQL inference runtime benchmark quarter milestone owner risk budget"
            + " a of the to in on internationalisation https://example.org/a/very/long/path/to/a/page 42 3.5%")
            .split(" ");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void random_outlines_make_decks_whose_text_fits(long seed) throws Exception {
        Random random = new Random(seed);
        // small thumbnails: this test is about the deck, and drawing fewer pixels is faster
        SlidesFixture slides = new SlidesFixture(dir, Map.of("guild.tools.slides.thumbnail-width", "160"));
        ObjectNode outline = SampleDecks.JSON.createObjectNode().put("title", words(random, 2 + random.nextInt(8)));
        ArrayNode sections = outline.putArray("sections");
        for (int s = 0; s < 2; s++) {
            ObjectNode section = sections.addObject().put("title", words(random, 1 + random.nextInt(5)));
            ArrayNode list = section.putArray("slides");
            for (int i = 0; i < 3; i++) {
                list.add(slide(random));
            }
        }
        ToolResult result = slides.call(outline);
        assertThat(result.ok()).as("seed %d: %s", seed, result.error()).isTrue();
        assertThat(result.output().at("/slides/0/thumbnail").asText()).endsWith("-slide-01.png");
        try (XMLSlideShow show = slides.open(result)) {
            assertThat(show.getSlides()).hasSize(result.output().get("slideCount").asInt());
            SlidesFixture.assertEverythingFits(show);
        }
    }

    private static ObjectNode slide(Random random) {
        ObjectNode slide = SampleDecks.JSON.createObjectNode().put("title", words(random, 1 + random.nextInt(12)));
        int kind = random.nextInt(4);
        if (kind != 2) {
            ArrayNode bullets = slide.putArray("bullets");
            int count = kind == 3 ? 1 + random.nextInt(3) : 1 + random.nextInt(10);
            int level = 0;
            for (int b = 0; b < count; b++) {
                level = b == 0 ? 0 : Math.max(0, Math.min(2, level + random.nextInt(3) - 1));
                bullets.addObject().put("text", words(random, 1 + random.nextInt(random.nextInt(8) == 0 ? 40 : 14)))
                        .put("level", level);
            }
        }
        if (kind == 1) {
            slide.putObject("image").put("uri", SampleDecks.dataUri(
                    SampleDecks.barChart(100 + random.nextInt(900), 100 + random.nextInt(900))));
        } else if (kind >= 2) {
            int columns = 1 + random.nextInt(6);
            ObjectNode table = slide.putObject("table");
            ArrayNode header = table.putArray("header");
            for (int c = 0; c < columns; c++) {
                header.add(words(random, 1 + random.nextInt(3)));
            }
            ArrayNode rows = table.putArray("rows");
            int count = 1 + random.nextInt(14);
            for (int r = 0; r < count; r++) {
                ArrayNode row = rows.addArray();
                for (int c = 0; c < columns; c++) {
                    row.add(random.nextInt(8) == 0 ? "" : words(random, 1 + random.nextInt(7)));
                }
            }
        }
        return slide;
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.length() > 140 ? text.substring(0, 140).strip() : text.toString();
    }
}
