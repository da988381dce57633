package dev.guild.server.embedded;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A trivial workflow that proves a Temporal server runs workflows end to end. */
@WorkflowInterface
public interface ProbeWorkflow {

    @WorkflowMethod(name = "guild.test.probe")
    String echo(String text);

    final class Impl implements ProbeWorkflow {
        @Override
        public String echo(String text) {
            return "echo:" + text;
        }
    }
}
