package dev.guild.workflows.testing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.TypedTool;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tool that returns an error for the first {@code failures} calls with a given {@code key}, then succeeds with the
 * attempt number; it records when (test-environment time is not known here, so the order) each call came. Tests only.
 */
public final class FlakyTool extends TypedTool<FlakyTool.Input, FlakyTool.Output> {

    public record Input(@JsonProperty("key") @ToolParam("what is being tried") String key,
                        @JsonProperty("failures") @ToolParam("how many calls fail first") int failures) {
    }

    public record Output(@JsonProperty("attempt") @ToolParam("1 for the first call") int attempt) {
    }

    private final ConcurrentHashMap<String, Integer> attempts = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    public FlakyTool() {
        super("flaky", "Fails a given number of times, then succeeds.", Input.class, Output.class, false);
    }

    @Override
    protected ToolResult run(Input input, ToolCall call) {
        int attempt = attempts.merge(input.key(), 1, Integer::sum);
        calls.add(input.key());
        if (attempt <= input.failures()) {
            return ToolResult.error("unavailable (attempt " + attempt + " of " + input.key() + ")");
        }
        return ok(new Output(attempt));
    }

    public int attempts(String key) {
        return attempts.getOrDefault(key, 0);
    }
}
