package dev.guild.server.embedded;

import dev.guild.server.embedded.internal.EmbeddedTemporal;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded server serves one state both in-process (this JVM's worker and client) and on its port (others). */
class EmbeddedTemporalChannelsTest {

    @Test
    void a_workflow_run_over_the_in_process_channel_is_visible_on_the_port() {
        try (EmbeddedTemporal server = EmbeddedTemporal.start(0)) {
            TemporalEndpoint endpoint = new TemporalEndpoint(server.target(), "default", true, TemporalEndpoint.Tls.NONE);
            WorkflowServiceStubs inProcess = TemporalClients.serviceStubs(endpoint, Optional.of(server.channel()));
            WorkflowServiceStubs network = TemporalClients.serviceStubs(endpoint, Optional.empty());
            try {
                assertThat(inProcess.getOptions().getChannel()).isSameAs(server.channel());
                String answer = ServiceProbes.runProbeWorkflow(WorkflowClient.newInstance(inProcess,
                        WorkflowClientOptions.newBuilder().setNamespace("default").build()), "in-process-probe");
                assertThat(answer).contains("guild");

                var described = network.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest
                        .newBuilder().setNamespace("default")
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("in-process-probe")).build());
                assertThat(described.getWorkflowExecutionInfo().getStatus().name()).isEqualTo("WORKFLOW_EXECUTION_STATUS_COMPLETED");
            } finally {
                inProcess.shutdownNow();
                network.shutdownNow();
            }
            assertThat(server.channel().isShutdown()).as("the stubs do not own the in-process channel").isFalse();
        }
    }
}
