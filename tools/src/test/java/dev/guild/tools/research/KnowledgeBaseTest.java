package dev.guild.tools.research;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnowledgeBaseTest {

    private static final String LIGHTHOUSE = """
            # Lighthouses

            The Tower of Hercules in A Coruña is the oldest lighthouse still in use; the Romans built it in the
            second century.

            ## Lenses

            Augustin Fresnel's stepped lens, first installed in 1823, concentrates the light of a small lamp into a
            beam visible more than twenty nautical miles away.
            """;
    private static final String VOLCANO = """
            # Volcanoes

            Shield volcanoes such as Mauna Loa are built by runny basalt lava that flows far before it cools.
            Stratovolcanoes erupt sticky lava and ash explosively.
            """;

    @TempDir
    Path dataDir;

    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        kb = KnowledgeBase.open(ResearchSettings.defaults(dataDir), TestEmbeddings.MODEL);
    }

    @AfterEach
    void close() {
        kb.close();
    }

    private static DocumentSource markdown(String id, String text) {
        return new DocumentSource(id, null, "https://docs.example/" + id, id, "text/markdown", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_same_content_twice_is_unchanged_and_new_content_replaces_the_old_passages() {
        IngestResult first = kb.ingest(markdown("lighthouses.md", LIGHTHOUSE));
        IngestResult again = kb.ingest(markdown("lighthouses.md", LIGHTHOUSE));

        assertThat(first.status()).isEqualTo(IngestResult.Status.INGESTED);
        assertThat(first.title()).isEqualTo("Lighthouses");
        assertThat(again.status()).isEqualTo(IngestResult.Status.UNCHANGED);
        assertThat(again.contentHash()).isEqualTo(first.contentHash());
        assertThat(again.chunks()).isEqualTo(first.chunks()).isEqualTo(kb.chunkCount("lighthouses.md"));

        IngestResult replaced = kb.ingest(markdown("lighthouses.md", "# Lighthouses\n\nLighthouse keepers were replaced by automation."));

        assertThat(replaced.status()).isEqualTo(IngestResult.Status.REPLACED);
        assertThat(replaced.contentHash()).isNotEqualTo(first.contentHash());
        assertThat(kb.chunkCount("lighthouses.md")).isEqualTo(replaced.chunks()).isEqualTo(1);
        assertThat(kb.search(new SearchRequest("Fresnel lens", 5, null, SearchMode.KEYWORD))).isEmpty();
        assertThat(kb.search(SearchRequest.hybrid("keepers automation", 1)).getFirst().text()).contains("automation");
    }

    @Test
    void passages_carry_their_citation_with_heading_and_offsets() {
        kb.ingest(markdown("lighthouses.md", LIGHTHOUSE));

        Passage top = kb.search(SearchRequest.hybrid("who invented the lighthouse lens", 1)).getFirst();

        assertThat(top.text()).contains("Fresnel");
        assertThat(top.citation().id()).isEqualTo("kb:lighthouses.md#1");
        assertThat(top.citation().url()).isEqualTo("https://docs.example/lighthouses.md");
        assertThat(top.citation().location().heading()).isEqualTo("Lenses");
        assertThat(top.citation().location().page()).isNull();
        assertThat(top.citation().location().endChar() - top.citation().location().startChar()).isEqualTo(top.text().length());
        assertThat(top.keywordRank()).isEqualTo(1);
        assertThat(top.vectorRank()).isEqualTo(1);
    }

    @Test
    void a_source_filter_keeps_other_documents_out() {
        kb.ingest(markdown("lighthouses.md", LIGHTHOUSE));
        kb.ingest(markdown("volcanoes.md", VOLCANO));

        List<Passage> passages = kb.search(new SearchRequest("lava eruption", 5, Set.of("lighthouses.md"), SearchMode.HYBRID));

        assertThat(passages).isNotEmpty().allSatisfy(p -> assertThat(p.citation().sourceId()).isEqualTo("lighthouses.md"));
        assertThat(kb.search(SearchRequest.hybrid("lava eruption", 1)).getFirst().citation().sourceId()).isEqualTo("volcanoes.md");
    }

    @Test
    void the_index_and_recorded_calls_survive_a_restart() {
        kb.ingest(markdown("volcanoes.md", VOLCANO));
        kb.recordCall("run-1/act-2", "{\"status\":\"ingested\"}");
        kb.close();

        kb = KnowledgeBase.open(ResearchSettings.defaults(dataDir), TestEmbeddings.MODEL);

        assertThat(kb.search(SearchRequest.hybrid("Mauna Loa basalt", 1)).getFirst().citation().sourceId()).isEqualTo("volcanoes.md");
        assertThat(kb.recordedCall("run-1/act-2")).contains("{\"status\":\"ingested\"}");
        assertThat(kb.recordedCall("run-1/act-3")).isEmpty();
        assertThat(kb.ingest(markdown("volcanoes.md", VOLCANO)).status()).isEqualTo(IngestResult.Status.UNCHANGED);
    }

    @Test
    void concurrent_replacements_of_one_source_leave_exactly_one_version() throws Exception {
        List<String> versions = List.of("Gannets dive from thirty metres.", "Puffins nest in burrows.", "Terns migrate pole to pole.");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(3)) {
            List<java.util.concurrent.Future<IngestResult>> results = new java.util.ArrayList<>();
            for (String version : versions) {
                results.add(pool.submit(() -> kb.ingest(markdown("seabirds.md", "# Seabirds\n\n" + version))));
            }
            for (var result : results) {
                assertThat(result.get().chunks()).isEqualTo(1);
            }
        }

        List<Passage> stored = kb.search(new SearchRequest("seabirds", 10, Set.of("seabirds.md"), SearchMode.VECTOR));
        assertThat(stored).hasSize(1);
        assertThat(versions).anySatisfy(v -> assertThat(stored.getFirst().text()).contains(v));
        assertThat(kb.chunkCount("seabirds.md")).isEqualTo(1);
    }

    @Test
    void delete_removes_a_source() {
        kb.ingest(markdown("volcanoes.md", VOLCANO));

        assertThat(kb.delete("volcanoes.md")).isTrue();
        assertThat(kb.delete("volcanoes.md")).isFalse();
        assertThat(kb.search(SearchRequest.hybrid("volcano", 5))).isEmpty();
    }

    @Test
    void a_second_open_of_the_same_index_is_refused_with_the_fix() {
        assertThatThrownBy(() -> KnowledgeBase.open(ResearchSettings.defaults(dataDir), TestEmbeddings.MODEL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is in use")
                .hasMessageContaining("guild.tools.research.index-dir");
    }

    @Test
    void an_index_built_with_another_embedding_size_is_refused_with_the_fix() {
        kb.ingest(markdown("volcanoes.md", VOLCANO));
        kb.close();
        EmbeddingModel threeDimensions = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                return Response.from(segments.stream().map(s -> Embedding.from(new float[]{1, 0, 0})).toList());
            }
        };

        assertThatThrownBy(() -> KnowledgeBase.open(ResearchSettings.defaults(dataDir), threeDimensions))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds 384-dimensional embeddings but the embedding model makes 3")
                .hasMessageContaining("index-dir");

        kb = KnowledgeBase.open(ResearchSettings.defaults(dataDir), TestEmbeddings.MODEL);
        assertThat(kb.chunkCount("volcanoes.md")).as("the refused open left the index usable").isPositive();
    }

    @Test
    void oversized_documents_and_bad_requests_are_refused() {
        ResearchSettings d = ResearchSettings.defaults(dataDir);
        kb.close();
        kb = KnowledgeBase.open(d.withDocumentLimits(100, 1000), TestEmbeddings.MODEL);

        assertThatThrownBy(() -> kb.ingest(markdown("volcanoes.md", VOLCANO)))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("more than the limit of 100");
        kb.close();
        kb = KnowledgeBase.open(d.withDocumentLimits(1 << 20, 1000), TestEmbeddings.MODEL);
        assertThatThrownBy(() -> kb.ingest(markdown("long.md", "Lava flows. ".repeat(200))))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageContaining("longer than 1000 characters");
        assertThatThrownBy(() -> new SearchRequest(" ", 5, null, null)).hasMessageContaining("query is blank");
        assertThatThrownBy(() -> new SearchRequest("x", 51, null, null)).hasMessageContaining("got 51");
        assertThatThrownBy(() -> markdown("bad\nid", VOLCANO)).hasMessageContaining("without control characters");
    }
}
