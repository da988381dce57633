package dev.guild.workflows.internal.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.workflows.approval.ApprovalPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Guild's own model of a definition (the Serverless Workflow SDK's types stay behind {@link DefinitionCompiler},
 * so SDK upgrades touch one class). Built by {@link TaskParser}; every value that may hold a runtime expression is
 * kept as JSON and evaluated when the task runs.
 *
 * @param inputSchema  {@code input.schema.document}, or null
 * @param inputFrom    {@code input.from}, or null
 * @param outputAs     {@code output.as}, or null
 * @param outputSchema {@code output.schema.document}, or null
 * @param errors       {@code use.errors}: reusable error definitions by name
 */
public record CompiledDefinition(String name, String namespace, String version, JsonNode inputSchema,
                                 JsonNode inputFrom, JsonNode outputAs, JsonNode outputSchema,
                                 Map<String, JsonNode> errors, List<Task> tasks) {

    public CompiledDefinition {
        errors = Map.copyOf(errors);
        tasks = List.copyOf(tasks);
    }

    /**
     * What every task has (the specification's common task properties).
     *
     * @param name         the task's name in its list
     * @param reference    JSON pointer of the task in the definition, e.g. {@code /do/1/check/try/0/fetch}
     * @param condition    {@code if}: a runtime expression on the raw input; null = always
     * @param inputFrom    {@code input.from} on the raw input, or null
     * @param inputSchema  {@code input.schema.document} the raw input must match, or null
     * @param outputAs     {@code output.as} on the raw output, or null
     * @param outputSchema {@code output.schema.document} the transformed output must match, or null
     * @param exportAs     {@code export.as}: its result replaces {@code $context}; or null
     * @param exportSchema {@code export.schema.document} the new context must match, or null
     * @param then         flow directive: {@code continue} (default), {@code exit}, {@code end} or a task name
     */
    public record Common(String name, String reference, String condition, JsonNode inputFrom, JsonNode inputSchema,
                         JsonNode outputAs, JsonNode outputSchema, JsonNode exportAs, JsonNode exportSchema,
                         String then) {
    }

    /** One entry of a {@code do} list. */
    public sealed interface Task permits SetTask, ToolTask, HttpTask, AgentTask, DoTask, SwitchTask, ForTask,
            ForkTask, TryTask, WaitTask, RaiseTask, EmitTask, ListenTask, RunWorkflowTask {
        Common common();

        /** The step type in events and status: {@code set}, {@code call}, {@code agent}, {@code do}, ... */
        String type();

        default String name() {
            return common().name();
        }
    }

    /** {@code set}: the output is the evaluated object (or expression). */
    public record SetTask(Common common, JsonNode set) implements Task {
        @Override
        public String type() {
            return "set";
        }
    }

    /**
     * {@code call: <tool>} with {@code with} arguments (may hold expressions) and the approval policy of
     * {@code metadata.approval}.
     */
    public record ToolTask(Common common, String tool, JsonNode with, ApprovalPolicy approval) implements Task {
        @Override
        public String type() {
            return "call";
        }
    }

    /**
     * {@code call: http}: {@code with} holds {method, endpoint, headers, query, body, output}; sent through the
     * {@code http_request} tool.
     */
    public record HttpTask(Common common, JsonNode with, ApprovalPolicy approval) implements Task {
        @Override
        public String type() {
            return "http";
        }
    }

    /** {@code call: agent}: {@code with} holds the agent's fields (see {@link AgentArguments}). */
    public record AgentTask(Common common, JsonNode with) implements Task {
        @Override
        public String type() {
            return "agent";
        }
    }

    /** {@code do}: a sub-list run in order. */
    public record DoTask(Common common, List<Task> tasks) implements Task {
        @Override
        public String type() {
            return "do";
        }
    }

    /** One case of {@code switch}: {@code when} null is the default case. */
    public record SwitchCase(String name, String when, String then) {
    }

    /** {@code switch}: the first case whose {@code when} is true (or the default) gives the flow directive. */
    public record SwitchTask(Common common, List<SwitchCase> cases) implements Task {
        @Override
        public String type() {
            return "switch";
        }
    }

    /**
     * {@code for}: runs {@code tasks} for each item of {@code in}, binding {@code $<each>} and {@code $<at>};
     * {@code while} is checked before each iteration.
     */
    public record ForTask(Common common, String each, String at, String in, String whileCondition,
                          List<Task> tasks) implements Task {
        @Override
        public String type() {
            return "for";
        }
    }

    /** {@code fork}: branches run concurrently; with {@code compete} the first to finish wins. */
    public record ForkTask(Common common, List<Task> branches, boolean compete) implements Task {
        @Override
        public String type() {
            return "fork";
        }
    }

    /**
     * {@code catch} of a {@code try}.
     *
     * @param with       error fields to match ({@code type}, {@code status}, {@code instance}, {@code title},
     *                   {@code detail}); empty = every error
     * @param as         the variable the error is bound to (without {@code $}); default {@code error}
     * @param when       caught only when true, or null
     * @param exceptWhen not caught when true, or null
     * @param retry      retry policy, or null
     * @param tasks      run when an error is caught (after retries, if any, gave up); may be empty
     */
    public record Catch(Map<String, JsonNode> with, String as, String when, String exceptWhen, RetryPolicy retry,
                        List<Task> tasks) {
    }

    /** {@code try}: runs {@code tasks}; errors that {@code catch} matches are retried or handled. */
    public record TryTask(Common common, List<Task> tasks, Catch handler) implements Task {
        @Override
        public String type() {
            return "try";
        }
    }

    /** {@code wait}: a durable timer. */
    public record WaitTask(Common common, Duration duration) implements Task {
        @Override
        public String type() {
            return "wait";
        }
    }

    /** {@code raise}: {@code error} is an error object (may hold expressions). */
    public record RaiseTask(Common common, JsonNode error) implements Task {
        @Override
        public String type() {
            return "raise";
        }
    }

    /** {@code emit}: {@code event} is the CloudEvent's attributes and data ({@code emit.event.with}). */
    public record EmitTask(Common common, JsonNode event) implements Task {
        @Override
        public String type() {
            return "emit";
        }
    }

    /** How many of a {@code listen}'s filters must be met: one, any of them, or all of them. */
    public enum ListenMode { ONE, ANY, ALL }

    /**
     * {@code listen}: waits for CloudEvents matching {@code filters} ({@code with} attributes, may hold
     * expressions evaluated when the listen starts); the output is the array of consumed events.
     */
    public record ListenTask(Common common, ListenMode mode, List<JsonNode> filters) implements Task {
        @Override
        public String type() {
            return "listen";
        }
    }

    /** {@code run: {workflow: {namespace, name, version, input}}}: a child run of another definition. */
    public record RunWorkflowTask(Common common, String namespace, String workflowName, String version,
                                  JsonNode input) implements Task {
        @Override
        public String type() {
            return "run";
        }
    }
}
