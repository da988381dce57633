package dev.guild.tools.research;

import dev.guild.tools.research.internal.LuceneKnowledgeBase;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.List;
import java.util.Optional;

/**
 * Documents split into passages, searchable by keywords (BM25) and by meaning (embeddings, HNSW), fused with
 * reciprocal rank fusion. Durable: the index lives in {@link ResearchSettings#indexDir()} and survives restarts.
 * Thread-safe. One process at a time may open an index directory.
 */
public interface KnowledgeBase extends AutoCloseable {

    /**
     * Parses, chunks, embeds and stores a document. Idempotent on content: the same bytes under the same source id
     * change nothing ({@link IngestResult.Status#UNCHANGED}); other bytes replace the source's passages atomically.
     *
     * @throws UnreadableDocumentException when the document's format is not supported or it cannot be parsed
     */
    IngestResult ingest(DocumentSource document);

    /** The best passages for the request, best first. */
    List<Passage> search(SearchRequest request);

    /** Removes a source's passages; false when there were none. */
    boolean delete(String sourceId);

    /** Number of passages of a source (0 when unknown). */
    int chunkCount(String sourceId);

    /** The JSON result recorded for an idempotency key by {@link #recordCall}, if any. */
    Optional<String> recordedCall(String idempotencyKey);

    /** Records a tool call's JSON result under its idempotency key (durably, with the index). */
    void recordCall(String idempotencyKey, String resultJson);

    @Override
    void close();

    /** Opens (or creates) the index with the in-process all-MiniLM-L6-v2 (quantized) embedding model. */
    static KnowledgeBase open(ResearchSettings settings) {
        return LuceneKnowledgeBase.open(settings, LuceneKnowledgeBase.defaultEmbeddingModel());
    }

    /** Opens (or creates) the index with another embedding model (its dimension is fixed per index). */
    static KnowledgeBase open(ResearchSettings settings, EmbeddingModel embeddingModel) {
        return LuceneKnowledgeBase.open(settings, embeddingModel);
    }
}
