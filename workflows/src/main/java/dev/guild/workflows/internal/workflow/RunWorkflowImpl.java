package dev.guild.workflows.internal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.agents.AgentOutcome;
import dev.guild.tools.ToolSchemas;
import dev.guild.workflows.AgentRequest;
import dev.guild.workflows.AgentResult;
import dev.guild.workflows.AgentWorkflow;
import dev.guild.workflows.RunEventTypes;
import dev.guild.workflows.RunRequest;
import dev.guild.workflows.RunResult;
import dev.guild.workflows.RunState;
import dev.guild.workflows.RunStatus;
import dev.guild.workflows.RunWorkflow;
import dev.guild.workflows.TaskQueues;
import dev.guild.workflows.ToolCallSummary;
import dev.guild.workflows.activities.ToolActivities;
import dev.guild.workflows.activities.ToolCallInput;
import dev.guild.workflows.activities.ToolCallOutput;
import dev.guild.workflows.approval.ApprovalDecision;
import dev.guild.workflows.approval.ApprovalPolicy;
import dev.guild.workflows.approval.ApprovalView;
import dev.guild.workflows.definition.WorkflowDefinition;
import dev.guild.workflows.internal.definition.AgentArguments;
import dev.guild.workflows.internal.definition.CompiledDefinition;
import dev.guild.workflows.internal.definition.DefinitionCompiler;
import dev.guild.workflows.internal.expr.ExpressionException;
import dev.guild.workflows.internal.expr.Jq;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interprets a workflow definition (Guild's profile of Serverless Workflow 1.0) as deterministic workflow code:
 * tasks run in order, each task's output is the next task's input ({@code .}), {@code $input} is the workflow
 * input, and the last task's output is the run's output.
 */
public class RunWorkflowImpl implements RunWorkflow {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ToolActivities tools = Stubs.tools();
    private final ApprovalGate approvals = new ApprovalGate();
    private final List<RunStatus.Step> steps = new ArrayList<>();
    private final List<ToolCallSummary> toolCalls = new ArrayList<>();
    private String runId;
    private String workflowName;
    private RunState state = RunState.RUNNING;
    private String result;
    private String error;

    /** A task that cannot complete; the run fails with this message. */
    private static final class TaskFailed extends RuntimeException {
        TaskFailed(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public RunResult run(RunRequest request) {
        runId = request.runId();
        workflowName = request.workflowName();
        EventEmitter events = new EventEmitter(runId, 1);
        ObjectNode started = EventEmitter.data();
        started.put("workflowName", request.workflowName());
        started.put("definitionHash", request.definitionHash());
        ObjectNode trigger = started.putObject("trigger");
        trigger.put("kind", request.trigger().kind());
        trigger.put("name", request.trigger().name());
        trigger.put("deliveryId", request.trigger().deliveryId());
        events.emit(RunEventTypes.RUN_STARTED, started);

        String actualHash = WorkflowDefinition.hashOf(request.definition());
        if (!actualHash.equals(request.definitionHash())) {
            return fail(events, null, "the definition does not match its pinned hash: expected "
                    + request.definitionHash() + ", got " + actualHash + "; build the request with WorkflowDefinition.runRequest");
        }
        CompiledDefinition definition;
        JsonNode input;
        try {
            definition = DefinitionCompiler.compile(request.definition());
            input = JSON.readTree(request.input());
        } catch (IllegalArgumentException e) {
            return fail(events, null, "the definition cannot be read: " + e.getMessage());
        } catch (Exception e) {
            return fail(events, null, "the input is not valid JSON: " + e.getMessage());
        }
        if (input == null || !input.isObject()) {
            return fail(events, null, "the workflow input must be a JSON object; got " + (input == null ? "nothing" : input.getNodeType()));
        }
        if (definition.inputSchema() != null) {
            List<String> problems = ToolSchemas.validate(definition.inputSchema(), input);
            if (!problems.isEmpty()) {
                return fail(events, null, "the input does not match the workflow's input.schema: " + String.join("; ", problems));
            }
        }
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        variables.put("input", input);
        variables.put("context", JsonNodeFactory.instance.objectNode());
        ObjectNode workflowVariable = JsonNodeFactory.instance.objectNode();
        workflowVariable.put("id", runId);
        workflowVariable.put("name", definition.name());
        workflowVariable.put("startedAt", EventEmitter.now());
        variables.put("workflow", workflowVariable);
        variables.put("runtime", JsonNodeFactory.instance.objectNode().put("name", "guild"));

        JsonNode current = input;
        for (int index = 0; index < definition.tasks().size(); index++) {
            CompiledDefinition.Task task = definition.tasks().get(index);
            int slot = steps.size();
            steps.add(new RunStatus.Step(task.name(), task.type(), RunState.RUNNING, EventEmitter.now(), null, null));
            ObjectNode stepStarted = EventEmitter.data();
            stepStarted.put("step", task.name());
            stepStarted.put("type", task.type());
            stepStarted.put("index", index);
            events.emit(RunEventTypes.STEP_STARTED, stepStarted);
            variables.put("task", JsonNodeFactory.instance.objectNode().put("name", task.name()));
            try {
                current = execute(task, current, variables, events);
            } catch (TaskFailed | ExpressionException e) {
                steps.set(slot, finished(steps.get(slot), RunState.FAILED, e.getMessage()));
                return fail(events, task.name(), "task '" + task.name() + "' failed: " + e.getMessage());
            } catch (TemporalFailure e) {
                steps.set(slot, finished(steps.get(slot), RunState.FAILED, AgentWorkflowImpl.rootMessage(e)));
                return fail(events, task.name(), "task '" + task.name() + "' failed: " + AgentWorkflowImpl.rootMessage(e));
            }
            steps.set(slot, finished(steps.get(slot), RunState.COMPLETED, null));
        }
        state = RunState.COMPLETED;
        result = current.toString();
        ObjectNode completed = EventEmitter.data();
        completed.set("output", current);
        events.emit(RunEventTypes.RUN_COMPLETED, completed);
        return new RunResult(runId, RunState.COMPLETED, result, null);
    }

    private JsonNode execute(CompiledDefinition.Task task, JsonNode current, Map<String, JsonNode> variables,
                             EventEmitter events) {
        return switch (task) {
            case CompiledDefinition.SetTask set -> Jq.evaluate(set.set(), current, variables);
            case CompiledDefinition.ToolTask call -> callTool(call, Jq.evaluate(call.with(), current, variables), events);
            case CompiledDefinition.AgentTask agent -> runAgent(agent, Jq.evaluate(agent.with(), current, variables), events);
        };
    }

    private JsonNode callTool(CompiledDefinition.ToolTask task, JsonNode arguments, EventEmitter events) {
        if (!arguments.isObject()) {
            throw new TaskFailed("the arguments of '" + task.tool() + "' must evaluate to a JSON object; got "
                    + arguments.getNodeType());
        }
        ObjectNode called = EventEmitter.data();
        called.put("step", task.name());
        called.put("tool", task.tool());
        events.emit(RunEventTypes.TOOL_CALLED, called);
        ApprovalGate.Outcome gated = approvals.invoke(tools, ToolCallInput.direct(runId, task.tool(), arguments.toString()),
                task.name(), task.approval(), events);
        ToolCallOutput outcome = gated.output();
        toolCalls.add(new ToolCallSummary(task.name(), task.tool(), outcome.idempotencyKey(), outcome.ok(), outcome.error()));
        events.emit(RunEventTypes.TOOL_COMPLETED, AgentWorkflowImpl.toolCompleted(task.name(), task.tool(), outcome));
        if (gated.rejected() && ApprovalPolicy.CONTINUE.equals(task.approval().onReject())) {
            ObjectNode rejected = JsonNodeFactory.instance.objectNode();
            rejected.put("approved", false);
            rejected.put("approvalId", gated.decision().approvalId());
            rejected.put("decidedBy", gated.decision().decidedBy());
            rejected.put("comment", gated.decision().comment());
            return rejected;
        }
        if (!outcome.ok()) {
            throw new TaskFailed("tool '" + task.tool() + "' returned an error: " + outcome.error());
        }
        try {
            return JSON.readTree(outcome.output());
        } catch (Exception e) {
            throw new TaskFailed("tool '" + task.tool() + "' returned output that is not JSON: " + e.getMessage());
        }
    }

    private JsonNode runAgent(CompiledDefinition.AgentTask task, JsonNode with, EventEmitter events) {
        AgentArguments arguments;
        try {
            arguments = AgentArguments.from(task.name(), with);
        } catch (IllegalArgumentException e) {
            throw new TaskFailed(e.getMessage());
        }
        AgentWorkflow agent = Workflow.newChildWorkflowStub(AgentWorkflow.class, ChildWorkflowOptions.newBuilder()
                .setWorkflowId(runId + "/" + task.name())
                .setTaskQueue(TaskQueues.AGENTS)
                .build());
        AgentResult outcome = agent.run(new AgentRequest(runId, task.name(), arguments.spec(), arguments.prompt(),
                task.name(), events.next(), null, 0, arguments.approval()));
        events.continueAt(outcome.nextEventSequence());
        toolCalls.addAll(outcome.toolCalls());
        if (outcome.outcome() != AgentOutcome.FINAL_ANSWER) {
            throw new TaskFailed(outcome.reason() + " (outcome " + outcome.outcome().wireName() + ")");
        }
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("answer", outcome.answer());
        output.put("outcome", outcome.outcome().wireName());
        output.put("steps", outcome.steps());
        output.put("tokens", outcome.tokens());
        output.put("toolCalls", outcome.toolCalls().size());
        return output;
    }

    private RunResult fail(EventEmitter events, String step, String message) {
        state = RunState.FAILED;
        error = message;
        ObjectNode failed = EventEmitter.data();
        failed.put("step", step);
        failed.put("error", message);
        events.emit(RunEventTypes.RUN_FAILED, failed);
        return new RunResult(runId, RunState.FAILED, null, message);
    }

    private static RunStatus.Step finished(RunStatus.Step step, RunState state, String error) {
        return new RunStatus.Step(step.name(), step.type(), state, step.startedAt(), EventEmitter.now(), error);
    }

    @Override
    public void validateDecision(ApprovalDecision decision) {
        approvals.validate(decision);
    }

    @Override
    public ApprovalView decide(ApprovalDecision decision) {
        return approvals.decide(decision);
    }

    @Override
    public List<ApprovalView> approvals() {
        return approvals.list();
    }

    @Override
    public RunStatus status() {
        return new RunStatus(runId, workflowName, state, steps, toolCalls, result, error);
    }
}
