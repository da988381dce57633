package dev.guild.tools.research;

import java.util.Objects;
import java.util.Set;

/**
 * A knowledge-base search.
 *
 * @param query     what to look for, in natural language or keywords
 * @param topK      passages to return, 1 to 50
 * @param sourceIds restrict to these sources; empty = all
 * @param mode      rankings to use
 */
public record SearchRequest(String query, int topK, Set<String> sourceIds, SearchMode mode) {

    public static final int MAX_TOP_K = 50;

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        if (query.isBlank()) {
            throw new IllegalArgumentException("query is blank; send the question or keywords to look for");
        }
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new IllegalArgumentException("topK must be between 1 and " + MAX_TOP_K + "; got " + topK);
        }
        sourceIds = sourceIds == null ? Set.of() : Set.copyOf(sourceIds);
        mode = mode == null ? SearchMode.HYBRID : mode;
    }

    public static SearchRequest hybrid(String query, int topK) {
        return new SearchRequest(query, topK, Set.of(), SearchMode.HYBRID);
    }
}
