package dev.guild.tools.research.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.TypedTool;
import dev.guild.tools.research.KnowledgeBase;
import dev.guild.tools.research.Passage;
import dev.guild.tools.research.SearchMode;
import dev.guild.tools.research.SearchRequest;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** {@code search_knowledge}: the best passages of the knowledge base for a question, each with its citation. */
public final class SearchKnowledgeTool extends TypedTool<SearchKnowledgeTool.Input, SearchKnowledgeTool.Output> {

    public static final int DEFAULT_TOP_K = 5;

    public record Input(
            @JsonProperty("query") @ToolParam(value = "the question or keywords to look for", minLength = 1, maxLength = 1000)
            String query,
            @JsonProperty("topK") @ToolParam(value = "passages to return, default 5", required = false, minimum = 1, maximum = 50)
            Integer topK,
            @JsonProperty("sources") @ToolParam(value = "only these source ids (from ingest_document); default all",
                    required = false, maxLength = 100)
            List<String> sources,
            @JsonProperty("mode") @ToolParam(value = "hybrid (default: keywords and meaning), keyword or vector", required = false)
            SearchMode mode) {
    }

    public record Output(
            @JsonProperty("passages") @ToolParam("best passages first; cite each by its citation.id in square brackets")
            List<Passage> passages) {
    }

    private final Supplier<KnowledgeBase> knowledgeBase;

    public SearchKnowledgeTool(Supplier<KnowledgeBase> knowledgeBase) {
        super("search_knowledge",
                "Searches the knowledge base (documents added with ingest_document) by keywords and meaning and returns"
                        + " the best passages, each {text, score, citation: {id, sourceId, title, url, location: {page,"
                        + " heading, startChar, endChar}}}. Use it before answering from the organisation's documents;"
                        + " quote the citation id of every passage you use in square brackets, e.g. [kb:handbook.pdf#3]."
                        + " An empty list means nothing relevant is stored.",
                Input.class, Output.class, false);
        this.knowledgeBase = knowledgeBase;
    }

    @Override
    protected ToolResult run(Input input, ToolCall call) {
        if (input.query() == null || input.query().isBlank()) {
            return ToolResult.error("query is empty; send the question or keywords to look for");
        }
        int topK = input.topK() == null ? DEFAULT_TOP_K : input.topK();
        if (topK < 1 || topK > SearchRequest.MAX_TOP_K) {
            return ToolResult.error("topK must be between 1 and " + SearchRequest.MAX_TOP_K + "; got " + topK);
        }
        Set<String> sources = input.sources() == null ? Set.of() : Set.copyOf(input.sources());
        List<Passage> passages = knowledgeBase.get().search(new SearchRequest(input.query(), topK, sources, input.mode()));
        return ok(new Output(passages));
    }
}
