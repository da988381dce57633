package dev.guild.tools.research;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolParam;

/**
 * What an answer cites. Every passage, fetched page and web result carries one; an answer built from them quotes the
 * {@link #id} in square brackets ({@code [kb:handbook.pdf#3]}) and lists the cited sources. Ids are stable: the same
 * chunk of the same content has the same id in every call.
 *
 * <ul>
 *   <li>{@code kb:<sourceId>#<chunk>} for a knowledge-base passage ({@code search_knowledge});</li>
 *   <li>{@code url:<final URL>} for a fetched page ({@code fetch_url});</li>
 *   <li>{@code web:<URL>} for a web search result ({@code web_search}).</li>
 * </ul>
 *
 * @param id       the citation id, see above
 * @param sourceId the knowledge-base source id, or the URL for pages and web results
 * @param title    the document's title, when known
 * @param url      where the source can be read, when it has an address
 * @param location where in the source, for knowledge-base passages
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Citation(
        @JsonProperty("id") @ToolParam("citation id to quote in the answer, e.g. [kb:handbook.pdf#3]") String id,
        @JsonProperty("sourceId") @ToolParam("source id in the knowledge base, or the URL") String sourceId,
        @JsonProperty("title") @ToolParam(value = "title of the source", required = false) String title,
        @JsonProperty("url") @ToolParam(value = "address of the source", required = false) String url,
        @JsonProperty("location") @ToolParam(value = "where in the source", required = false) SourceLocation location) {

    public static Citation ofPassage(String sourceId, int chunk, String title, String url, SourceLocation location) {
        return new Citation("kb:" + sourceId + "#" + chunk, sourceId, title, url, location);
    }

    public static Citation ofPage(String url, String title) {
        return new Citation("url:" + url, url, title, url, null);
    }

    public static Citation ofWebResult(String url, String title) {
        return new Citation("web:" + url, url, title, url, null);
    }
}
