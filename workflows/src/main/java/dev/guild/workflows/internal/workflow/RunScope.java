package dev.guild.workflows.internal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.workflows.CloudEventMessage;
import dev.guild.workflows.RunState;
import dev.guild.workflows.RunStatus;
import dev.guild.workflows.ToolCallSummary;
import dev.guild.workflows.internal.definition.CompiledDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The state one run's interpreter shares between its parts (workflow code only; one per run). */
final class RunScope {

    /** Interpreter behaviour before the profile was completed: {@code $input} is the workflow input. */
    static final int LEGACY = io.temporal.workflow.Workflow.DEFAULT_VERSION;
    /** {@code $input} is the task's transformed input; descriptors as the specification defines them. */
    static final int PROFILE = 1;

    final String runId;
    final String workflowName;
    final CompiledDefinition definition;
    final int version;
    final EventEmitter events;
    final JsonNode workflowInput;
    final List<RunStatus.Step> steps;
    final List<ToolCallSummary> toolCalls;
    /** Events signalled to the run, by listen id, until a listen task consumes them. */
    final Map<String, List<CloudEventMessage>> inbox;
    /** Holds side-effecting tool calls for approval (the run's {@code decide} update goes here). */
    final ApprovalGate approvals;
    final ObjectNode workflowDescriptor;
    final ObjectNode runtimeDescriptor;
    JsonNode context = JsonNodeFactory.instance.objectNode();
    private final Map<String, Integer> uses = new HashMap<>();

    RunScope(String runId, String workflowName, CompiledDefinition definition, int version, EventEmitter events,
             JsonNode workflowInput, List<RunStatus.Step> steps, List<ToolCallSummary> toolCalls,
             Map<String, List<CloudEventMessage>> inbox, ApprovalGate approvals) {
        this.runId = runId;
        this.workflowName = workflowName;
        this.definition = definition;
        this.version = version;
        this.events = events;
        this.workflowInput = workflowInput;
        this.steps = steps;
        this.toolCalls = toolCalls;
        this.inbox = inbox;
        this.approvals = approvals;
        workflowDescriptor = JsonNodeFactory.instance.objectNode();
        workflowDescriptor.put("id", runId);
        workflowDescriptor.put("name", definition.name());
        if (version == LEGACY) {
            workflowDescriptor.put("startedAt", EventEmitter.now());
        } else {
            workflowDescriptor.put("namespace", definition.namespace());
            workflowDescriptor.put("version", definition.version());
            workflowDescriptor.set("input", workflowInput);
            workflowDescriptor.set("startedAt", dateTime());
        }
        runtimeDescriptor = JsonNodeFactory.instance.objectNode().put("name", "guild");
    }

    /** The specification's date-time descriptor of the current workflow time: {iso8601, epoch {seconds, milliseconds}}. */
    static ObjectNode dateTime() {
        long millis = io.temporal.workflow.Workflow.currentTimeMillis();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("iso8601", EventEmitter.now());
        ObjectNode epoch = out.putObject("epoch");
        epoch.put("seconds", millis / 1000);
        epoch.put("milliseconds", millis);
        return out;
    }

    /**
     * A name unique within the run for the {@code n}-th use of {@code base}: {@code base} itself the first time (as
     * before loops existed, so older histories replay), then {@code base#2}, {@code base#3}, ...
     */
    String unique(String base) {
        int n = uses.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + "#" + n;
    }

    /** The expression variables a task sees. */
    Map<String, JsonNode> variables(JsonNode taskInput, JsonNode task, Map<String, JsonNode> locals) {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        variables.put("input", version == LEGACY ? workflowInput : taskInput);
        variables.put("context", context);
        variables.put("workflow", workflowDescriptor);
        variables.put("runtime", runtimeDescriptor);
        variables.put("task", task);
        variables.putAll(locals);
        return variables;
    }

    /** Records a step as started; returns its slot in {@link #steps}. */
    int stepStarted(CompiledDefinition.Task task, int index) {
        int slot = steps.size();
        steps.add(new RunStatus.Step(task.name(), task.type(), RunState.RUNNING, EventEmitter.now(), null, null));
        ObjectNode started = EventEmitter.data();
        started.put("step", task.name());
        started.put("type", task.type());
        started.put("index", index);
        if (!task.common().reference().equals("/do/" + index + "/" + task.name())) {
            started.put("reference", task.common().reference());
        }
        events.emit(dev.guild.workflows.RunEventTypes.STEP_STARTED, started);
        return slot;
    }

    void stepFinished(int slot, RunState state, String error) {
        RunStatus.Step step = steps.get(slot);
        steps.set(slot, new RunStatus.Step(step.name(), step.type(), state, step.startedAt(), EventEmitter.now(), error));
    }

    List<CloudEventMessage> inbox(String listenId) {
        return inbox.computeIfAbsent(listenId, k -> new ArrayList<>());
    }
}
