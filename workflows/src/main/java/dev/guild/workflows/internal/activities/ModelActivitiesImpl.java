package dev.guild.workflows.internal.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.agents.AgentSteps;
import dev.guild.agents.AgentToolbox;
import dev.guild.agents.StepDecision;
import dev.guild.agents.ToolInvocation;
import dev.guild.tools.ToolRegistry;
import dev.guild.workflows.IdempotencyKeys;
import dev.guild.workflows.activities.ModelActivities;
import dev.guild.workflows.activities.ModelCallInput;
import dev.guild.workflows.activities.ModelCallOutput;
import dev.guild.workflows.activities.PlannedToolCall;
import dev.guild.workflows.ports.TranscriptConflictException;
import dev.guild.workflows.ports.TranscriptEntry;
import dev.guild.workflows.ports.TranscriptStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Calls the configured {@link ChatModel} for one agent step; see {@link ModelActivities} for the contract. */
public final class ModelActivitiesImpl implements ModelActivities {

    /** Failure type of a model call that retrying cannot fix (bad request, authentication, unknown model). */
    public static final String MODEL_REJECTED = "guild.model-rejected";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatModel model;
    private final ToolRegistry tools;
    private final TranscriptStore transcripts;

    public ModelActivitiesImpl(ChatModel model, ToolRegistry tools, TranscriptStore transcripts) {
        this.model = Objects.requireNonNull(model, "model");
        this.tools = Objects.requireNonNull(tools, "tools");
        this.transcripts = Objects.requireNonNull(transcripts, "transcripts");
    }

    @Override
    public ModelCallOutput chat(ModelCallInput input) {
        try {
            return call(input);
        } catch (TranscriptConflictException e) {
            throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), MODEL_REJECTED, e);
        }
    }

    private ModelCallOutput call(ModelCallInput input) {
        ActivityInfo info = Activity.getExecutionContext().getInfo();
        String key = IdempotencyKeys.of(info.getWorkflowId(), input.generation(), info.getActivityId());
        AgentToolbox toolbox;
        try {
            toolbox = new AgentToolbox(tools, input.tools());
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), MODEL_REJECTED);
        }
        int position = input.messageCount();
        if (position == 0) {
            if (input.opening() == null) {
                throw ApplicationFailure.newNonRetryableFailure("the first model call of agent '" + input.agentName()
                        + "' needs its instructions and task (opening)", MODEL_REJECTED);
            }
            List<ChatMessage> opening;
            try {
                opening = AgentSteps.openingMessages(input.agentName(), input.opening().instructions(), input.opening().task());
            } catch (IllegalArgumentException e) {
                throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), MODEL_REJECTED);
            }
            List<TranscriptEntry> entries = new ArrayList<>();
            for (ChatMessage message : opening) {
                entries.add(new TranscriptEntry(entries.size(), key, ChatMessageSerializer.messageToJson(message), null));
            }
            transcripts.write(input.runId(), input.transcriptId(), entries);
            position = entries.size();
        }
        List<TranscriptEntry> done = transcripts.load(input.runId(), input.transcriptId(), position, position + 1);
        if (!done.isEmpty() && done.getFirst().writeKey().equals(key)) {
            return replay(done.getFirst(), toolbox, position, input.outputSchema());
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (TranscriptEntry entry : transcripts.load(input.runId(), input.transcriptId(), 0, position)) {
            messages.add(ChatMessageDeserializer.messageFromJson(entry.message()));
        }
        if (messages.size() != position) {
            throw ApplicationFailure.newNonRetryableFailure("transcript " + input.transcriptId() + " of run "
                    + input.runId() + " has " + messages.size() + " messages, expected " + position
                    + "; the transcript store lost messages", MODEL_REJECTED);
        }
        ChatResponse response;
        try {
            response = model.chat(AgentSteps.request(input.model(), messages, toolbox));
        } catch (RuntimeException e) {
            if (permanent(e)) {
                throw ApplicationFailure.newNonRetryableFailureWithCause("the model rejected the request: "
                        + e.getMessage(), MODEL_REJECTED, e);
            }
            throw e; // 408, 429, 5xx, time-outs, connection failures: Temporal retries the activity
        }
        AiMessage ai = response.aiMessage();
        TokenUsage usage = response.tokenUsage();
        long inputTokens = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long outputTokens = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        String finishReason = response.finishReason() == null ? null : response.finishReason().name().toLowerCase();
        ObjectNode metadata = JSON.createObjectNode();
        metadata.put("inputTokens", inputTokens);
        metadata.put("outputTokens", outputTokens);
        metadata.put("finishReason", finishReason);
        StepDecision decision = decide(ai, toolbox, input.outputSchema());
        List<TranscriptEntry> entries = new ArrayList<>();
        entries.add(new TranscriptEntry(position, key, ChatMessageSerializer.messageToJson(ai), metadata.toString()));
        for (ChatMessage feedback : decision.feedback()) {
            entries.add(new TranscriptEntry(position + entries.size(), key, ChatMessageSerializer.messageToJson(feedback), null));
        }
        transcripts.write(input.runId(), input.transcriptId(), entries);
        return output(decision, position, inputTokens, outputTokens, finishReason);
    }

    /**
     * Whether retrying cannot help: LangChain4j's {@link NonRetriableException}s (its OpenAI client maps HTTP 400 and
     * the other 4xx except 408 and 429 to them, 401/403 to authentication, 404 to an unknown model), or an
     * {@link HttpException} with such a status from a client that does not map them, anywhere in the cause chain.
     */
    static boolean permanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException) {
                return false;
            }
            if (cause instanceof NonRetriableException) {
                return true;
            }
            if (cause instanceof HttpException http) {
                int status = http.statusCode();
                return status >= 400 && status < 500 && status != 408 && status != 429;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** The model call already completed in an earlier attempt: rebuild its result from the transcript. */
    private ModelCallOutput replay(TranscriptEntry stored, AgentToolbox toolbox, int position, String outputSchema) {
        AiMessage ai = (AiMessage) ChatMessageDeserializer.messageFromJson(stored.message());
        JsonNode metadata;
        try {
            metadata = stored.metadata() == null ? JSON.createObjectNode() : JSON.readTree(stored.metadata());
        } catch (Exception e) {
            metadata = JSON.createObjectNode();
        }
        StepDecision decision = decide(ai, toolbox, outputSchema);
        String finishReason = metadata.hasNonNull("finishReason") ? metadata.get("finishReason").asText() : null;
        return output(decision, position, metadata.path("inputTokens").asLong(), metadata.path("outputTokens").asLong(),
                finishReason);
    }

    /** What the model's message means; a final answer must match the output schema, if there is one. */
    private static StepDecision decide(AiMessage ai, AgentToolbox toolbox, String outputSchema) {
        try {
            return AnswerSchema.check(AgentSteps.decide(ai, toolbox), outputSchema);
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), MODEL_REJECTED);
        }
    }

    private static ModelCallOutput output(StepDecision decision, int position, long inputTokens, long outputTokens,
                                          String finishReason) {
        int count = position + 1 + decision.feedback().size();
        List<PlannedToolCall> calls = new ArrayList<>();
        for (ToolInvocation call : decision.calls()) {
            calls.add(new PlannedToolCall(call.id(), call.toolName()));
        }
        return new ModelCallOutput(count, position, decision.finalAnswer(), calls, decision.malformed(),
                inputTokens, outputTokens, finishReason);
    }
}
