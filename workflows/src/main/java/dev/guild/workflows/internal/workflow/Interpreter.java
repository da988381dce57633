package dev.guild.workflows.internal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.tools.ToolSchemas;
import dev.guild.workflows.RunState;
import dev.guild.workflows.internal.definition.CompiledDefinition;
import dev.guild.workflows.internal.definition.CompiledDefinition.Task;
import dev.guild.workflows.internal.expr.ExpressionException;
import dev.guild.workflows.internal.expr.Jq;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs task lists as Serverless Workflow 1.0 defines them (workflow code only): flow directives ({@code then}),
 * each task's data flow ({@code if}, {@code input.schema}, {@code input.from}, the task, {@code output.as},
 * {@code output.schema}, {@code export.as}, {@code export.schema}) and the control tasks ({@code do}, {@code set},
 * {@code switch}, {@code for}, {@code fork}, {@code try}, {@code wait}, {@code raise}). Tasks with effects are run
 * by {@link TaskEffects}.
 */
final class Interpreter {

    /** {@code then: end}: the run ends with {@code output}. */
    static final class EndFlow extends RuntimeException {
        final transient JsonNode output;

        EndFlow(JsonNode output) {
            super("then: end", null, false, false);
            this.output = output;
        }
    }

    /** A task's output and the flow directive it chose (a {@code switch} case), or null. */
    record Outcome(JsonNode output, String directive) {
    }

    private final RunScope scope;
    private final TaskEffects effects;
    private final TryRunner tries;

    Interpreter(RunScope scope) {
        this.scope = scope;
        this.effects = new TaskEffects(scope);
        this.tries = new TryRunner(this);
    }

    /** Runs a {@code do} list on {@code input}; returns the last task's output. */
    JsonNode runList(List<Task> tasks, JsonNode input, Map<String, JsonNode> locals) {
        JsonNode current = input;
        int index = 0;
        while (index < tasks.size()) {
            Task task = tasks.get(index);
            Outcome outcome = runTask(task, index, current, locals);
            current = outcome.output();
            String directive = outcome.directive() != null ? outcome.directive() : task.common().then();
            if (directive == null || directive.equals("continue")) {
                index++;
            } else if (directive.equals("exit")) {
                return current;
            } else if (directive.equals("end")) {
                throw new EndFlow(current);
            } else {
                index = indexOf(tasks, directive);
            }
        }
        return current;
    }

    private static int indexOf(List<Task> tasks, String name) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new TaskError(TaskError.CONFIGURATION, 400, null, "unknown flow directive", "no task '" + name + "' in this list");
    }

    /** One task with its data flow. */
    Outcome runTask(Task task, int index, JsonNode raw, Map<String, JsonNode> locals) {
        CompiledDefinition.Common common = task.common();
        ObjectNode descriptor = descriptor(task, raw);
        try {
            if (common.condition() != null
                    && !truthy(Jq.evaluateExpression(common.condition(), raw, scope.variables(raw, descriptor, locals)))) {
                return new Outcome(raw, null);
            }
        } catch (ExpressionException e) {
            throw expressionError(common, e);
        }
        int slot = scope.stepStarted(task, index);
        try {
            validate(common.inputSchema(), raw, common.reference(), "input");
            JsonNode input = common.inputFrom() == null ? raw
                    : Jq.evaluate(common.inputFrom(), raw, scope.variables(raw, descriptor, locals));
            Map<String, JsonNode> variables = scope.variables(input, descriptor, locals);
            Outcome outcome = execute(task, input, variables, locals);
            JsonNode output = outcome.output();
            if (common.outputAs() != null) {
                Map<String, JsonNode> withOutput = new LinkedHashMap<>(variables);
                withOutput.put("output", output);
                output = Jq.evaluate(common.outputAs(), output, withOutput);
            }
            validate(common.outputSchema(), output, common.reference(), "output");
            if (common.exportAs() != null) {
                Map<String, JsonNode> withOutput = new LinkedHashMap<>(variables);
                withOutput.put("output", output);
                JsonNode context = Jq.evaluate(common.exportAs(), output, withOutput);
                validate(common.exportSchema(), context, common.reference(), "export");
                scope.context = context;
            }
            scope.stepFinished(slot, RunState.COMPLETED, null);
            return new Outcome(output, outcome.directive());
        } catch (ExpressionException e) {
            TaskError error = expressionError(common, e);
            scope.stepFinished(slot, RunState.FAILED, error.getMessage());
            throw error;
        } catch (TaskError e) {
            scope.stepFinished(slot, RunState.FAILED, e.getMessage());
            throw e;
        } catch (CanceledFailure e) {
            scope.stepFinished(slot, RunState.FAILED, "cancelled: " + e.getMessage());
            throw e;
        } catch (EndFlow e) {
            scope.stepFinished(slot, RunState.COMPLETED, null);
            throw e;
        }
    }

    private ObjectNode descriptor(Task task, JsonNode raw) {
        ObjectNode descriptor = JsonNodeFactory.instance.objectNode();
        descriptor.put("name", task.name());
        if (scope.version != RunScope.LEGACY) {
            descriptor.put("reference", task.common().reference());
            descriptor.set("input", raw);
            descriptor.set("startedAt", RunScope.dateTime());
        }
        return descriptor;
    }

    private static TaskError expressionError(CompiledDefinition.Common common, ExpressionException e) {
        return new TaskError(TaskError.EXPRESSION, 400, common.reference(), "expression failed", e.getMessage());
    }

    private Outcome execute(Task task, JsonNode input, Map<String, JsonNode> variables, Map<String, JsonNode> locals) {
        return switch (task) {
            case CompiledDefinition.SetTask set -> done(Jq.evaluate(set.set(), input, variables));
            case CompiledDefinition.DoTask d -> done(runList(d.tasks(), input, locals));
            case CompiledDefinition.SwitchTask s -> switchCase(s, input, variables);
            case CompiledDefinition.ForTask f -> done(forEach(f, input, variables, locals));
            case CompiledDefinition.ForkTask f -> done(fork(f, input, locals));
            case CompiledDefinition.TryTask t -> done(tries.run(t, input, locals));
            case CompiledDefinition.WaitTask w -> {
                scope.events.flush();
                Workflow.sleep(w.duration());
                yield done(input);
            }
            case CompiledDefinition.RaiseTask r -> throw TaskError.of(Jq.evaluate(r.error(), input, variables),
                    r.common().reference());
            default -> done(effects.execute(task, input, variables));
        };
    }

    private static Outcome done(JsonNode output) {
        return new Outcome(output, null);
    }

    private Outcome switchCase(CompiledDefinition.SwitchTask task, JsonNode input, Map<String, JsonNode> variables) {
        CompiledDefinition.SwitchCase fallback = null;
        for (CompiledDefinition.SwitchCase c : task.cases()) {
            if (c.when() == null) {
                fallback = c;
            } else if (truthy(Jq.evaluateExpression(c.when(), input, variables))) {
                return new Outcome(input, c.then());
            }
        }
        return new Outcome(input, fallback == null ? null : fallback.then());
    }

    /** Each iteration's output is the next one's input; the last one's is the task's output. */
    private JsonNode forEach(CompiledDefinition.ForTask task, JsonNode input, Map<String, JsonNode> variables,
                             Map<String, JsonNode> locals) {
        JsonNode items = Jq.evaluateExpression(task.in(), input, variables);
        if (items.isNull()) {
            return input;
        }
        if (!items.isArray()) {
            throw new TaskError(TaskError.EXPRESSION, 400, task.common().reference(), "for.in is not a list",
                    task.in() + " gave " + items.getNodeType() + "; it must give an array");
        }
        JsonNode current = input;
        for (int i = 0; i < items.size(); i++) {
            Map<String, JsonNode> iteration = new LinkedHashMap<>(locals);
            iteration.put(task.each(), items.get(i));
            iteration.put(task.at(), JsonNodeFactory.instance.numberNode(i));
            if (task.whileCondition() != null) {
                Map<String, JsonNode> whileVariables = new LinkedHashMap<>(variables);
                whileVariables.putAll(iteration);
                if (!truthy(Jq.evaluateExpression(task.whileCondition(), current, whileVariables))) {
                    break;
                }
            }
            current = runList(task.tasks(), current, iteration);
        }
        return current;
    }

    /**
     * Branches run concurrently (workflow coroutines). Without {@code compete} the output is every branch's output
     * in declaration order and the first failure fails the fork; with it, the first branch to complete wins and the
     * others are cancelled (a fork whose branches all fail raises the first branch's error).
     */
    private JsonNode fork(CompiledDefinition.ForkTask task, JsonNode input, Map<String, JsonNode> locals) {
        List<Promise<JsonNode>> branches = new ArrayList<>();
        CancellationScope branchScope = Workflow.newCancellationScope(() -> {
            for (int i = 0; i < task.branches().size(); i++) {
                Task branch = task.branches().get(i);
                int index = i;
                branches.add(Async.function(() -> runTask(branch, index, input, locals).output()));
            }
        });
        scope.events.flush();
        branchScope.run();
        if (!task.compete()) {
            ArrayNode outputs = JsonNodeFactory.instance.arrayNode();
            try {
                for (Promise<JsonNode> branch : branches) {
                    outputs.add(branch.get());
                }
            } catch (RuntimeException e) {
                branchScope.cancel();
                throw e;
            }
            return outputs;
        }
        Workflow.await(() -> branches.stream().anyMatch(p -> p.isCompleted() && p.getFailure() == null)
                || branches.stream().allMatch(Promise::isCompleted));
        for (Promise<JsonNode> branch : branches) {
            if (branch.isCompleted() && branch.getFailure() == null) {
                branchScope.cancel();
                return branch.get();
            }
        }
        return branches.getFirst().get(); // all failed: raises the first branch's error
    }

    /** Schema checks of the data flow raise validation errors (status 400). */
    static void validate(JsonNode schema, JsonNode value, String reference, String what) {
        if (schema == null) {
            return;
        }
        List<String> problems = ToolSchemas.validate(schema, value);
        if (!problems.isEmpty()) {
            throw new TaskError(TaskError.VALIDATION, 400, reference, "the " + what + " does not match its schema",
                    String.join("; ", problems));
        }
    }

    /** jq truthiness: everything but {@code false} and {@code null} is true. */
    static boolean truthy(JsonNode value) {
        return !(value == null || value.isNull() || value.isMissingNode() || (value.isBoolean() && !value.asBoolean()));
    }

    RunScope scope() {
        return scope;
    }
}
