package dev.guild.tools.research.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.ToolUnavailableException;
import dev.guild.tools.TypedTool;
import dev.guild.tools.research.DocumentSource;
import dev.guild.tools.research.IngestResult;
import dev.guild.tools.research.KnowledgeBase;
import dev.guild.tools.research.ResearchSettings;
import dev.guild.tools.research.UnreadableDocumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code ingest_document}: adds a document to the knowledge base from a file in the inbox directory, a URL (fetched
 * like {@code fetch_url}) or inline text. Idempotent twice over: the same content under the same source id changes
 * nothing, and a repeated idempotency key returns the first call's result (recorded in the index).
 */
public final class IngestDocumentTool extends TypedTool<IngestDocumentTool.Input, IngestDocumentTool.Output> {

    public static final int MAX_INLINE_CHARS = 1_000_000;

    public record Input(
            @JsonProperty("path") @ToolParam(value = "file to read, relative to the research inbox directory, e.g. reports/q3.pdf",
                    required = false, maxLength = 1024) String path,
            @JsonProperty("url") @ToolParam(value = "http(s) URL of a public document to download", required = false,
                    maxLength = 2048) String url,
            @JsonProperty("content") @ToolParam(value = "the document's text itself (plain text, Markdown or HTML)",
                    required = false, maxLength = MAX_INLINE_CHARS) String content,
            @JsonProperty("sourceId") @ToolParam(value = "id to store it under; default the path or the final URL; required"
                    + " with content. Ingesting the same id again replaces the document", required = false, maxLength = 512)
            String sourceId,
            @JsonProperty("title") @ToolParam(value = "title to cite it with; default the document's own", required = false,
                    maxLength = 500) String title,
            @JsonProperty("contentType") @ToolParam(value = "media type of content, e.g. text/markdown; default text/plain",
                    required = false, maxLength = 200) String contentType) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Output(
            @JsonProperty("sourceId") @ToolParam("id of the document in the knowledge base") String sourceId,
            @JsonProperty("title") @ToolParam("title its passages are cited with") String title,
            @JsonProperty("contentType") @ToolParam("detected media type") String contentType,
            @JsonProperty("contentHash") @ToolParam("SHA-256 of the document's bytes (hex)") String contentHash,
            @JsonProperty("chunks") @ToolParam("passages stored for the document") int chunks,
            @JsonProperty("status") @ToolParam("ingested, replaced or unchanged") IngestResult.Status status,
            @JsonProperty("artifactUri") @ToolParam(value = "artifact holding a downloaded document", required = false)
            String artifactUri) {

        static Output of(IngestResult result, String artifactUri) {
            return new Output(result.sourceId(), result.title(), result.contentType(), result.contentHash(), result.chunks(),
                    result.status(), artifactUri);
        }
    }

    private final Supplier<KnowledgeBase> knowledgeBase;
    private final WebDocuments web;
    private final ResearchSettings settings;

    public IngestDocumentTool(Supplier<KnowledgeBase> knowledgeBase, WebDocuments web, ResearchSettings settings) {
        super("ingest_document",
                "Adds a document (PDF, DOCX, HTML, Markdown or text) to the knowledge base so that search_knowledge finds"
                        + " it: give exactly one of path (a file in the research inbox), url (downloaded safely) or content"
                        + " (the text itself, with a sourceId). Returns {sourceId, title, contentType, contentHash, chunks,"
                        + " status}. Ingesting the same source id again replaces its passages; the same content again"
                        + " changes nothing (status unchanged).",
                Input.class, Output.class, true);
        this.knowledgeBase = knowledgeBase;
        this.web = web;
        this.settings = settings;
    }

    @Override
    protected ToolResult run(Input input, ToolCall call) {
        int given = (input.path() != null ? 1 : 0) + (input.url() != null ? 1 : 0) + (input.content() != null ? 1 : 0);
        if (given != 1) {
            return ToolResult.error("give exactly one of 'path', 'url' or 'content'; got " + given
                    + (given == 0 ? "" : " (" + describe(input) + ")"));
        }
        KnowledgeBase kb = knowledgeBase.get();
        Optional<String> recorded = kb.recordedCall(call.idempotencyKey());
        if (recorded.isPresent()) {
            return replay(recorded.get());
        }
        Output output;
        try {
            output = ingest(input, kb);
        } catch (FetchRefusedException | UnreadableDocumentException e) {
            return ToolResult.error(e.getMessage());
        } catch (IllegalArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
        ToolResult result = ok(output);
        kb.recordCall(call.idempotencyKey(), result.output().toString());
        return result;
    }

    private Output ingest(Input input, KnowledgeBase kb) {
        if (input.content() != null) {
            if (input.sourceId() == null) {
                throw new IllegalArgumentException("'sourceId' is required with 'content'; name the document, e.g. \"meeting-notes-2026-11-25\"");
            }
            String type = input.contentType() == null ? DocumentParser.TEXT : input.contentType();
            String supported = DocumentParser.supportedType(type);
            if (supported == null || supported.equals(DocumentParser.PDF) || supported.equals(DocumentParser.DOCX)) {
                throw new IllegalArgumentException("contentType '" + type + "' cannot be sent as text; use text/plain,"
                        + " text/markdown or text/html (send PDF and DOCX files by path or url)");
            }
            return Output.of(kb.ingest(new DocumentSource(input.sourceId(), input.title(), null, null, supported,
                    input.content().getBytes(StandardCharsets.UTF_8))), null);
        }
        if (input.url() != null) {
            WebDocuments.Page page = web.fetch(input.url());
            String url = page.fetched().url().toString();
            String sourceId = input.sourceId() == null ? url : input.sourceId();
            return Output.of(kb.ingest(new DocumentSource(sourceId, firstNonNull(input.title(), page.document().title()), url,
                    WebDocuments.fileName(page.fetched()), page.document().contentType(), page.fetched().body())), page.artifactUri());
        }
        Path file = inboxFile(input.path());
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > settings.maxDocumentBytes()) {
                throw new IllegalArgumentException("'" + input.path() + "' has " + size + " bytes, more than the limit of "
                        + settings.maxDocumentBytes() + " (" + ResearchSettings.PREFIX + "max-document-bytes); split it");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ToolUnavailableException("reading '" + input.path() + "' from the inbox failed: " + e.getMessage(), e);
        }
        String relative = settings.inboxDir().toAbsolutePath().normalize().relativize(file).toString();
        return Output.of(kb.ingest(new DocumentSource(input.sourceId() == null ? relative : input.sourceId(), input.title(),
                null, file.getFileName().toString(), input.contentType(), bytes)), null);
    }

    /** The file {@code path} names inside the inbox; refuses anything that leads outside it, symbolic links included. */
    private Path inboxFile(String path) {
        Path inbox = settings.inboxDir().toAbsolutePath().normalize();
        Path file;
        try {
            file = inbox.resolve(path).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("path '" + path + "' is not a valid file path: " + e.getReason());
        }
        String outside = "path '" + path + "' is outside the research inbox; only files in " + ResearchSettings.PREFIX
                + "inbox-dir can be ingested by path (give a path relative to it, e.g. reports/q3.pdf)";
        if (Path.of(path).isAbsolute() || !file.startsWith(inbox)) {
            throw new IllegalArgumentException(outside);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file '" + path + "' in the research inbox; check the name (paths are"
                    + " relative to the inbox and case-sensitive)");
        }
        try {
            if (!file.toRealPath().startsWith(inbox.toRealPath())) {
                throw new IllegalArgumentException(outside + " (it is a link to a file elsewhere)");
            }
        } catch (IOException e) {
            throw new ToolUnavailableException("resolving '" + path + "' in the inbox failed: " + e.getMessage(), e);
        }
        return file;
    }

    private ToolResult replay(String json) {
        try {
            return ToolResult.ok(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the recorded result of an ingest_document call is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String describe(Input input) {
        StringBuilder given = new StringBuilder();
        if (input.path() != null) {
            given.append("path");
        }
        if (input.url() != null) {
            given.append(given.isEmpty() ? "" : ", ").append("url");
        }
        if (input.content() != null) {
            given.append(given.isEmpty() ? "" : ", ").append("content");
        }
        return given.toString();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
