package dev.guild.tools.research;

import dev.guild.tools.Tool;
import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.ToolProvider;
import dev.guild.tools.research.internal.ResearchToolFactory;

import java.util.List;

/**
 * The research tools: {@code ingest_document}, {@code search_knowledge}, {@code fetch_url} and {@code web_search},
 * configured by {@code guild.tools.research.*} ({@link ResearchSettings#from}). The knowledge base is opened on first
 * use under {@code <data-dir>/research/index}; fetched documents go to the environment's artifact store.
 */
public final class ResearchToolProvider implements ToolProvider {

    @Override
    public List<Tool> tools(ToolEnvironment environment) {
        ResearchSettings settings = ResearchSettings.from(environment.dataDir(), environment.settings());
        return ResearchToolFactory.tools(settings, ResearchToolFactory.sharedKnowledgeBase(settings), environment.artifacts(),
                ResearchToolFactory.configuredWebSearch(settings));
    }
}
