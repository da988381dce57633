package dev.guild.tools.research.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.tools.ToolResult;

/** Replays the result a side-effecting research tool recorded for an idempotency key in the knowledge base. */
final class RecordedCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The recorded JSON as the result; a record that is not JSON is a fault of the index. */
    static ToolResult replay(String json, String tool) {
        try {
            return ToolResult.ok(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the recorded result of a " + tool + " call is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private RecordedCalls() {
    }
}
