package dev.guild.workflows.internal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.agents.AgentOutcome;
import dev.guild.workflows.AgentRequest;
import dev.guild.workflows.AgentResult;
import dev.guild.workflows.AgentWorkflow;
import dev.guild.workflows.CloudEventMessage;
import dev.guild.workflows.EventSubscription;
import dev.guild.workflows.RunEventTypes;
import dev.guild.workflows.RunRequest;
import dev.guild.workflows.RunResult;
import dev.guild.workflows.RunState;
import dev.guild.workflows.RunTrigger;
import dev.guild.workflows.RunWorkflow;
import dev.guild.workflows.TaskQueues;
import dev.guild.workflows.ToolCallSummary;
import dev.guild.workflows.activities.DefinitionActivities;
import dev.guild.workflows.activities.EmitInput;
import dev.guild.workflows.activities.EventActivities;
import dev.guild.workflows.activities.ResolveDefinitionInput;
import dev.guild.workflows.activities.ResolveDefinitionOutput;
import dev.guild.workflows.activities.SubscribeInput;
import dev.guild.workflows.activities.ToolActivities;
import dev.guild.workflows.activities.ToolCallInput;
import dev.guild.workflows.activities.ToolCallOutput;
import dev.guild.workflows.activities.UnsubscribeInput;
import dev.guild.workflows.approval.ApprovalPolicy;
import dev.guild.workflows.internal.definition.AgentArguments;
import dev.guild.workflows.internal.definition.CompiledDefinition;
import dev.guild.workflows.internal.definition.HttpCall;
import dev.guild.workflows.internal.expr.Jq;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tasks with effects outside the workflow (workflow code only): tool calls, {@code call: http},
 * {@code call: agent} (the {@link AgentLoop} inline; a child {@link AgentWorkflow} in runs recorded before
 * {@value #AGENT_INLINE_CHANGE}, and where an inline agent outgrows the run's history), {@code run: workflow} (a child
 * {@link RunWorkflow}),
 * {@code emit} and {@code listen}. Temporal failures become {@link TaskError}s (cancellation stays a cancellation).
 */
final class TaskEffects {

    /**
     * {@link Workflow#getVersion} change id: from version 1 a {@code call: agent} runs its loop inside the run's
     * workflow instead of a child {@link AgentWorkflow} (one history, no child start or child completion task).
     */
    static final String AGENT_INLINE_CHANGE = "agent-inline";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunScope scope;
    private final ToolActivities tools = Stubs.tools();
    private EventActivities events;
    private DefinitionActivities definitions;

    TaskEffects(RunScope scope) {
        this.scope = scope;
    }

    JsonNode execute(CompiledDefinition.Task task, JsonNode input, Map<String, JsonNode> variables) {
        return switch (task) {
            case CompiledDefinition.ToolTask call -> callTool(task, call.tool(), Jq.evaluate(call.with(), input, variables),
                    call.approval());
            case CompiledDefinition.HttpTask http -> http(http, Jq.evaluate(http.with(), input, variables));
            case CompiledDefinition.AgentTask agent -> agent(agent, Jq.evaluate(agent.with(), input, variables));
            case CompiledDefinition.RunWorkflowTask run -> runWorkflow(run, run.input() == null ? input
                    : Jq.evaluate(run.input(), input, variables));
            case CompiledDefinition.EmitTask emit -> emit(emit, Jq.evaluate(emit.event(), input, variables), input);
            case CompiledDefinition.ListenTask listen -> listen(listen, input, variables);
            default -> throw new IllegalStateException("task type '" + task.type() + "' has no effect handler");
        };
    }

    /**
     * A tool call, held for approval first when the tool has side effects and {@code approval} does not let it run
     * unattended; a rejected call fails the task, or (with {@code onReject: continue}) outputs the decision.
     */
    private JsonNode callTool(CompiledDefinition.Task task, String tool, JsonNode arguments, ApprovalPolicy approval) {
        String reference = task.common().reference();
        if (!arguments.isObject()) {
            throw new TaskError(TaskError.VALIDATION, 400, reference, "bad tool arguments", "the arguments of '" + tool
                    + "' must evaluate to a JSON object; got " + arguments.getNodeType());
        }
        ObjectNode called = EventEmitter.data();
        called.put("step", task.name());
        called.put("tool", tool);
        scope.events.emit(RunEventTypes.TOOL_CALLED, called);
        scope.events.flush();
        ApprovalGate.Outcome gated;
        try {
            gated = scope.approvals.invoke(tools, ToolCallInput.direct(scope.runId, tool, arguments.toString()),
                    task.name(), approval, scope.events);
        } catch (TemporalFailure e) {
            throw failure(e, reference, "tool '" + tool + "' could not be called");
        }
        ToolCallOutput outcome = gated.output();
        scope.toolCalls.add(new ToolCallSummary(task.name(), tool, outcome.idempotencyKey(), outcome.ok(), outcome.error()));
        scope.events.emit(RunEventTypes.TOOL_COMPLETED, AgentLoop.toolCompleted(task.name(), tool, outcome));
        if (gated.rejected() && ApprovalPolicy.CONTINUE.equals(approval.onReject())) {
            ObjectNode rejected = JsonNodeFactory.instance.objectNode();
            rejected.put("approved", false);
            rejected.put("approvalId", gated.decision().approvalId());
            rejected.put("decidedBy", gated.decision().decidedBy());
            rejected.put("comment", gated.decision().comment());
            return rejected;
        }
        if (!outcome.ok()) {
            throw new TaskError(TaskError.RUNTIME, 500, reference, "tool '" + tool + "' returned an error", outcome.error());
        }
        try {
            return JSON.readTree(outcome.output());
        } catch (Exception e) {
            throw new TaskError(TaskError.RUNTIME, 500, reference, "tool '" + tool + "' returned output that is not JSON",
                    e.getMessage());
        }
    }

    /** A Temporal failure as a task error: timeouts are {@code timeout} (408), the rest {@code communication} (503). */
    static RuntimeException failure(TemporalFailure e, String reference, String title) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CanceledFailure canceled) {
                return canceled;
            }
            if (cause instanceof TimeoutFailure) {
                return new TaskError(TaskError.TIMEOUT, 408, reference, title, AgentLoop.rootMessage(e));
            }
        }
        return new TaskError(TaskError.COMMUNICATION, 503, reference, title, AgentLoop.rootMessage(e));
    }

    private JsonNode http(CompiledDefinition.HttpTask task, JsonNode with) {
        ObjectNode arguments;
        try {
            arguments = HttpCall.toolArguments(with);
        } catch (IllegalArgumentException e) {
            throw new TaskError(TaskError.VALIDATION, 400, task.common().reference(), "bad call: http", e.getMessage());
        }
        JsonNode response;
        try {
            response = callTool(task, HttpCall.TOOL, arguments, task.approval());
        } catch (TaskError e) {
            JsonNode error = e.error();
            throw error.get("type").asText().equals(TaskError.RUNTIME)
                    ? new TaskError(TaskError.COMMUNICATION, 503, task.common().reference(), "HTTP request failed",
                    error.path("detail").asText(null))
                    : e;
        }
        int status = response.path("status").asInt();
        if (status < 200 || status >= 300) {
            throw new TaskError(TaskError.COMMUNICATION, status, task.common().reference(),
                    "HTTP " + status + " from " + response.path("url").asText(), cut(response.path("body").asText("")));
        }
        return HttpCall.output(with, response);
    }

    private static String cut(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    private JsonNode agent(CompiledDefinition.AgentTask task, JsonNode with) {
        String reference = task.common().reference();
        AgentArguments arguments;
        try {
            arguments = AgentArguments.from(task.name(), with);
        } catch (IllegalArgumentException e) {
            throw new TaskError(TaskError.VALIDATION, 400, reference, "bad agent arguments", e.getMessage());
        }
        String name = scope.unique(task.name());
        AgentRequest request = new AgentRequest(scope.runId, task.name(), arguments.spec(), arguments.prompt(), name,
                scope.events.next(), null, 0, arguments.approval(), arguments.outputSchema());
        AgentResult outcome;
        try {
            if (Workflow.getVersion(AGENT_INLINE_CHANGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
                outcome = AgentLoop.run(request, scope.events, scope.approvals, next -> {
                    AgentResult continued = agentChild(name).run(next); // the loop flushed before handing over
                    scope.events.continueAt(continued.nextEventSequence());
                    return continued;
                });
            } else {
                scope.events.flush(); // the child continues the run's sequence: what this run emitted goes out first
                outcome = agentChild(name).run(request);
                scope.events.continueAt(outcome.nextEventSequence());
            }
        } catch (TemporalFailure e) {
            throw failure(e, reference, "agent '" + arguments.spec().name() + "' failed");
        }
        scope.toolCalls.addAll(outcome.toolCalls());
        if (outcome.outcome() != AgentOutcome.FINAL_ANSWER) {
            throw new TaskError(TaskError.RUNTIME, 500, reference, "agent '" + arguments.spec().name() + "' stopped",
                    outcome.reason() + " (outcome " + outcome.outcome().wireName() + ")");
        }
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        if (arguments.outputSchema() == null) {
            output.put("answer", outcome.answer());
        } else {
            try {
                output.set("answer", JSON.readTree(outcome.answer()));
            } catch (Exception e) {
                throw new TaskError(TaskError.VALIDATION, 400, reference, "the agent's answer is not JSON", e.getMessage());
            }
        }
        output.put("outcome", outcome.outcome().wireName());
        output.put("steps", outcome.steps());
        output.put("tokens", outcome.tokens());
        output.put("toolCalls", outcome.toolCalls().size());
        return output;
    }

    private AgentWorkflow agentChild(String name) {
        return Workflow.newChildWorkflowStub(AgentWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(scope.runId + "/" + name)
                .setTaskQueue(TaskQueues.AGENTS)
                .build());
    }

    private JsonNode runWorkflow(CompiledDefinition.RunWorkflowTask task, JsonNode input) {
        String reference = task.common().reference();
        scope.events.flush();
        ResolveDefinitionOutput resolved;
        try {
            resolved = definitions().resolve(new ResolveDefinitionInput(task.namespace(), task.workflowName(), task.version()));
        } catch (TemporalFailure e) {
            throw failure(e, reference, "the definition of " + task.namespace() + "/" + task.workflowName() + " could not be read");
        }
        if (resolved.error() != null) {
            throw new TaskError(TaskError.CONFIGURATION, 404, reference, "workflow not found", resolved.error());
        }
        if (!input.isObject()) {
            throw new TaskError(TaskError.VALIDATION, 400, reference, "bad workflow input",
                    "the input of a child workflow must be a JSON object; got " + input.getNodeType());
        }
        String childId = scope.runId + "/" + scope.unique(task.name());
        RunWorkflow child = Workflow.newChildWorkflowStub(RunWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(childId)
                .setTaskQueue(TaskQueues.AGENTS)
                .build());
        scope.events.flush();
        RunResult result;
        try {
            result = child.run(new RunRequest(childId, resolved.name(), resolved.hash(), resolved.text(),
                    new RunTrigger("workflow", scope.workflowName, scope.runId), input.toString()));
        } catch (TemporalFailure e) {
            throw failure(e, reference, "workflow " + task.workflowName() + " failed");
        }
        if (result.state() != RunState.COMPLETED) {
            throw new TaskError(TaskError.RUNTIME, 500, reference, "workflow " + task.workflowName() + " failed", result.error());
        }
        try {
            return JSON.readTree(result.output());
        } catch (Exception e) {
            throw new TaskError(TaskError.RUNTIME, 500, reference, "workflow output is not JSON", e.getMessage());
        }
    }

    private JsonNode emit(CompiledDefinition.EmitTask task, JsonNode with, JsonNode input) {
        String type = text(with, "type");
        if (type == null) {
            throw new TaskError(TaskError.VALIDATION, 400, task.common().reference(), "bad event",
                    "emit.event.with.type evaluated to nothing; give the event a type");
        }
        Map<String, String> extensions = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = with.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!List.of("id", "source", "type", "subject", "time", "datacontenttype", "data").contains(field.getKey())
                    && !field.getValue().isNull()) {
                extensions.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
            }
        }
        JsonNode data = with.get("data");
        String id = text(with, "id") != null ? text(with, "id") : Workflow.randomUUID().toString();
        CloudEventMessage event = new CloudEventMessage(id,
                text(with, "source") != null ? text(with, "source") : "urn:guild:workflow:" + scope.workflowName,
                type, text(with, "subject"), text(with, "time") != null ? text(with, "time") : EventEmitter.now(),
                data == null || data.isNull() ? text(with, "datacontenttype")
                        : (text(with, "datacontenttype") != null ? text(with, "datacontenttype") : "application/json"),
                data == null || data.isNull() ? null : data.toString(), extensions);
        scope.events.flush();
        try {
            events().emit(new EmitInput(event));
        } catch (TemporalFailure e) {
            throw failure(e, task.common().reference(), "the event could not be published");
        }
        return input;
    }

    private static String text(JsonNode with, String field) {
        JsonNode value = with.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * Records the subscription, waits (durably) for the events the mode needs, and answers with them in the order
     * consumed; {@code one}/{@code any} need one event matching a filter, {@code all} one event per filter.
     */
    private JsonNode listen(CompiledDefinition.ListenTask task, JsonNode input, Map<String, JsonNode> variables) {
        List<Map<String, String>> filters = new ArrayList<>();
        for (JsonNode filter : task.filters()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Jq.evaluate(filter, input, variables).fields().forEachRemaining(field ->
                    attributes.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
            filters.add(attributes);
        }
        String listenId = scope.unique(task.common().reference());
        EventSubscription subscription = new EventSubscription(scope.runId, listenId, filters);
        scope.events.flush();
        try {
            events().subscribe(new SubscribeInput(subscription));
        } catch (TemporalFailure e) {
            throw failure(e, task.common().reference(), "the listen could not be recorded");
        }
        boolean all = task.mode() == CompiledDefinition.ListenMode.ALL;
        List<CloudEventMessage> inbox = scope.inbox(listenId);
        Workflow.await(() -> assign(inbox, subscription, all) != null);
        CloudEventMessage[] matched = assign(inbox, subscription, all);
        inbox.clear();
        try {
            events().unsubscribe(new UnsubscribeInput(scope.runId, listenId));
        } catch (TemporalFailure e) {
            throw failure(e, task.common().reference(), "the listen could not be closed");
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (CloudEventMessage event : matched) {
            out.add(event.toJson());
        }
        return out;
    }

    /** The events that satisfy the listen, in filter order, or null while some are missing (no side effects). */
    private static CloudEventMessage[] assign(List<CloudEventMessage> inbox, EventSubscription subscription, boolean all) {
        CloudEventMessage[] matched = new CloudEventMessage[all ? subscription.filters().size() : 1];
        for (CloudEventMessage event : inbox) {
            for (int i : subscription.matchingFilters(event)) {
                int slot = all ? i : 0;
                if (matched[slot] == null) {
                    matched[slot] = event;
                    break;
                }
            }
        }
        for (CloudEventMessage event : matched) {
            if (event == null) {
                return null;
            }
        }
        return matched;
    }

    private EventActivities events() {
        if (events == null) {
            events = Stubs.eventActivities();
        }
        return events;
    }

    private DefinitionActivities definitions() {
        if (definitions == null) {
            definitions = Stubs.definitions();
        }
        return definitions;
    }
}
