package dev.guild.tools.slides;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolResult;
import dev.guild.tools.artifacts.Artifact;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.presentationml.x2006.main.CTPicture;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreateSlidesToolTest {

    SlidesFixture slides;
    ToolResult review;

    @BeforeAll
    void generateTheQuarterlyReview(@TempDir Path dir) {
        slides = new SlidesFixture(dir);
        review = slides.call(SampleDecks.quarterlyReview());
    }

    @Test
    void the_result_lists_the_deck_every_slide_with_its_thumbnail_and_the_splits() {
        JsonNode out = review.output();
        assertThat(out.get("deck").asText()).matches("artifact://[0-9a-f]{64}/quarterly-review-platform-team\\.pptx");
        assertThat(out.get("slideCount").asInt()).isEqualTo(10);
        List<String> titles = new ArrayList<>();
        out.get("slides").forEach(s -> titles.add(s.get("title").asText()));
        assertThat(titles).containsExactly("Quarterly Review: Platform Team", "Where we stand", "Highlights",
                "Throughput by week", "Risks we are tracking and what we do about each of them this quarter",
                "Risks we are tracking and what we do about each of them this quarter (cont.)", "Next quarter",
                "Milestones", "Milestones (cont.)", "Asks");
        assertThat(out.get("splits")).hasSize(2);
        assertThat(out.get("splits").get(0).asText()).contains("$.sections[0].slides[2]").contains("1 more slide");
        assertThat(out.get("splits").get(1).asText()).contains("'Milestones'");
    }

    @Test
    void thumbnails_are_png_artifacts_of_every_slide_at_the_configured_width() throws Exception {
        for (JsonNode slide : review.output().get("slides")) {
            String uri = slide.get("thumbnail").asText();
            Artifact artifact = slides.artifacts().get(uri).orElseThrow();
            assertThat(artifact.contentType()).isEqualTo("image/png");
            assertThat(artifact.name()).isEqualTo(String.format("quarterly-review-platform-team-slide-%02d.png",
                    slide.get("number").asInt()));
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(slides.bytes(uri)));
            assertThat(png.getWidth()).isEqualTo(960);
            assertThat(png.getHeight()).isEqualTo(540);
        }
        Artifact deck = slides.artifacts().get(review.output().get("deck").asText()).orElseThrow();
        assertThat(deck.contentType()).isEqualTo(CreateSlidesTool.PPTX);
        assertThat(deck.size()).isEqualTo(review.output().get("deckBytes").asLong());
    }

    @Test
    void the_deck_has_title_section_and_content_slides_with_notes_a_native_table_and_a_picture() throws Exception {
        try (XMLSlideShow show = slides.open(review)) {
            assertThat(show.getPageSize().getWidth()).isEqualTo(960);
            List<XSLFSlide> all = show.getSlides();
            assertThat(all).hasSize(10);
            assertThat(all.get(0).getSlideLayout().getType().name()).isEqualTo("TITLE");
            assertThat(all.get(1).getSlideLayout().getType().name()).isEqualTo("SECTION_HEADER");
            assertThat(all.get(2).getSlideLayout().getType().name()).isEqualTo("TITLE_AND_CONTENT");
            assertThat(all.get(2).getTitle()).isEqualTo("Highlights");

            XSLFNotes notes = all.get(2).getNotes();
            assertThat(notes).isNotNull();
            assertThat(text(notes.getPlaceholders())).contains("Open with the two numbers");
            assertThat(all.get(5).getNotes()).as("notes stay on the first of the continued slides").isNull();

            XSLFTextShape body = (XSLFTextShape) all.get(2).getPlaceholder(1);
            assertThat(body.getTextParagraphs()).hasSize(5);
            assertThat(body.getTextParagraphs().get(2).getIndentLevel()).isEqualTo(1);
            assertThat(body.getTextParagraphs().get(2).getText()).isEqualTo("Down from 2.4 s to 0.6 s");

            XSLFPictureShape picture = shapes(all.get(3), XSLFPictureShape.class).getFirst();
            assertThat(((CTPicture) picture.getXmlObject()).getNvPicPr().getCNvPr().getDescr())
                    .isEqualTo("Bar chart of completed runs per second by week");
            double aspect = picture.getAnchor().getWidth() / picture.getAnchor().getHeight();
            assertThat(aspect).isCloseTo(800.0 / 500, org.assertj.core.data.Offset.offset(0.01));

            XSLFTable first = shapes(all.get(7), XSLFTable.class).getFirst();
            XSLFTable second = shapes(all.get(8), XSLFTable.class).getFirst();
            assertThat(first.getCell(0, 0).getText()).isEqualTo("Milestone");
            assertThat(second.getCell(0, 0).getText()).as("header repeated").isEqualTo("Milestone");
            assertThat(first.getNumberOfRows() - 1 + second.getNumberOfRows() - 1).isEqualTo(16);
            assertThat(first.getColumnWidth(0)).as("the long column is the widest").isGreaterThan(first.getColumnWidth(1) * 2);
            assertThat(second.getCell(second.getNumberOfRows() - 1, 0).getText()).isEqualTo("Multi-tenant quotas");
            SlidesFixture.assertEverythingFits(show);
        }
    }

    @Test
    void the_same_outline_gives_the_same_artifacts() {
        ToolResult again = slides.call(SampleDecks.quarterlyReview());
        assertThat(again).isEqualTo(review);
    }

    @Test
    void a_long_slide_shrinks_before_it_splits_and_never_overflows() throws Exception {
        ObjectNode outline = outline(bullets(9, 70));
        ToolResult shrunk = slides.call(outline);
        assertThat(shrunk.output().get("slideCount").asInt()).isEqualTo(2);
        assertThat(shrunk.output().get("shrunk").get(0).asText()).contains("% of its normal size");

        ToolResult split = slides.call(outline(bullets(30, 70)));
        assertThat(split.output().get("slideCount").asInt()).isGreaterThan(2);
        assertThat(split.output().get("slides").get(2).get("title").asText()).isEqualTo("Plan (cont.)");
        try (XMLSlideShow show = slides.open(split)) {
            SlidesFixture.assertEverythingFits(show);
        }
    }

    @Test
    void too_much_for_one_slide_even_when_split_is_an_error_that_says_what_to_move() {
        ToolResult result = slides.call(outline(bullets(40, 480)));
        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("$.sections[0].slides[0] ('Plan') needs")
                .contains("the most is 5").contains("move bullets or table rows to new slides");
    }

    @Test
    void invalid_outlines_get_every_problem_with_its_path_and_fix() {
        ToolResult result = slides.call("""
                {"title": "  ", "sections": [{"title": "", "slides": [
                  {"title": "Costs", "bullets": [{"text": "a", "level": 1}, {"text": " "}],
                   "table": {"header": ["Item", "Cost", "Owner"], "rows": [["a", "b", "c"], ["a", "b"], ["a", "b", "c"],
                                                                         ["a", "b", "c", "d"]]},
                   "image": {"uri": "data:image/png;base64,AAAA"}}]}]}""");
        assertThat(result.ok()).isFalse();
        assertThat(result.error())
                .contains("$.title is empty; give the deck a title")
                .contains("$.sections[0].title is blank")
                .contains("$.sections[0].slides[0].bullets[0].level is 1 but it is the first bullet")
                .contains("$.sections[0].slides[0].bullets[1].text is empty")
                .contains("$.sections[0].slides[0].table.rows[1] has 2 cells; the header has 3")
                .contains("$.sections[0].slides[0].table.rows[3] has 4 cells; the header has 3: give every row exactly 3 cells")
                .contains("has both an image and a table")
                .endsWith("Fix these and call create_slides again.");
    }

    @Test
    void a_title_too_long_for_its_box_says_how_long_it_may_be() {
        String title = "W".repeat(SlideOutline.MAX_TITLE);
        ToolResult result = slides.call(outline(bullets(1, 20)).put("title", "Deck")
                .set("sections", SampleDecks.JSON.createArrayNode().add(SampleDecks.JSON.createObjectNode()
                        .set("slides", SampleDecks.JSON.createArrayNode().add(SampleDecks.JSON.createObjectNode()
                                .put("title", title))))));
        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("$.sections[0].slides[0].title (150 characters").contains("even at 20 pt")
                .contains("shorten it to about");
    }

    @Test
    void images_come_from_data_uris_or_the_artifact_store_and_bad_ones_are_named() throws Exception {
        Artifact chart = slides.artifacts().put("chart.png", "image/png", SampleDecks.barChart(300, 600));
        ToolResult ok = slides.call(outline(image(chart.uri())));
        try (XMLSlideShow show = slides.open(ok)) {
            XSLFPictureShape picture = shapes(show.getSlides().get(1), XSLFPictureShape.class).getFirst();
            assertThat(picture.getPictureData().getData()).isEqualTo(slides.bytes(chart.uri()));
            assertThat(picture.getAnchor().getHeight()).as("a tall image fills the body's height").isCloseTo(364,
                    org.assertj.core.data.Offset.offset(1.0));
        }
        String missing = Artifact.uri("0".repeat(64), "gone.png");
        assertThat(slides.call(outline(image(missing))).error()).contains("names no stored artifact");
        assertThat(slides.call(outline(image("https://example.org/a.png"))).error())
                .contains("is neither an artifact URI");
        assertThat(slides.call(outline(image("data:image/png,abc"))).error()).contains("without ';base64'");
        assertThat(slides.call(outline(image("data:image/png;base64,%%%"))).error()).contains("not valid base64");
        assertThat(slides.call(outline(image("data:image/png;base64,aGVsbG8="))).error())
                .contains("is not an image that can be read");
        String huge = SampleDecks.dataUri(SampleDecks.pngHeader(20_000, 20_000));
        assertThat(slides.call(outline(image(huge))).error()).contains("is 20000x20000 pixels; the most is 10000");
        Artifact text = slides.artifacts().put("notes.txt", "text/plain", "hello".getBytes());
        assertThat(slides.call(outline(image(text.uri()))).error()).contains("is not an image that can be read");
    }

    @Test
    void the_registry_loads_it_with_a_valid_schema_and_checks_arguments_against_it() {
        ToolRegistry registry = ToolRegistry.load(getClass().getClassLoader(), slides.env);
        assertThat(registry.names()).contains("create_slides");
        JsonNode schema = registry.get("create_slides").inputSchema();
        assertThat(schema.at("/properties/sections/items/properties/slides/items/properties/bullets/maxItems").asInt())
                .isEqualTo(SlideOutline.MAX_BULLETS);
        assertThat(schema.at("/properties/sections/items/properties/slides/items/properties/table/properties/rows"
                + "/items/type").asText()).isEqualTo("array");
        assertThat(registry.get("create_slides").sideEffects()).isFalse();
        ToolResult result = registry.invoke(new dev.guild.tools.ToolCall("create_slides", "k",
                SampleDecks.JSON.createObjectNode().put("title", "No sections")));
        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("sections");
    }

    @Test
    void settings_out_of_range_stop_the_start_with_the_key_and_the_fix(@TempDir Path other) {
        assertThatThrownBy(() -> new SlidesFixture(other, java.util.Map.of("guild.tools.slides.thumbnail-width", "90")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("guild.tools.slides.thumbnail-width = '90' is out of range")
                .hasMessageContaining("160 to 3840");
        assertThatThrownBy(() -> new SlidesFixture(other, java.util.Map.of("guild.tools.slides.thumbnail-width", "wide")))
                .hasMessageContaining("a whole number");
    }

    private static ObjectNode outline(ArrayNode bullets) {
        ObjectNode slide = SampleDecks.JSON.createObjectNode().put("title", "Plan");
        slide.set("bullets", bullets);
        ObjectNode section = SampleDecks.JSON.createObjectNode();
        section.set("slides", SampleDecks.JSON.createArrayNode().add(slide));
        ObjectNode outline = SampleDecks.JSON.createObjectNode().put("title", "Plan");
        outline.set("sections", SampleDecks.JSON.createArrayNode().add(section));
        return outline;
    }

    private static ObjectNode outline(ObjectNode image) {
        ObjectNode outline = outline(bullets(0, 0));
        ObjectNode slide = (ObjectNode) outline.at("/sections/0/slides/0");
        slide.remove("bullets");
        slide.set("image", image);
        return outline;
    }

    private static ObjectNode image(String uri) {
        return SampleDecks.JSON.createObjectNode().put("uri", uri).put("alt", "a chart");
    }

    /** {@code count} bullets of about {@code length} characters, every third one nested. */
    static ArrayNode bullets(int count, int length) {
        ArrayNode bullets = SampleDecks.JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder("Point " + (i + 1));
            while (text.length() < length) {
                text.append(" detail");
            }
            bullets.addObject().put("text", text.toString()).put("level", i % 3 == 2 ? 1 : 0);
        }
        return bullets;
    }

    private static <T extends XSLFShape> List<T> shapes(XSLFSlide slide, Class<T> type) {
        return slide.getShapes().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static String text(XSLFTextShape[] shapes) {
        StringBuilder all = new StringBuilder();
        for (XSLFTextShape shape : shapes) {
            if (shape.getTextType() == Placeholder.BODY) {
                all.append(shape.getText());
            }
        }
        return all.toString();
    }
}
