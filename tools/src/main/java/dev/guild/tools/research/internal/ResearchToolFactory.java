package dev.guild.tools.research.internal;

import dev.guild.tools.Tool;
import dev.guild.tools.artifacts.ArtifactStore;
import dev.guild.tools.research.KnowledgeBase;
import dev.guild.tools.research.ResearchSettings;
import dev.guild.tools.research.WebSearchProvider;

import java.util.List;
import java.util.function.Supplier;

/** Builds the four research tools around one knowledge base, fetcher and web search provider. */
public final class ResearchToolFactory {

    /** The knowledge base shared by every registry of this process that uses the same index directory. */
    public static Supplier<KnowledgeBase> sharedKnowledgeBase(ResearchSettings settings) {
        return SharedKnowledgeBases.lazy(settings);
    }

    /** The configured SearXNG, or null when {@link ResearchSettings#searxngUrl()} is unset. */
    public static WebSearchProvider configuredWebSearch(ResearchSettings settings) {
        return settings.searxngUrl().map(url -> (WebSearchProvider) new SearxngSearchProvider(url, settings.searchTimeout()))
                .orElse(null);
    }

    /**
     * @param webSearch null when none is configured
     */
    public static List<Tool> tools(ResearchSettings settings, Supplier<KnowledgeBase> knowledgeBase, ArtifactStore artifacts,
                                   WebSearchProvider webSearch) {
        DocumentParser parser = new DocumentParser(settings.maxDocumentChars());
        WebDocuments web = new WebDocuments(new SafeFetcher(settings.fetch()), parser, artifacts);
        return List.of(
                new IngestDocumentTool(knowledgeBase, web, settings),
                new SearchKnowledgeTool(knowledgeBase),
                new FetchUrlTool(web, settings.fetch().maxTextChars()),
                new WebSearchTool(webSearch));
    }

    private ResearchToolFactory() {
    }
}
