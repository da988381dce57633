package dev.guild.workflows.internal.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.agents.AgentLimits;
import dev.guild.agents.AgentOutcome;
import dev.guild.agents.AgentSpec;
import dev.guild.agents.AgentSteps;

import dev.guild.workflows.AgentRequest;
import dev.guild.workflows.AgentResult;
import dev.guild.workflows.RunEventTypes;
import dev.guild.workflows.ToolCallSummary;
import dev.guild.workflows.activities.ModelActivities;
import dev.guild.workflows.activities.ModelCallInput;
import dev.guild.workflows.activities.ModelCallOutput;
import dev.guild.workflows.activities.PlannedToolCall;
import dev.guild.workflows.activities.ToolActivities;
import dev.guild.workflows.activities.ToolCallInput;
import dev.guild.workflows.activities.ToolCallOutput;
import dev.guild.workflows.approval.ApprovalPolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The agent loop as deterministic workflow code, shared by {@link AgentWorkflowImpl} (its own workflow) and
 * {@link TaskEffects} ({@code call: agent} run inline in the run's workflow, which saves a child start, its first
 * and last workflow tasks and a history per run). Each step is one model activity, then one tool activity per
 * planned call (through the {@link ApprovalGate}); what it emits goes out through the caller's {@link EventEmitter}.
 */
final class AgentLoop {

    /**
     * History size (bytes) after which the agent continues elsewhere ({@code continuation}) even before Temporal
     * suggests it (Temporal suggests at 4 MiB or 4,096 events): keeps each execution's history far below Temporal's
     * limits and cheap to replay. The transcript lives in the {@link dev.guild.workflows.ports.TranscriptStore}, so
     * nothing is lost.
     */
    static final long HISTORY_LIMIT_BYTES = 512 * 1024;

    private AgentLoop() {
    }

    /**
     * Runs the agent from where {@code request} stands until it answers, fails or runs out of budget.
     *
     * @param events       emits the agent's events (continuing the run's sequence); the loop flushes them before
     *                     each activity and the continuation, not before it returns: the caller flushes (or emits
     *                     more into the same batch)
     * @param approvals    the gate of the workflow that runs the loop (it receives the decisions)
     * @param continuation called with the request to continue from when this execution's history is large enough
     *                     (see {@link #HISTORY_LIMIT_BYTES}); its result is the loop's result
     */
    static AgentResult run(AgentRequest request, EventEmitter events, ApprovalGate approvals,
                           Function<AgentRequest, AgentResult> continuation) {
        ToolActivities tools = Stubs.tools();

        AgentLimits limits = request.agent().limits();
        AgentRequest.Progress progress = request.progress();
        int generation = progress == null ? 0 : progress.generation();
        long startedAt = progress == null ? Workflow.currentTimeMillis() : progress.startedAtMillis();
        int steps = progress == null ? 0 : progress.steps();
        long tokens = progress == null ? 0 : progress.tokens();
        int messageCount = progress == null ? 0 : progress.messageCount();
        List<ToolCallSummary> calls = new ArrayList<>(progress == null ? List.of() : progress.toolCalls());
        ApprovalPolicy policy = ApprovalPolicy.orDefault(request.approval());
        int stepsHere = 0;
        while (true) {
            Optional<AgentOutcome> exhausted =
                    AgentSteps.exhausted(limits, steps, tokens, Workflow.currentTimeMillis() - startedAt);
            if (exhausted.isPresent()) {
                return result(request, exhausted.get(), null, steps, tokens, calls, messageCount, events);
            }
            if (stepsHere > 0 && (Workflow.getInfo().isContinueAsNewSuggested()
                    || Workflow.getInfo().getHistorySize() > HISTORY_LIMIT_BYTES
                    || (request.continueAsNewAfterSteps() > 0 && stepsHere >= request.continueAsNewAfterSteps()))) {
                events.flush();
                return continuation.apply(new AgentRequest(request.runId(), request.step(), request.agent(), request.task(),
                        request.transcriptId(), events.next(),
                        new AgentRequest.Progress(generation + 1, steps, tokens, startedAt, messageCount, calls),
                        request.continueAsNewAfterSteps(), request.approval(), request.outputSchema()));
            }
            steps++;
            stepsHere++;
            String stepName = request.step() + "#" + steps;
            ObjectNode started = EventEmitter.data();
            started.put("step", request.step());
            started.put("type", "agent-step");
            started.put("agent", request.agent().name());
            started.put("agentStep", steps);
            events.emit(RunEventTypes.STEP_STARTED, started);

            events.flush();
            ModelCallOutput reply;
            try {
                AgentSpec agent = request.agent();
                long remaining = limits.deadlineSeconds() * 1000L - (Workflow.currentTimeMillis() - startedAt);
                ModelActivities model = Stubs.model(Duration.ofMillis(remaining));
                reply = model.chat(new ModelCallInput(request.runId(), request.transcriptId(), messageCount, agent.name(),
                        agent.tools(), agent.model(),
                        messageCount == 0 ? new ModelCallInput.Opening(agent.instructions(), request.task()) : null,
                        generation, request.outputSchema()));
            } catch (ActivityFailure e) {
                if (e.getCause() instanceof TimeoutFailure
                        && Workflow.currentTimeMillis() - startedAt >= limits.deadlineSeconds() * 1000L) {
                    return result(request, AgentOutcome.DEADLINE, null, steps, tokens, calls, messageCount, events);
                }
                return failed(request, "model call of step " + steps + " failed: " + rootMessage(e), steps, tokens,
                        calls, messageCount, events);
            }
            tokens += reply.inputTokens() + reply.outputTokens();
            messageCount = reply.messageCount();
            ObjectNode completed = EventEmitter.data();
            completed.put("step", request.step());
            completed.put("agent", request.agent().name());
            completed.put("agentStep", steps);
            completed.put("inputTokens", reply.inputTokens());
            completed.put("outputTokens", reply.outputTokens());
            completed.put("finishReason", reply.finishReason());
            completed.put("toolCalls", reply.calls().size());
            completed.put("malformedToolCalls", reply.malformed());
            completed.put("finalAnswer", reply.finalAnswer() != null);
            events.emit(RunEventTypes.MODEL_COMPLETED, completed);
            if (reply.finalAnswer() != null) {
                return result(request, AgentOutcome.FINAL_ANSWER, reply.finalAnswer(), steps, tokens, calls, messageCount, events);
            }
            int position = messageCount;
            for (PlannedToolCall call : reply.calls()) {
                ObjectNode called = EventEmitter.data();
                called.put("step", stepName);
                called.put("tool", call.toolName());
                called.put("toolCallId", call.id());
                events.emit(RunEventTypes.TOOL_CALLED, called);
                events.flush();
                ApprovalGate.Outcome gated;
                try {
                    gated = approvals.invoke(tools, ToolCallInput.fromTranscript(request.runId(), call.toolName(),
                            request.transcriptId(), reply.replyPosition(), position++, call.id(), generation),
                            stepName, policy, events);
                } catch (ActivityFailure e) {
                    return failed(request, "tool '" + call.toolName() + "' failed in step " + steps + ": " + rootMessage(e),
                            steps, tokens, calls, messageCount, events);
                }
                ToolCallOutput outcome = gated.output();
                startedAt += gated.waitedMillis(); // waiting for a person does not use the agent's deadline
                calls.add(new ToolCallSummary(stepName, call.toolName(), outcome.idempotencyKey(), outcome.ok(), outcome.error()));
                events.emit(RunEventTypes.TOOL_COMPLETED, toolCompleted(stepName, call.toolName(), outcome));
                if (gated.rejected() && ApprovalPolicy.STOP.equals(policy.onReject())) {
                    return failed(request, outcome.error() + " (approval.onReject: stop ends the agent)", steps, tokens,
                            calls, position, events);
                }
            }
            messageCount = position;
        }
    }

    static ObjectNode toolCompleted(String step, String tool, ToolCallOutput outcome) {
        ObjectNode data = EventEmitter.data();
        data.put("step", step);
        data.put("tool", tool);
        data.put("idempotencyKey", outcome.idempotencyKey());
        data.put("ok", outcome.ok());
        if (!outcome.ok()) {
            data.put("error", outcome.error());
        }
        return data;
    }

    private static AgentResult failed(AgentRequest request, String reason, int steps, long tokens,
                                      List<ToolCallSummary> calls, int messageCount, EventEmitter events) {
        return new AgentResult(AgentOutcome.FAILED, null, reason, steps, tokens, calls, request.transcriptId(),
                messageCount, events.next());
    }

    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static AgentResult result(AgentRequest request, AgentOutcome outcome, String answer, int steps, long tokens,
                                      List<ToolCallSummary> calls, int messageCount, EventEmitter events) {
        return new AgentResult(outcome, answer, AgentSteps.describe(outcome, request.agent().limits(), steps, tokens),
                steps, tokens, calls, request.transcriptId(), messageCount, events.next());
    }
}
