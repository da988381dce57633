package dev.guild.workflows.testing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.TypedTool;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A side-effecting test tool: records each note once per idempotency key and counts the effects. Tests only. */
public final class NoteTool extends TypedTool<NoteTool.Input, NoteTool.Output> {

    public record Input(@JsonProperty("text") @ToolParam(value = "the note", minLength = 1) String text) {
    }

    public record Output(@JsonProperty("noteId") @ToolParam("id of the stored note") int noteId) {
    }

    private final ConcurrentHashMap<String, Integer> byKey = new ConcurrentHashMap<>();
    private final List<String> effects = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();

    public NoteTool() {
        super("take_note", "Stores a note and returns its id.", Input.class, Output.class, true);
    }

    @Override
    protected ToolResult run(Input input, ToolCall call) {
        keys.add(call.idempotencyKey());
        int id = byKey.computeIfAbsent(call.idempotencyKey(), k -> {
            effects.add(input.text());
            return effects.size();
        });
        return ok(new Output(id));
    }

    /** Notes stored, one per distinct idempotency key. */
    public List<String> effects() {
        return List.copyOf(effects);
    }

    /** Every key the tool was called with, repeats included. */
    public List<String> keys() {
        return List.copyOf(keys);
    }
}
