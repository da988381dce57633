package dev.guild.tools.research.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.TypedTool;
import dev.guild.tools.research.Citation;
import dev.guild.tools.research.UnreadableDocumentException;

/**
 * {@code fetch_url}: downloads a page through {@link SafeFetcher} and returns its readable text; the downloaded document
 * is kept as an artifact ({@link WebDocuments}).
 */
public final class FetchUrlTool extends TypedTool<FetchUrlTool.Input, FetchUrlTool.Output> {

    public record Input(
            @JsonProperty("url") @ToolParam(value = "absolute http:// or https:// URL of a public web page or document",
                    minLength = 8, maxLength = 2048) String url) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Output(
            @JsonProperty("url") @ToolParam("the URL that answered, after redirects") String url,
            @JsonProperty("title") @ToolParam(value = "the page's title", required = false) String title,
            @JsonProperty("contentType") @ToolParam("media type it was read as") String contentType,
            @JsonProperty("text") @ToolParam("the readable text, paragraphs separated by blank lines") String text,
            @JsonProperty("truncated") @ToolParam("true when the text was longer than the limit and was cut") boolean truncated,
            @JsonProperty("artifactUri") @ToolParam(value = "artifact holding the downloaded document", required = false)
            String artifactUri,
            @JsonProperty("citation") @ToolParam("what to cite: id url:<url>") Citation citation) {
    }

    private final WebDocuments web;
    private final int maxTextChars;

    public FetchUrlTool(WebDocuments web, int maxTextChars) {
        super("fetch_url",
                "Downloads a public web page or document (HTML, PDF, DOCX, Markdown, text) and returns its readable"
                        + " text {url, title, contentType, text, truncated, artifactUri, citation}, without navigation"
                        + " and page furniture. Use it to read a page found by web_search or given by the user; cite it"
                        + " as [url:<url>]. Internal addresses, huge or slow pages and non-text files are refused."
                        + " To keep a document for later searches use ingest_document with its url instead.",
                Input.class, Output.class, false);
        this.web = web;
        this.maxTextChars = maxTextChars;
    }

    @Override
    protected ToolResult run(Input input, ToolCall call) {
        try {
            WebDocuments.Page page = web.fetch(input.url());
            String text = page.document().text();
            boolean truncated = text.length() > maxTextChars;
            String url = page.fetched().url().toString();
            return ok(new Output(url, page.document().title(), page.document().contentType(),
                    truncated ? text.substring(0, maxTextChars) : text, truncated, page.artifactUri(),
                    Citation.ofPage(url, page.document().title())));
        } catch (FetchRefusedException | UnreadableDocumentException e) {
            return ToolResult.error(e.getMessage());
        }
    }
}
