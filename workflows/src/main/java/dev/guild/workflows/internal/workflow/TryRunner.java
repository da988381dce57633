package dev.guild.workflows.internal.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.workflows.internal.definition.CompiledDefinition;
import dev.guild.workflows.internal.definition.RetryPolicy;
import dev.guild.workflows.internal.expr.Jq;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * {@code try}/{@code catch} (workflow code only). An error is caught when it matches {@code catch.errors.with}
 * (every field given equal), {@code catch.when} is true and {@code catch.exceptWhen} is not (both see the error as
 * {@code .} and as {@code $<as>}). A caught error is retried per {@code catch.retry} (the whole {@code try} block
 * again, after a durable timer); when the policy gives up, {@code catch.do} handles it, or, without {@code do}, the
 * error propagates. Without a retry policy a caught error runs {@code catch.do}, or is swallowed (the output is the
 * try's input).
 */
final class TryRunner {

    private final Interpreter interpreter;
    private Random random;

    TryRunner(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    JsonNode run(CompiledDefinition.TryTask task, JsonNode input, Map<String, JsonNode> locals) {
        CompiledDefinition.Catch handler = task.handler();
        long started = Workflow.currentTimeMillis();
        int retries = 0;
        while (true) {
            try {
                return interpreter.runList(task.tasks(), input, locals);
            } catch (TaskError e) {
                ObjectNode error = e.error();
                Map<String, JsonNode> withError = new LinkedHashMap<>(locals);
                withError.put(handler.as(), error);
                Map<String, JsonNode> variables = interpreter.scope().variables(input,
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("name", task.name()), withError);
                if (!caught(handler, error, variables)) {
                    throw e;
                }
                RetryPolicy retry = handler.retry();
                if (retry != null) {
                    Duration delay = nextDelay(retry, retries, started, error, variables);
                    if (delay != null) {
                        retries++;
                        interpreter.scope().events.flush();
                        Workflow.sleep(delay);
                        continue;
                    }
                    if (handler.tasks().isEmpty()) {
                        throw e;
                    }
                }
                return handler.tasks().isEmpty() ? input : interpreter.runList(handler.tasks(), input, withError);
            }
        }
    }

    private static boolean caught(CompiledDefinition.Catch handler, ObjectNode error, Map<String, JsonNode> variables) {
        for (Map.Entry<String, JsonNode> field : handler.with().entrySet()) {
            JsonNode expected = field.getValue();
            JsonNode actual = error.get(field.getKey());
            if (actual == null || !(expected.isNumber() ? actual.isNumber() && actual.asInt() == expected.asInt()
                    : actual.asText().equals(expected.asText()))) {
                return false;
            }
        }
        return (handler.when() == null || Interpreter.truthy(Jq.evaluateExpression(handler.when(), error, variables)))
                && (handler.exceptWhen() == null
                || !Interpreter.truthy(Jq.evaluateExpression(handler.exceptWhen(), error, variables)));
    }

    /** The delay before the next retry, or null when the policy gives up. */
    private Duration nextDelay(RetryPolicy policy, int retries, long started, ObjectNode error,
                               Map<String, JsonNode> variables) {
        if (policy.when() != null && !Interpreter.truthy(Jq.evaluateExpression(policy.when(), error, variables))) {
            return null;
        }
        if (policy.exceptWhen() != null && Interpreter.truthy(Jq.evaluateExpression(policy.exceptWhen(), error, variables))) {
            return null;
        }
        if (policy.maxRetries() >= 0 && retries >= policy.maxRetries()) {
            return null;
        }
        double draw = 0;
        if (policy.jitterTo() != null) {
            if (random == null) {
                random = Workflow.newRandom();
            }
            draw = random.nextDouble();
        }
        Duration delay = policy.delayBefore(retries + 1, draw);
        if (policy.limitDuration() != null
                && Workflow.currentTimeMillis() + delay.toMillis() - started > policy.limitDuration().toMillis()) {
            return null;
        }
        return delay;
    }
}
