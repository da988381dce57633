package dev.guild.workflows.testing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolParam;
import dev.guild.tools.ToolResult;
import dev.guild.tools.TypedTool;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A tool that blocks until the test opens it, so a test can look at a run in flight. Tests only. */
public final class GateTool extends TypedTool<GateTool.Input, GateTool.Output> {

    public record Input(@JsonProperty("label") @ToolParam("any text") String label) {
    }

    public record Output(@JsonProperty("label") @ToolParam("the label") String label) {
    }

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);

    public GateTool() {
        super("wait_at_gate", "Waits until the gate opens.", Input.class, Output.class, false);
    }

    @Override
    protected ToolResult run(Input input, ToolCall call) {
        entered.countDown();
        try {
            if (!open.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the gate was not opened within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the gate", e);
        }
        return ok(new Output(input.label()));
    }

    public void awaitEntered() throws InterruptedException {
        if (!entered.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no call reached the gate within 30 s");
        }
    }

    public void open() {
        open.countDown();
    }
}
