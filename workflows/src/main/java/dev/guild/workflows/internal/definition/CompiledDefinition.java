package dev.guild.workflows.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.workflows.approval.ApprovalPolicy;

import java.util.List;

/**
 * Guild's own model of a definition (the Serverless Workflow SDK's types stay behind {@link DefinitionCompiler},
 * so SDK upgrades touch one class).
 *
 * @param inputSchema {@code input.schema.document}, or null
 */
public record CompiledDefinition(String name, String namespace, String version, JsonNode inputSchema, List<Task> tasks) {

    public CompiledDefinition {
        tasks = List.copyOf(tasks);
    }

    /** One entry of {@code do}. */
    public sealed interface Task permits SetTask, ToolTask, AgentTask {
        String name();

        /** {@code set}, {@code call} or {@code agent}: the step type in events and status. */
        String type();
    }

    /** {@code set}: the output is the evaluated object (or expression). */
    public record SetTask(String name, JsonNode set) implements Task {
        @Override
        public String type() {
            return "set";
        }
    }

    /**
     * {@code call: <tool>} with {@code with} arguments (may hold expressions) and the approval policy of
     * {@code metadata.approval}.
     */
    public record ToolTask(String name, String tool, JsonNode with, ApprovalPolicy approval) implements Task {
        @Override
        public String type() {
            return "call";
        }
    }

    /** {@code call: agent}: {@code with} holds the agent's fields (see {@link AgentArguments}). */
    public record AgentTask(String name, JsonNode with) implements Task {
        @Override
        public String type() {
            return "agent";
        }
    }
}
