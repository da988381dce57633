package dev.guild.workflows.internal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.tools.ToolSchemas;
import dev.guild.workflows.CloudEventMessage;
import dev.guild.workflows.ListenedEvent;
import dev.guild.workflows.RunEventTypes;
import dev.guild.workflows.RunRequest;
import dev.guild.workflows.RunResult;
import dev.guild.workflows.RunState;
import dev.guild.workflows.RunStatus;
import dev.guild.workflows.RunWorkflow;
import dev.guild.workflows.ToolCallSummary;
import dev.guild.workflows.approval.ApprovalDecision;
import dev.guild.workflows.approval.ApprovalView;
import dev.guild.workflows.definition.WorkflowDefinition;
import dev.guild.workflows.internal.definition.CompiledDefinition;
import dev.guild.workflows.internal.definition.DefinitionCompiler;
import dev.guild.workflows.internal.expr.ExpressionException;
import dev.guild.workflows.internal.expr.Jq;
import io.temporal.workflow.Workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interprets a workflow definition (Guild's profile of Serverless Workflow 1.0) as deterministic workflow code: the
 * workflow input is checked against {@code input.schema} and transformed by {@code input.from}, the {@code do} list
 * runs ({@link Interpreter}), and {@code output.as} / {@code output.schema} give the run's output. An error no
 * {@code try} catches fails the run.
 */
public class RunWorkflowImpl implements RunWorkflow {

    /** Change id of the interpreter's own changes ({@link Workflow#getVersion}); see {@link RunScope#PROFILE}. */
    static final String PROFILE_CHANGE = "guild.profile";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApprovalGate approvals = new ApprovalGate();
    private final List<RunStatus.Step> steps = new ArrayList<>();
    private final List<ToolCallSummary> toolCalls = new ArrayList<>();
    private final Map<String, List<CloudEventMessage>> inbox = new HashMap<>();
    private String runId;
    private String workflowName;
    private RunState state = RunState.RUNNING;
    private String result;
    private String error;

    @Override
    public RunResult run(RunRequest request) {
        runId = request.runId();
        workflowName = request.workflowName();
        int version = Workflow.getVersion(PROFILE_CHANGE, Workflow.DEFAULT_VERSION, RunScope.PROFILE);
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
                    + request.definitionHash() + ", got " + actualHash + "; build the request with WorkflowDefinition.runRequest", null);
        }
        CompiledDefinition definition;
        JsonNode input;
        try {
            definition = DefinitionCompiler.compile(request.definition());
            input = JSON.readTree(request.input());
        } catch (IllegalArgumentException e) {
            return fail(events, null, "the definition cannot be read: " + e.getMessage(), null);
        } catch (Exception e) {
            return fail(events, null, "the input is not valid JSON: " + e.getMessage(), null);
        }
        if (input == null || !input.isObject()) {
            return fail(events, null, "the workflow input must be a JSON object; got " + (input == null ? "nothing" : input.getNodeType()), null);
        }
        if (definition.inputSchema() != null) {
            List<String> problems = ToolSchemas.validate(definition.inputSchema(), input);
            if (!problems.isEmpty()) {
                return fail(events, null, "the input does not match the workflow's input.schema: " + String.join("; ", problems), null);
            }
        }
        RunScope scope = new RunScope(runId, workflowName, definition, version, events, input, steps, toolCalls, inbox,
                approvals);
        JsonNode output;
        try {
            JsonNode first = input;
            if (definition.inputFrom() != null) {
                first = Jq.evaluate(definition.inputFrom(), input, scope.variables(input, scope.workflowDescriptor, Map.of()));
            }
            try {
                output = new Interpreter(scope).runList(definition.tasks(), first, Map.of());
            } catch (Interpreter.EndFlow end) {
                output = end.output;
            }
            if (definition.outputAs() != null) {
                output = Jq.evaluate(definition.outputAs(), output, scope.variables(output, scope.workflowDescriptor, Map.of()));
            }
            Interpreter.validate(definition.outputSchema(), output, "/output", "workflow output");
        } catch (ExpressionException e) {
            return fail(events, null, "the workflow's input.from or output.as failed: " + e.getMessage(), null);
        } catch (TaskError e) {
            String instance = e.error().path("instance").asText("");
            String step = instance.isEmpty() ? null : instance.substring(instance.lastIndexOf('/') + 1);
            String message = step == null || instance.equals("/output")
                    ? e.getMessage() : "task '" + step + "' failed: " + e.getMessage();
            return fail(events, step, message, version == RunScope.LEGACY ? null : e.error());
        }
        state = RunState.COMPLETED;
        result = output.toString();
        ObjectNode completed = EventEmitter.data();
        completed.set("output", output);
        events.emit(RunEventTypes.RUN_COMPLETED, completed);
        return new RunResult(runId, RunState.COMPLETED, result, null);
    }

    @Override
    public void event(ListenedEvent event) {
        inbox.computeIfAbsent(event.listenId(), k -> new ArrayList<>()).add(event.event());
    }

    private RunResult fail(EventEmitter events, String step, String message, ObjectNode failure) {
        state = RunState.FAILED;
        error = message;
        ObjectNode failed = EventEmitter.data();
        failed.put("step", step);
        failed.put("error", message);
        if (failure != null) {
            failed.set("failure", failure);
        }
        events.emit(RunEventTypes.RUN_FAILED, failed);
        return new RunResult(runId, RunState.FAILED, null, message);
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
