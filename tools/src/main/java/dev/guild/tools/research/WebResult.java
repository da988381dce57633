package dev.guild.tools.research;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolParam;

/**
 * One web search hit.
 *
 * @param title   the page's title
 * @param url     the page's address; read it with {@code fetch_url}
 * @param snippet the search engine's excerpt, may be empty
 * @param engine  which engine found it (SearXNG aggregates several), may be null
 * @param citation what to cite
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebResult(
        @JsonProperty("title") @ToolParam("title of the page") String title,
        @JsonProperty("url") @ToolParam("address of the page; read it with fetch_url") String url,
        @JsonProperty("snippet") @ToolParam("excerpt from the search engine") String snippet,
        @JsonProperty("engine") @ToolParam(value = "engine that found it", required = false) String engine,
        @JsonProperty("citation") @ToolParam("what to cite") Citation citation) {

    public static WebResult of(String title, String url, String snippet, String engine) {
        return new WebResult(title, url, snippet == null ? "" : snippet, engine, Citation.ofWebResult(url, title));
    }
}
