package dev.guild.tools.research.internal;

import dev.guild.tools.research.CorpusFiles;
import dev.guild.tools.research.UnreadableDocumentException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentParserTest {

    private static final Map<String, byte[]> CORPUS = CorpusFiles.load();
    private final DocumentParser parser = new DocumentParser(1_000_000);

    @Test
    void markdown_headings_become_headings_and_markup_is_dropped() {
        ParsedDocument doc = parser.parse(CORPUS.get("heat-pumps.md"), "heat-pumps.md", null);

        assertThat(doc.contentType()).isEqualTo(DocumentParser.MARKDOWN);
        assertThat(doc.title()).isEqualTo("Heat pumps for homes");
        assertThat(doc.blocks()).anySatisfy(b -> {
            assertThat(b.text()).startsWith("The efficiency of a heat pump is described by its coefficient of performance (COP)");
            assertThat(b.heading()).isEqualTo("Coefficient of performance");
        });
        assertThat(doc.text()).doesNotContain("**").doesNotContain("##");
    }

    @Test
    void html_keeps_the_article_and_drops_navigation_asides_and_footers() {
        ParsedDocument doc = parser.parse(CORPUS.get("coral-reefs.html"), "coral-reefs.html", "text/html; charset=utf-8");

        assertThat(doc.contentType()).isEqualTo(DocumentParser.HTML);
        assertThat(doc.title()).isEqualTo("Coral reefs and bleaching");
        assertThat(doc.text()).contains("zooxanthellae").doesNotContain("Shop our espresso").doesNotContain("newsletter");
        assertThat(doc.blocks()).anySatisfy(b -> {
            assertThat(b.text()).contains("coral bleaching");
            assertThat(b.heading()).isEqualTo("Why corals turn white");
        });
        ParsedDocument espresso = parser.parse(CORPUS.get("espresso.html"), null, null);
        assertThat(espresso.text()).contains("9 bar").doesNotContain("sourdough");
        ParsedDocument divs = parser.parse("<html><body><div class=\"page\">one</div><div class=\"page\">two</div></body></html>"
                .getBytes(StandardCharsets.UTF_8), "divs.html", "text/html");
        assertThat(divs.blocks()).extracting(Block::text).containsExactly("one", "two");
        assertThat(divs.blocks()).extracting(Block::page).containsExactly(null, null);
    }

    @Test
    void pdf_pages_are_counted() {
        ParsedDocument doc = parser.parse(CORPUS.get("travel-policy.pdf"), "travel-policy.pdf", null);

        assertThat(doc.contentType()).isEqualTo(DocumentParser.PDF);
        assertThat(doc.title()).isEqualTo("Business travel policy");
        assertThat(doc.blocks()).anySatisfy(b -> {
            assertThat(b.text()).contains("180 euros per night");
            assertThat(b.page()).isEqualTo(1);
        });
        assertThat(doc.blocks()).anySatisfy(b -> {
            assertThat(b.text()).contains("within 30 days");
            assertThat(b.page()).isEqualTo(2);
        });
    }

    @Test
    void docx_heading_styles_become_headings() {
        ParsedDocument doc = parser.parse(CORPUS.get("onboarding.docx"), "onboarding.docx", null);

        assertThat(doc.contentType()).isEqualTo(DocumentParser.DOCX);
        assertThat(doc.blocks()).anySatisfy(b -> {
            assertThat(b.text()).contains("paired with a buddy");
            assertThat(b.heading()).isEqualTo("The buddy programme");
        });
    }

    @Test
    void plain_text_is_split_at_blank_lines() {
        ParsedDocument doc = parser.parse(CORPUS.get("bees.txt"), "bees.txt", null);

        assertThat(doc.contentType()).isEqualTo(DocumentParser.TEXT);
        assertThat(doc.blocks()).hasSize(4);
        assertThat(doc.blocks().get(1).text()).startsWith("A forager bee").doesNotContain("\n");
    }

    @Test
    void unsupported_formats_are_refused_with_the_list_of_supported_ones() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

        assertThatThrownBy(() -> parser.parse(png, "chart.png", null))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("'chart.png' is image/png")
                .hasMessageContaining("Markdown, HTML, PDF, DOCX, plain text");
    }

    @Test
    void damaged_and_empty_documents_are_refused() {
        byte[] broken = "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> parser.parse(broken, "broken.pdf", "application/pdf"))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("'broken.pdf'");
        assertThatThrownBy(() -> parser.parse("   \n\n ".getBytes(StandardCharsets.UTF_8), "empty.txt", "text/plain"))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("has no text");
    }

    @Test
    void text_longer_than_the_limit_is_refused() {
        byte[] longText = "word ".repeat(2_000).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new DocumentParser(1_000).parse(longText, "long.txt", "text/plain"))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("longer than 1000 characters");
    }
}
