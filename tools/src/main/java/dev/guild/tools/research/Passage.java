package dev.guild.tools.research;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolParam;

/**
 * A knowledge-base passage found by a search.
 *
 * @param text       the chunk's text
 * @param score      the fused score: sum of 1/(60 + rank) over the keyword and vector rankings (reciprocal rank
 *                   fusion), or that of the single ranking for the single modes; higher is better; comparable within
 *                   one search only
 * @param keywordRank 1-based rank in the BM25 ranking, null when the passage was not among its candidates
 * @param vectorRank  1-based rank in the vector ranking, null when the passage was not among its candidates
 * @param citation   what to cite
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Passage(
        @JsonProperty("text") @ToolParam("the passage's text") String text,
        @JsonProperty("score") @ToolParam("fused relevance score; higher is better; compare within one search only") double score,
        @JsonProperty("keywordRank") @ToolParam(value = "rank in the BM25 keyword ranking", required = false) Integer keywordRank,
        @JsonProperty("vectorRank") @ToolParam(value = "rank in the vector (meaning) ranking", required = false) Integer vectorRank,
        @JsonProperty("citation") @ToolParam("what to cite: its id, source, title and location") Citation citation) {
}
