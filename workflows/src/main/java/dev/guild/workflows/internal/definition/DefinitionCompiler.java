package dev.guild.workflows.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.serverlessworkflow.api.WorkflowFormat;
import io.serverlessworkflow.api.WorkflowReader;
import io.serverlessworkflow.api.types.CallFunction;
import io.serverlessworkflow.api.types.CallTask;
import io.serverlessworkflow.api.types.Document;
import io.serverlessworkflow.api.types.Input;
import io.serverlessworkflow.api.types.SchemaInline;
import io.serverlessworkflow.api.types.Set;
import io.serverlessworkflow.api.types.Task;
import io.serverlessworkflow.api.types.TaskItem;
import io.serverlessworkflow.api.types.Workflow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a definition with the Serverless Workflow SDK ({@code serverlessworkflow-api}, no reference runtime) and
 * maps it to {@link CompiledDefinition}. Deterministic: the workflow calls it on the pinned text. Assumes a
 * definition that {@link DefinitionValidator} accepted; anything else is an {@link IllegalArgumentException}.
 */
public final class DefinitionCompiler {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static CompiledDefinition compile(String text) {
        Workflow workflow = read(text);
        Document document = workflow.getDocument();
        if (document == null) {
            throw new IllegalArgumentException("the definition has no 'document' section");
        }
        List<CompiledDefinition.Task> tasks = new ArrayList<>();
        List<TaskItem> items = workflow.getDo() == null ? List.of() : workflow.getDo();
        for (TaskItem item : items) {
            tasks.add(task(item));
        }
        return new CompiledDefinition(document.getName(), document.getNamespace(), document.getVersion(),
                inputSchema(workflow.getInput()), tasks);
    }

    /** Reads the definition with the SDK, without its schema validation. */
    static Workflow read(String text) {
        try {
            return WorkflowReader.readWorkflowFromString(text, WorkflowFormat.YAML);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the Serverless Workflow SDK cannot read the definition: "
                    + e.getMessage(), e);
        }
    }

    private static CompiledDefinition.Task task(TaskItem item) {
        String name = item.getName();
        Task task = item.getTask();
        if (task.getSetTask() != null) {
            Set set = task.getSetTask().getSet();
            JsonNode value = set.getString() != null
                    ? JsonNodeFactory.instance.textNode(set.getString())
                    : JSON.valueToTree(set.getSetTaskConfiguration().getAdditionalProperties());
            return new CompiledDefinition.SetTask(name, value);
        }
        CallTask call = task.getCallTask();
        if (call != null && call.getCallFunction() != null) {
            CallFunction function = call.getCallFunction();
            JsonNode with = function.getWith() == null
                    ? JsonNodeFactory.instance.objectNode()
                    : JSON.valueToTree(function.getWith().getAdditionalProperties());
            return "agent".equals(function.getCall())
                    ? new CompiledDefinition.AgentTask(name, with)
                    : new CompiledDefinition.ToolTask(name, function.getCall(), with);
        }
        throw new IllegalArgumentException("task '" + name + "' is of a type Guild's profile does not run ("
                + task.get().getClass().getSimpleName() + "); supported: set, call");
    }

    private static JsonNode inputSchema(Input input) {
        if (input == null || input.getSchema() == null) {
            return null;
        }
        Object schema = input.getSchema().get();
        if (schema instanceof SchemaInline inline) {
            return JSON.valueToTree(inline.getDocument());
        }
        throw new IllegalArgumentException("input.schema must be inline (input.schema.document)");
    }

    private DefinitionCompiler() {
    }
}
