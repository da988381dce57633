package dev.guild.tools.research.internal;

import dev.guild.tools.ToolUnavailableException;
import dev.guild.tools.research.Citation;
import dev.guild.tools.research.Passage;
import dev.guild.tools.research.SearchMode;
import dev.guild.tools.research.SearchRequest;
import dev.guild.tools.research.SourceLocation;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Searches passages: a BM25 ranking over title, heading and text and a nearest-neighbour ranking of the query's
 * embedding, each over {@code max(4 * topK, 40)} candidates, fused by reciprocal rank fusion
 * ({@code score = sum of 1 / (60 + rank)}, Cormack et al. 2009). Ties go to the better keyword rank, then index order.
 */
final class PassageSearch {

    /** The RRF constant k; 60 as in the paper, which dampens the weight of the very first ranks. */
    static final int RRF_K = 60;

    interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private record Ranked(int doc, double score, Integer keywordRank, Integer vectorRank) {
    }

    private final SearcherManager searchers;
    private final Analyzer analyzer;
    private final Function<String, float[]> embed;

    PassageSearch(SearcherManager searchers, Analyzer analyzer, Function<String, float[]> embed) {
        this.searchers = searchers;
        this.analyzer = analyzer;
        this.embed = embed;
    }

    <T> T withSearcher(SearcherFunction<T> function) {
        IndexSearcher searcher = null;
        try {
            searcher = searchers.acquire();
            return function.apply(searcher);
        } catch (IOException e) {
            throw new ToolUnavailableException("reading the knowledge base index failed: " + e.getMessage(), e);
        } finally {
            if (searcher != null) {
                try {
                    searchers.release(searcher);
                } catch (IOException ignored) {
                    // releasing only decrements a reference count
                }
            }
        }
    }

    List<Passage> search(SearchRequest request) {
        int candidates = Math.max(4 * request.topK(), 40);
        Query filter = filter(request.sourceIds());
        float[] queryVector = request.mode() == SearchMode.KEYWORD ? null : embed.apply(request.query());
        return withSearcher(searcher -> {
            List<Integer> keyword = request.mode() == SearchMode.VECTOR ? List.of()
                    : docs(searcher.search(keywordQuery(request.query(), filter), candidates).scoreDocs);
            List<Integer> vector = queryVector == null ? List.of()
                    : docs(searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, queryVector, candidates, filter), candidates).scoreDocs);
            List<Ranked> fused = fuse(keyword, vector);
            StoredFields stored = searcher.storedFields();
            List<Passage> passages = new ArrayList<>();
            for (Ranked ranked : fused.subList(0, Math.min(request.topK(), fused.size()))) {
                passages.add(passage(stored.document(ranked.doc()), ranked));
            }
            return passages;
        });
    }

    /** Reciprocal rank fusion of two rankings (doc ids, best first); one empty ranking leaves the other's order. */
    private static List<Ranked> fuse(List<Integer> keyword, List<Integer> vector) {
        Map<Integer, Integer> keywordRanks = ranks(keyword);
        Map<Integer, Integer> vectorRanks = ranks(vector);
        Set<Integer> docs = new LinkedHashSet<>(keyword);
        docs.addAll(vector);
        List<Ranked> ranked = new ArrayList<>();
        for (int doc : docs) {
            Integer k = keywordRanks.get(doc);
            Integer v = vectorRanks.get(doc);
            double score = (k == null ? 0 : 1.0 / (RRF_K + k)) + (v == null ? 0 : 1.0 / (RRF_K + v));
            ranked.add(new Ranked(doc, score, k, v));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed()
                .thenComparing(r -> r.keywordRank() == null ? Integer.MAX_VALUE : r.keywordRank())
                .thenComparingInt(Ranked::doc));
        return ranked;
    }

    private static Map<Integer, Integer> ranks(List<Integer> docs) {
        Map<Integer, Integer> ranks = new HashMap<>();
        for (int i = 0; i < docs.size(); i++) {
            ranks.putIfAbsent(docs.get(i), i + 1);
        }
        return ranks;
    }

    private static List<Integer> docs(ScoreDoc[] hits) {
        List<Integer> docs = new ArrayList<>(hits.length);
        for (ScoreDoc hit : hits) {
            docs.add(hit.doc);
        }
        return docs;
    }

    private static Query filter(Set<String> sourceIds) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.CHUNK)), BooleanClause.Occur.FILTER);
        if (!sourceIds.isEmpty()) {
            filter.add(new TermInSetQuery(IndexFields.SOURCE_ID, sourceIds.stream().map(BytesRef::new).toList()),
                    BooleanClause.Occur.FILTER);
        }
        return filter.build();
    }

    /** Any of the query's analysed terms (stemmed, stop words removed) in the search text, scored by BM25. */
    private Query keywordQuery(String query, Query filter) throws IOException {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(IndexFields.SEARCH_TEXT, query)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && terms.size() < 256) {
                terms.add(term.toString());
            }
            tokens.end();
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder().add(filter, BooleanClause.Occur.FILTER);
        for (String term : terms) {
            builder.add(new TermQuery(new Term(IndexFields.SEARCH_TEXT, term)), BooleanClause.Occur.SHOULD);
        }
        return builder.setMinimumNumberShouldMatch(1).build();
    }

    private static Passage passage(Document doc, Ranked ranked) {
        String sourceId = doc.get(IndexFields.SOURCE_ID);
        SourceLocation location = new SourceLocation(
                doc.getField(IndexFields.PAGE) == null ? null : doc.getField(IndexFields.PAGE).numericValue().intValue(),
                doc.get(IndexFields.HEADING),
                doc.getField(IndexFields.START).numericValue().intValue(),
                doc.getField(IndexFields.END).numericValue().intValue());
        Citation citation = Citation.ofPassage(sourceId, doc.getField(IndexFields.CHUNK_INDEX).numericValue().intValue(),
                doc.get(IndexFields.TITLE), doc.get(IndexFields.URL), location);
        return new Passage(doc.get(IndexFields.TEXT), ranked.score(), ranked.keywordRank(), ranked.vectorRank(), citation);
    }
}
