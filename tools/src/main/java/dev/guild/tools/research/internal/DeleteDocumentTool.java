package dev.guild.tools.research.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.TypedTool;
import dev.guild.tools.research.DeleteResult;
import dev.guild.tools.research.KnowledgeBase;

import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code delete_document}: removes a document's passages from the knowledge base; the compensation of
 * {@code ingest_document}. Idempotent: deleting an absent document changes nothing, and a repeated idempotency key
 * returns the first call's result. With {@code contentHash} it removes the document only while that content is
 * stored, so that undoing an old ingest keeps a newer version.
 */
public final class DeleteDocumentTool extends TypedTool<DeleteDocumentTool.Input, DeleteResult> {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    public record Input(
            @JsonProperty("sourceId") @ToolParam(value = "id of the document, as ingest_document returned it", minLength = 1,
                    maxLength = 2048) String sourceId,
            @JsonProperty("contentHash") @ToolParam(value = "SHA-256 (hex) of the content to remove, as ingest_document"
                    + " returned it; when given, a document whose content changed since is kept", required = false,
                    maxLength = 64) String contentHash) {
    }

    private final Supplier<KnowledgeBase> knowledgeBase;

    public DeleteDocumentTool(Supplier<KnowledgeBase> knowledgeBase) {
        super("delete_document",
                "Removes a document (all its passages) from the knowledge base, so that search_knowledge no longer finds"
                        + " it: give its sourceId, and the contentHash ingest_document returned to remove only that version."
                        + " Returns {sourceId, chunks, status}: deleted, absent (nothing under that id) or changed (other"
                        + " content is stored now and was kept).",
                Input.class, DeleteResult.class, true);
        this.knowledgeBase = knowledgeBase;
    }

    @Override
    protected ToolResult run(Input input, ToolCall call) {
        if (input.sourceId().isBlank()) {
            return ToolResult.error("'sourceId' is blank; give the sourceId that ingest_document returned");
        }
        if (input.contentHash() != null && !SHA256.matcher(input.contentHash()).matches()) {
            return ToolResult.error("'contentHash' must be 64 hex digits (a SHA-256); got '" + input.contentHash()
                    + "'; give the contentHash that ingest_document returned, or leave it out to delete any version");
        }
        KnowledgeBase kb = knowledgeBase.get();
        Optional<String> recorded = kb.recordedCall(call.idempotencyKey());
        if (recorded.isPresent()) {
            return RecordedCalls.replay(recorded.get(), name());
        }
        ToolResult result = ok(kb.delete(input.sourceId(), input.contentHash()));
        kb.recordCall(call.idempotencyKey(), result.output().toString());
        return result;
    }
}
