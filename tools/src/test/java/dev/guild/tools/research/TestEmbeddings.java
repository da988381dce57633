package dev.guild.tools.research;

import dev.guild.tools.research.internal.LuceneKnowledgeBase;
import dev.langchain4j.model.embedding.EmbeddingModel;

/** One in-process embedding model for all tests of this JVM: loading it takes a second or two. */
public final class TestEmbeddings {

    public static final EmbeddingModel MODEL = LuceneKnowledgeBase.defaultEmbeddingModel();

    private TestEmbeddings() {
    }
}
