package dev.guild.agents;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The agent's reasoning step, free of I/O: what to send to the model and what its answer means. */
public final class AgentSteps {

    /** The message sent back when the model replies with neither text nor a tool call. */
    public static final String EMPTY_REPLY_FEEDBACK =
            "Error: your reply was empty. Either call one of your tools or give your final answer as text.";

    /** The transcript an agent starts with: its instructions as the system message, the task as the user message. */
    public static List<ChatMessage> openingMessages(AgentSpec spec, String task) {
        return openingMessages(spec.name(), spec.instructions(), task);
    }

    /** The opening messages from their parts (see {@link #openingMessages(AgentSpec, String)}). */
    public static List<ChatMessage> openingMessages(String agentName, String instructions, String task) {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("agent '" + agentName + "' got an empty task; give it a prompt");
        }
        if (instructions == null || instructions.isBlank()) {
            throw new IllegalArgumentException("agent '" + agentName + "' has no instructions; say what it should do");
        }
        return List.of(SystemMessage.from(instructions), UserMessage.from(task));
    }

    /** The model request for the next step. */
    public static ChatRequest request(AgentSpec spec, List<ChatMessage> transcript, AgentToolbox toolbox) {
        return request(spec.model(), transcript, toolbox);
    }

    /** The model request for the next step, from the model settings alone. */
    public static ChatRequest request(ModelSettings model, List<ChatMessage> transcript, AgentToolbox toolbox) {
        ChatRequestParameters parameters = DefaultChatRequestParameters.builder()
                .modelName(model.modelName())
                .temperature(model.temperature())
                .maxOutputTokens(model.maxOutputTokens())
                .toolSpecifications(toolbox.specifications())
                .build();
        return ChatRequest.builder().messages(transcript).parameters(parameters).build();
    }

    /** Turns the model's message into a final answer, tool calls to run, and feedback on malformed calls. */
    public static StepDecision decide(AiMessage message, AgentToolbox toolbox) {
        List<ToolInvocation> calls = new ArrayList<>();
        List<ChatMessage> feedback = new ArrayList<>();
        if (!message.hasToolExecutionRequests()) {
            String text = message.text();
            if (text == null || text.isBlank()) {
                feedback.add(UserMessage.from(EMPTY_REPLY_FEEDBACK));
                return new StepDecision(null, calls, feedback);
            }
            return new StepDecision(text, calls, feedback);
        }
        int index = 0;
        for (ToolExecutionRequest request : message.toolExecutionRequests()) {
            String id = callId(request, index++);
            String problem = toolbox.problemWith(request);
            if (problem == null) {
                calls.add(new ToolInvocation(id, request.name(), request.arguments() == null || request.arguments().isBlank()
                        ? "{}" : request.arguments()));
            } else {
                feedback.add(ToolExecutionResultMessage.from(id, request.name(), problem));
            }
        }
        return new StepDecision(null, calls, feedback);
    }

    /** The id of the {@code index}-th tool request of a model message: the model's own, or {@code call_<index>}. */
    public static String callId(ToolExecutionRequest request, int index) {
        return request.id() == null || request.id().isBlank() ? "call_" + index : request.id();
    }

    /**
     * The budget the loop has exhausted, if any, checked before each model call.
     *
     * @param stepsUsed     model calls made so far
     * @param tokensUsed    tokens used so far
     * @param elapsedMillis time since the agent started
     */
    public static Optional<AgentOutcome> exhausted(AgentLimits limits, int stepsUsed, long tokensUsed, long elapsedMillis) {
        if (tokensUsed >= limits.maxTokens()) {
            return Optional.of(AgentOutcome.MAX_TOKENS);
        }
        if (stepsUsed >= limits.maxSteps()) {
            return Optional.of(AgentOutcome.MAX_STEPS);
        }
        if (elapsedMillis >= limits.deadlineSeconds() * 1000L) {
            return Optional.of(AgentOutcome.DEADLINE);
        }
        return Optional.empty();
    }

    /** A sentence for people: why the agent stopped. */
    public static String describe(AgentOutcome outcome, AgentLimits limits, int stepsUsed, long tokensUsed) {
        return switch (outcome) {
            case FINAL_ANSWER -> "the agent gave its final answer after " + stepsUsed + " step(s)";
            case MAX_STEPS -> "the agent reached its step limit (maxSteps " + limits.maxSteps()
                    + ") without a final answer; raise limits.maxSteps or simplify the task";
            case MAX_TOKENS -> "the agent used " + tokensUsed + " tokens, reaching its limit (maxTokens "
                    + limits.maxTokens() + ") without a final answer; raise limits.maxTokens or shorten the task";
            case DEADLINE -> "the agent ran past its deadline (deadlineSeconds " + limits.deadlineSeconds()
                    + ") without a final answer; raise limits.deadlineSeconds";
            case FAILED -> "a model or tool call of the agent failed after " + stepsUsed + " step(s)";
        };
    }

    private AgentSteps() {
    }
}
