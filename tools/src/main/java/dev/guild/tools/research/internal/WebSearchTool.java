package dev.guild.tools.research.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.TypedTool;
import dev.guild.tools.research.ResearchSettings;
import dev.guild.tools.research.WebResult;
import dev.guild.tools.research.WebSearchException;
import dev.guild.tools.research.WebSearchProvider;

import java.util.List;
import java.util.Locale;

/** {@code web_search}: web pages for a query from the configured {@link WebSearchProvider}. */
public final class WebSearchTool extends TypedTool<WebSearchTool.Input, WebSearchTool.Output> {

    public enum TimeRange {
        @JsonProperty("day") DAY,
        @JsonProperty("month") MONTH,
        @JsonProperty("year") YEAR;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Input(
            @JsonProperty("query") @ToolParam(value = "what to search the web for", minLength = 1, maxLength = 500) String query,
            @JsonProperty("limit") @ToolParam(value = "most results, default 5", required = false, minimum = 1, maximum = 20)
            Integer limit,
            @JsonProperty("language") @ToolParam(value = "language code such as en or de-DE", required = false,
                    pattern = "^[a-z]{2,3}(-[A-Z]{2})?$") String language,
            @JsonProperty("timeRange") @ToolParam(value = "only pages from the last day, month or year", required = false)
            TimeRange timeRange) {
    }

    public record Output(
            @JsonProperty("results") @ToolParam("web pages, best first; read one with fetch_url, cite it by citation.id")
            List<WebResult> results,
            @JsonProperty("provider") @ToolParam("the search engine that answered") String provider) {
    }

    private final WebSearchProvider provider;

    /** @param provider the engine, or null when none is configured (the tool then says how to configure one) */
    public WebSearchTool(WebSearchProvider provider) {
        super("web_search",
                "Searches the web and returns {results: [{title, url, snippet, engine, citation}]}. Use it to find"
                        + " current or public information that the knowledge base does not have; then read the"
                        + " promising pages with fetch_url. Snippets are short and may be outdated: cite the page"
                        + " (citation id web:<url> or the url:<url> id from fetch_url), not the snippet alone.",
                Input.class, Output.class, false);
        this.provider = provider;
    }

    @Override
    protected ToolResult run(Input input, ToolCall call) {
        if (provider == null) {
            return ToolResult.error("web search is not configured on this platform: an operator sets "
                    + ResearchSettings.PREFIX + "searxng-url to a SearXNG instance; use search_knowledge or fetch_url meanwhile");
        }
        if (input.query() == null || input.query().isBlank()) {
            return ToolResult.error("query is empty; send what to search the web for");
        }
        int limit = input.limit() == null ? 5 : input.limit();
        if (limit < 1 || limit > 20) {
            return ToolResult.error("limit must be between 1 and 20; got " + limit);
        }
        try {
            List<WebResult> results = provider.search(input.query().strip(), limit, input.language(),
                    input.timeRange() == null ? null : input.timeRange().toString());
            return ok(new Output(results, provider.name()));
        } catch (WebSearchException e) {
            return ToolResult.error("web search failed: " + e.getMessage());
        }
    }
}
