package dev.guild.tools.research;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/** Which rankings a knowledge-base search uses; wire names are lower case. */
public enum SearchMode {
    /** BM25 and vector rankings fused by reciprocal rank fusion (the default). */
    @JsonProperty("hybrid") HYBRID,
    /** BM25 over the chunk text, title and heading only. */
    @JsonProperty("keyword") KEYWORD,
    /** Nearest neighbours of the query's embedding (HNSW, cosine) only. */
    @JsonProperty("vector") VECTOR;

    /** The wire name (lower case), also used by the generated schema. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
