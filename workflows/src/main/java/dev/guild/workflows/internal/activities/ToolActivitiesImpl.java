package dev.guild.workflows.internal.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.tools.Tool;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolResult;
import dev.guild.workflows.IdempotencyKeys;
import dev.guild.workflows.activities.ToolActivities;
import dev.guild.workflows.approval.ApprovalHash;
import dev.guild.workflows.activities.ToolCallInput;
import dev.guild.workflows.activities.ToolCallOutput;
import dev.guild.workflows.ports.TranscriptConflictException;
import dev.guild.workflows.ports.TranscriptEntry;
import dev.guild.workflows.ports.TranscriptStore;
import dev.guild.agents.AgentSteps;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Invokes a registered tool; see {@link ToolActivities} for the contract. */
public final class ToolActivitiesImpl implements ToolActivities {

    /**
     * Largest tool output returned to a workflow definition, in characters of JSON; beyond it the call fails with
     * a message (Temporal caps payloads at 2 MB and the output lands in history). Agent calls write to the
     * transcript instead and are not capped here.
     */
    public static final int MAX_DIRECT_OUTPUT_CHARS = 256 * 1024;

    /**
     * Longest silence of a running tool call before Temporal considers its worker gone and retries the call elsewhere
     * (with the same idempotency key). The call heartbeats every {@link #HEARTBEAT_INTERVAL} while the tool runs.
     */
    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

    static final Duration HEARTBEAT_INTERVAL = HEARTBEAT_TIMEOUT.dividedBy(4);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("guild-tool-heartbeats").factory());

    private final ToolRegistry tools;
    private final TranscriptStore transcripts;

    public ToolActivitiesImpl(ToolRegistry tools, TranscriptStore transcripts) {
        this.tools = Objects.requireNonNull(tools, "tools");
        this.transcripts = Objects.requireNonNull(transcripts, "transcripts");
    }

    /** Failure type of a tool call that a retry cannot fix (the transcript disagrees with the workflow). */
    public static final String TRANSCRIPT_INCONSISTENT = "guild.transcript-inconsistent";

    /** Failure type of an approved call whose arguments no longer match the approved hash (never retried). */
    public static final String APPROVAL_MISMATCH = "guild.approval.hash-mismatch";

    @Override
    public ToolCallOutput invoke(ToolCallInput input) {
        try {
            return call(input);
        } catch (TranscriptConflictException e) {
            throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), TRANSCRIPT_INCONSISTENT, e);
        }
    }

    private ToolCallOutput call(ToolCallInput input) {
        ActivityInfo info = Activity.getExecutionContext().getInfo();
        String key = IdempotencyKeys.of(info.getWorkflowId(), input.generation(), info.getActivityId());
        boolean toTranscript = input.transcriptId() != null;
        if (toTranscript) {
            List<TranscriptEntry> done = transcripts.load(input.runId(), input.transcriptId(), input.position(), input.position() + 1);
            if (!done.isEmpty() && done.getFirst().writeKey().equals(key)) {
                JsonNode metadata = read(done.getFirst().metadata());
                boolean ok = metadata.path("ok").asBoolean();
                return new ToolCallOutput(ok, null, ok ? null : metadata.path("error").asText(), key);
            }
        }
        ToolCallInput.Gate gate = input.approval();
        ToolResult result;
        if (gate != null && ToolCallInput.Gate.CHECK.equals(gate.mode())
                && tools.find(input.toolName()).map(Tool::sideEffects).orElse(false)) {
            String arguments = argumentsText(input);
            return new ToolCallOutput(false, null, null, key,
                    new ToolCallOutput.Held(ApprovalHash.of(input.toolName(), arguments), arguments));
        } else if (gate != null && ToolCallInput.Gate.REJECTED.equals(gate.mode())) {
            result = ToolResult.error(gate.reason());
        } else {
            if (gate != null && ToolCallInput.Gate.APPROVED.equals(gate.mode())) {
                String actual = ApprovalHash.of(input.toolName(), argumentsText(input));
                if (!actual.equals(gate.hash())) {
                    throw ApplicationFailure.newNonRetryableFailure("the call of '" + input.toolName()
                            + "' was approved for hash " + gate.hash() + " but its arguments now hash to " + actual
                            + "; an approval covers one exact call, so this one is not made", APPROVAL_MISMATCH);
                }
            }
            result = withHeartbeats(Activity.getExecutionContext(), () -> invokeTool(input, key));
        }
        if (!toTranscript) {
            if (result.ok()) {
                String output = result.output().toString();
                if (output.length() > MAX_DIRECT_OUTPUT_CHARS) {
                    return new ToolCallOutput(false, null, "the output of '" + input.toolName() + "' has "
                            + output.length() + " characters, more than the limit of " + MAX_DIRECT_OUTPUT_CHARS
                            + " for a workflow step; have the tool return less (or store it and return a reference)", key);
                }
                return new ToolCallOutput(true, output, null, key);
            }
            return new ToolCallOutput(false, null, result.error(), key);
        }
        String text = result.ok() ? result.output().toString() : "Error: " + result.error();
        ObjectNode metadata = JSON.createObjectNode();
        metadata.put("ok", result.ok());
        if (!result.ok()) {
            metadata.put("error", result.error());
        }
        ToolExecutionResultMessage message = ToolExecutionResultMessage.from(input.toolCallId(), input.toolName(), text);
        transcripts.write(input.runId(), input.transcriptId(), List.of(
                new TranscriptEntry(input.position(), key, ChatMessageSerializer.messageToJson(message), metadata.toString())));
        return new ToolCallOutput(result.ok(), null, result.error(), key);
    }

    /** Runs {@code work} while heartbeating from another thread, so a long tool call shows that its worker lives. */
    private static ToolResult withHeartbeats(ActivityExecutionContext context, Supplier<ToolResult> work) {
        long every = HEARTBEAT_INTERVAL.toMillis();
        ScheduledFuture<?> beats = HEARTBEATS.scheduleAtFixedRate(() -> {
            try {
                context.heartbeat(null);
            } catch (RuntimeException e) {
                // cancelled or timed out: the attempt's own result decides; nothing to do on the heartbeat thread
            }
        }, every, every, TimeUnit.MILLISECONDS);
        try {
            return work.get();
        } finally {
            beats.cancel(false);
        }
    }

    /** The call's arguments as JSON text: given for a definition's call, read from the transcript for an agent's. */
    private String argumentsText(ToolCallInput input) {
        return input.arguments() == null && input.transcriptId() != null ? argumentsFromTranscript(input) : input.arguments();
    }

    private ToolResult invokeTool(ToolCallInput input, String key) {
        JsonNode arguments;
        try {
            String text = argumentsText(input);
            arguments = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (Exception e) {
            return ToolResult.error("the arguments of '" + input.toolName() + "' are not valid JSON: " + e.getMessage());
        }
        return tools.invoke(new ToolCall(input.toolName(), key, arguments));
    }

    /** The arguments of the call, read from the model's message in the transcript. */
    private String argumentsFromTranscript(ToolCallInput input) {
        List<TranscriptEntry> reply = transcripts.load(input.runId(), input.transcriptId(), input.replyPosition(),
                input.replyPosition() + 1);
        if (!reply.isEmpty() && ChatMessageDeserializer.messageFromJson(reply.getFirst().message()) instanceof AiMessage ai
                && ai.hasToolExecutionRequests()) {
            List<ToolExecutionRequest> requests = ai.toolExecutionRequests();
            for (int i = 0; i < requests.size(); i++) {
                if (AgentSteps.callId(requests.get(i), i).equals(input.toolCallId())) {
                    return requests.get(i).arguments();
                }
            }
        }
        throw ApplicationFailure.newNonRetryableFailure("transcript " + input.transcriptId() + " of run " + input.runId()
                + " has no tool call '" + input.toolCallId() + "' in the model message at position " + input.replyPosition()
                + "; the transcript store lost or changed it", TRANSCRIPT_INCONSISTENT);
    }

    private static JsonNode read(String json) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
