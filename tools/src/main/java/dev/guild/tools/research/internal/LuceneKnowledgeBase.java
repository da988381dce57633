package dev.guild.tools.research.internal;

import dev.guild.tools.ToolUnavailableException;
import dev.guild.tools.research.DocumentSource;
import dev.guild.tools.research.IngestResult;
import dev.guild.tools.research.KnowledgeBase;
import dev.guild.tools.research.Passage;
import dev.guild.tools.research.ResearchSettings;
import dev.guild.tools.research.SearchRequest;
import dev.guild.tools.research.UnreadableDocumentException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The knowledge base on a Lucene index in {@link ResearchSettings#indexDir()}: one Lucene document per passage with
 * its text for BM25 and its embedding in an HNSW graph (cosine), replaced per source with
 * {@link IndexWriter#updateDocuments}; every change is committed before the call returns.
 */
public final class LuceneKnowledgeBase implements KnowledgeBase {

    private final ResearchSettings settings;
    private final EmbeddingModel embeddingModel;
    private final String fingerprint;
    private final DocumentParser parser;
    private final Chunker chunker;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final PassageSearch search;
    private final ReentrantLock writeLock = new ReentrantLock();

    private LuceneKnowledgeBase(ResearchSettings settings, EmbeddingModel embeddingModel, Directory directory,
                                IndexWriter writer, Analyzer analyzer) throws IOException {
        this.settings = settings;
        this.embeddingModel = embeddingModel;
        this.fingerprint = "chunk=" + settings.chunkMaxChars() + "/" + settings.chunkOverlapChars()
                + ";model=" + embeddingModel.getClass().getName() + ";dim=" + embeddingModel.dimension();
        this.parser = new DocumentParser(settings.maxDocumentChars());
        this.chunker = new Chunker(settings.chunkMaxChars(), settings.chunkOverlapChars());
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        this.search = new PassageSearch(searchers, analyzer, this::embed);
    }

    /** all-MiniLM-L6-v2, quantized, running in process (ONNX Runtime); 384 dimensions. */
    public static EmbeddingModel defaultEmbeddingModel() {
        return new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    public static LuceneKnowledgeBase open(ResearchSettings settings, EmbeddingModel embeddingModel) {
        Directory directory = null;
        try {
            Files.createDirectories(settings.indexDir());
            directory = FSDirectory.open(settings.indexDir());
            Analyzer analyzer = new EnglishAnalyzer();
            IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            checkDimension(settings, writer, embeddingModel.dimension());
            return new LuceneKnowledgeBase(settings, embeddingModel, directory, writer, analyzer);
        } catch (LockObtainFailedException e) {
            closeQuietly(directory);
            throw new IllegalStateException("the knowledge base index " + settings.indexDir()
                    + " is in use by another process (or another KnowledgeBase in this one); open it once, or configure"
                    + " another " + ResearchSettings.PREFIX + "index-dir", e);
        } catch (IOException e) {
            closeQuietly(directory);
            throw new UncheckedIOException("cannot open the knowledge base index " + settings.indexDir() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(directory);
            throw e;
        }
    }

    private static void checkDimension(ResearchSettings settings, IndexWriter writer, int dimension) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            FieldInfo vectors = FieldInfos.getMergedFieldInfos(reader).fieldInfo(IndexFields.VECTOR);
            if (vectors != null && vectors.getVectorDimension() != dimension) {
                writer.close();
                throw new IllegalStateException("the knowledge base index " + settings.indexDir() + " holds "
                        + vectors.getVectorDimension() + "-dimensional embeddings but the embedding model makes " + dimension
                        + "; re-create the index (delete the directory and ingest again) or configure another "
                        + ResearchSettings.PREFIX + "index-dir");
            }
        }
    }

    @Override
    public IngestResult ingest(DocumentSource source) {
        if (source.content().length > settings.maxDocumentBytes()) {
            throw new UnreadableDocumentException("the document '" + source.sourceId() + "' has "
                    + source.content().length + " bytes, more than the limit of " + settings.maxDocumentBytes()
                    + " (" + ResearchSettings.PREFIX + "max-document-bytes); split it or raise the limit");
        }
        String hash = sha256(source.content());
        Optional<IngestResult> unchanged = unchanged(source.sourceId(), hash);
        if (unchanged.isPresent()) {
            return unchanged.get();
        }
        ParsedDocument parsed = parser.parse(source.content(), source.fileName(), source.contentType());
        String title = firstNonBlank(source.title(), parsed.title(), source.fileName(), source.sourceId());
        List<Chunk> chunks = chunker.chunk(parsed);
        List<TextSegment> segments = chunks.stream().map(c -> TextSegment.from(searchText(title, c))).toList();
        List<Embedding> embeddings = embeddingModel.embedAll(segments).content();
        List<Document> documents = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            documents.add(document(source, hash, title, parsed.contentType(), chunks.get(i), segments.get(i).text(),
                    embeddings.get(i).vector()));
        }
        writeLock.lock();
        try {
            Optional<IngestResult> raced = unchanged(source.sourceId(), hash);
            if (raced.isPresent()) {
                return raced.get();
            }
            boolean existed = chunkCount(source.sourceId()) > 0;
            writer.updateDocuments(new Term(IndexFields.SOURCE_ID, source.sourceId()), documents);
            commit();
            return new IngestResult(source.sourceId(), title, parsed.contentType(), hash, chunks.size(),
                    existed ? IngestResult.Status.REPLACED : IngestResult.Status.INGESTED);
        } catch (IOException e) {
            throw new ToolUnavailableException("writing the knowledge base index failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private Optional<IngestResult> unchanged(String sourceId, String hash) {
        return search.withSearcher(searcher -> {
            TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.SOURCE_ID, sourceId)), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Document stored = searcher.storedFields().document(top.scoreDocs[0].doc);
            if (!hash.equals(stored.get(IndexFields.CONTENT_HASH)) || !fingerprint.equals(stored.get(IndexFields.FINGERPRINT))) {
                return Optional.empty();
            }
            int count = searcher.count(new TermQuery(new Term(IndexFields.SOURCE_ID, sourceId)));
            return Optional.of(new IngestResult(sourceId, stored.get(IndexFields.TITLE), stored.get(IndexFields.CONTENT_TYPE),
                    hash, count, IngestResult.Status.UNCHANGED));
        });
    }

    private Document document(DocumentSource source, String hash, String title, String contentType, Chunk chunk,
                              String searchText, float[] vector) {
        Document doc = new Document();
        doc.add(new StringField(IndexFields.KIND, IndexFields.CHUNK, Field.Store.NO));
        doc.add(new StringField(IndexFields.SOURCE_ID, source.sourceId(), Field.Store.YES));
        doc.add(new StoredField(IndexFields.CONTENT_HASH, hash));
        doc.add(new StoredField(IndexFields.FINGERPRINT, fingerprint));
        doc.add(new StoredField(IndexFields.CHUNK_INDEX, chunk.index()));
        doc.add(new StoredField(IndexFields.TITLE, title));
        if (source.url() != null) {
            doc.add(new StoredField(IndexFields.URL, source.url()));
        }
        doc.add(new StoredField(IndexFields.CONTENT_TYPE, contentType));
        if (chunk.heading() != null) {
            doc.add(new StoredField(IndexFields.HEADING, chunk.heading()));
        }
        if (chunk.page() != null) {
            doc.add(new StoredField(IndexFields.PAGE, chunk.page()));
        }
        doc.add(new StoredField(IndexFields.START, chunk.startChar()));
        doc.add(new StoredField(IndexFields.END, chunk.endChar()));
        doc.add(new StoredField(IndexFields.TEXT, chunk.text()));
        doc.add(new TextField(IndexFields.SEARCH_TEXT, searchText, Field.Store.NO));
        doc.add(new KnnFloatVectorField(IndexFields.VECTOR, vector, VectorSimilarityFunction.COSINE));
        return doc;
    }

    /** What is embedded and indexed for BM25: the title and heading give a passage its context. */
    private static String searchText(String title, Chunk chunk) {
        StringBuilder text = new StringBuilder(title);
        if (chunk.heading() != null && !chunk.heading().equals(title) && !chunk.text().startsWith(chunk.heading())) {
            text.append(" — ").append(chunk.heading());
        }
        return text.append('\n').append(chunk.text()).toString();
    }

    @Override
    public List<Passage> search(SearchRequest request) {
        return search.search(request);
    }

    @Override
    public boolean delete(String sourceId) {
        writeLock.lock();
        try {
            if (chunkCount(sourceId) == 0) {
                return false;
            }
            writer.deleteDocuments(new Term(IndexFields.SOURCE_ID, sourceId));
            commit();
            return true;
        } catch (IOException e) {
            throw new ToolUnavailableException("writing the knowledge base index failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public int chunkCount(String sourceId) {
        return search.withSearcher(searcher -> searcher.count(new TermQuery(new Term(IndexFields.SOURCE_ID, sourceId))));
    }

    @Override
    public Optional<String> recordedCall(String idempotencyKey) {
        return search.withSearcher(searcher -> {
            TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.CALL_KEY, idempotencyKey)), 1);
            return top.scoreDocs.length == 0 ? Optional.empty()
                    : Optional.ofNullable(searcher.storedFields().document(top.scoreDocs[0].doc).get(IndexFields.CALL_RESULT));
        });
    }

    @Override
    public void recordCall(String idempotencyKey, String resultJson) {
        Document doc = new Document();
        doc.add(new StringField(IndexFields.KIND, IndexFields.CALL, Field.Store.NO));
        doc.add(new StringField(IndexFields.CALL_KEY, idempotencyKey, Field.Store.NO));
        doc.add(new StoredField(IndexFields.CALL_RESULT, resultJson));
        writeLock.lock();
        try {
            writer.updateDocument(new Term(IndexFields.CALL_KEY, idempotencyKey), doc);
            commit();
        } catch (IOException e) {
            throw new ToolUnavailableException("writing the knowledge base index failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    private float[] embed(String text) {
        return embeddingModel.embed(text).content().vector();
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the knowledge base index " + settings.indexDir() + " failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        throw new IllegalArgumentException("no title candidate");
    }

    private static void closeQuietly(Directory directory) {
        if (directory != null) {
            try {
                directory.close();
            } catch (IOException ignored) {
                // the open failed already; that error is reported
            }
        }
    }
}
