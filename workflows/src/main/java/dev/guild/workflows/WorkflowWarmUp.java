package dev.guild.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.guild.tools.ToolSchemas;
import dev.guild.workflows.approval.ApprovalHash;
import dev.guild.workflows.schedule.ScheduleSpec;
import dev.guild.workflows.internal.definition.DefinitionCompiler;
import dev.guild.workflows.internal.expr.Jq;

import java.util.Map;

/** Touches, once per JVM, the libraries workflow code uses; see {@link GuildWorkers#warmUp()}. */
final class WorkflowWarmUp {

    private static volatile boolean done;

    static void run() {
        if (done) {
            return;
        }
        synchronized (WorkflowWarmUp.class) {
            if (done) {
                return;
            }
            JsonNode input = JsonNodeFactory.instance.objectNode().put("name", "warm-up");
            Jq.evaluateExpression("${ {greeting: (\"Hello, \" + .name)} }", input, Map.of());
            JsonNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
            ToolSchemas.validate(schema, input);
            DefinitionCompiler.compile("""
                    document: {dsl: '1.0.0', namespace: warm, name: up, version: '1.0.0'}
                    do:
                      - a: {set: {b: 1}}
                    """);
            // the scheduler's cron parser and the approval hash (their first use loads many classes)
            new ScheduleSpec("warm-up", "up", "0 7 * * 1-5", 0, ScheduleSpec.SKIP, 60, "{}").nextAfter(0);
            ApprovalHash.of("warm_up", "{\"b\": [1, {\"a\": 2}]}");
            done = true;
        }
    }

    private WorkflowWarmUp() {
    }
}
