package dev.guild.tools.research;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retrieval quality on the fixed corpus (12 documents in five formats, {@link CorpusFiles}) and its questions with
 * known answer documents ({@code research/questions.tsv}): recall@5 = share of questions whose answer document is
 * among the sources of the top 5 passages. Printed for each mode and asserted.
 */
class RetrievalQualityTest {

    private record Question(String text, String expectedSource) {
    }

    @TempDir
    static Path dataDir;

    private static KnowledgeBase kb;
    private static final List<Question> QUESTIONS = new ArrayList<>();

    @BeforeAll
    static void ingestCorpus() {
        long start = System.nanoTime();
        kb = KnowledgeBase.open(ResearchSettings.defaults(dataDir), TestEmbeddings.MODEL);
        for (Map.Entry<String, byte[]> file : CorpusFiles.load().entrySet()) {
            IngestResult result = kb.ingest(new DocumentSource(file.getKey(), null, null, file.getKey(), null, file.getValue()));
            assertThat(result.chunks()).as(file.getKey()).isPositive();
        }
        System.out.printf("research corpus ingested in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        for (String line : CorpusFiles.resource("research/questions.tsv").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\t");
                QUESTIONS.add(new Question(parts[0], parts[1].strip()));
            }
        }
    }

    @AfterAll
    static void close() {
        kb.close();
    }

    @Test
    void hybrid_recall_at_5_is_at_least_0_9_and_no_worse_than_either_ranking_alone() {
        Map<SearchMode, Double> recall = new EnumMap<>(SearchMode.class);
        for (SearchMode mode : SearchMode.values()) {
            double[] figures = evaluate(mode);
            recall.put(mode, figures[0]);
            System.out.printf("research retrieval, %d questions, %s: recall@5 %.3f, recall@1 %.3f, MRR@5 %.3f%n",
                    QUESTIONS.size(), mode, figures[0], figures[1], figures[2]);
        }

        assertThat(QUESTIONS).hasSizeGreaterThanOrEqualTo(20);
        assertThat(recall.get(SearchMode.HYBRID)).isGreaterThanOrEqualTo(0.9);
        assertThat(recall.get(SearchMode.HYBRID)).isGreaterThanOrEqualTo(recall.get(SearchMode.KEYWORD));
        assertThat(recall.get(SearchMode.HYBRID)).isGreaterThanOrEqualTo(recall.get(SearchMode.VECTOR));
    }

    /** Recall@5, recall@1 and mean reciprocal rank (first passage of the answer document among the top 5). */
    private static double[] evaluate(SearchMode mode) {
        int found = 0;
        int first = 0;
        double reciprocalRanks = 0;
        for (Question question : QUESTIONS) {
            List<String> sources = kb.search(new SearchRequest(question.text(), 5, null, mode)).stream()
                    .map(p -> p.citation().sourceId()).toList();
            int rank = sources.indexOf(question.expectedSource()) + 1;
            if (rank > 0) {
                found++;
                first += rank == 1 ? 1 : 0;
                reciprocalRanks += 1.0 / rank;
            } else {
                System.out.println("  " + mode + " missed: " + question.text() + " -> " + sources);
            }
        }
        int n = QUESTIONS.size();
        return new double[]{(double) found / n, (double) first / n, reciprocalRanks / n};
    }

    @Test
    void the_top_passage_answers_and_is_cited_with_its_location() {
        List<Passage> passages = kb.search(SearchRequest.hybrid("When must expense receipts be submitted?", 3));

        Passage top = passages.getFirst();
        assertThat(top.text()).contains("within 30 days");
        assertThat(top.citation().id()).startsWith("kb:travel-policy.pdf#");
        assertThat(top.citation().title()).isEqualTo("Business travel policy");
        assertThat(top.citation().location().page()).isEqualTo(2);
        assertThat(top.score()).isGreaterThan(passages.get(1).score());
    }
}
