package dev.guild.tools.research.internal;

/** Field names of the knowledge-base index (a stable on-disk format: change only with a migration). */
final class IndexFields {
    /** {@code chunk} for passages, {@code call} for recorded tool calls. */
    static final String KIND = "kind";
    static final String CHUNK = "chunk";
    static final String CALL = "call";

    static final String SOURCE_ID = "source_id";
    static final String CONTENT_HASH = "content_hash";
    /** Chunking settings and embedding model the passages were made with; other settings re-ingest. */
    static final String FINGERPRINT = "fingerprint";
    static final String CHUNK_INDEX = "chunk_index";
    static final String TITLE = "title";
    static final String URL = "url";
    static final String CONTENT_TYPE = "content_type";
    static final String HEADING = "heading";
    static final String PAGE = "page";
    static final String START = "start_char";
    static final String END = "end_char";
    static final String TEXT = "text";
    /** Title, heading and text, analysed for BM25; not stored. */
    static final String SEARCH_TEXT = "search_text";
    static final String VECTOR = "vector";

    static final String CALL_KEY = "call_key";
    static final String CALL_RESULT = "call_result";

    private IndexFields() {
    }
}
