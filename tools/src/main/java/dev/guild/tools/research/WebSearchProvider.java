package dev.guild.tools.research;

import java.util.List;

/**
 * A web search engine behind {@code web_search}. The built-in implementation speaks SearXNG's JSON API
 * ({@code GET /search?q=...&format=json}); another engine implements this interface.
 *
 * <p>Implementations throw {@link dev.guild.tools.ToolUnavailableException} for faults a retry may fix (timeouts,
 * refused connections, rate limits) and {@link WebSearchException} for those it will not (misconfiguration, a malformed
 * answer).
 */
public interface WebSearchProvider {

    /** A short name for messages, e.g. {@code searxng}. */
    String name();

    /**
     * @param query     what to search for
     * @param limit     most results wanted, 1 to 20
     * @param language  language code such as {@code en} or {@code de-DE}, or null for the engine's default
     * @param timeRange {@code day}, {@code month}, {@code year}, or null for any time
     */
    List<WebResult> search(String query, int limit, String language, String timeRange);
}
