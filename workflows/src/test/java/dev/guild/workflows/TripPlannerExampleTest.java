package dev.guild.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.tools.ToolCall;
import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolResult;
import dev.guild.workflows.approval.ApprovalDecision;
import dev.guild.workflows.approval.ApprovalHash;
import dev.guild.workflows.approval.ApprovalView;
import dev.guild.workflows.approval.Approvals;
import dev.guild.workflows.testing.Examples;
import dev.guild.workflows.testing.ScriptedChatModel;
import dev.guild.workflows.testing.WorkflowTestBed;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static dev.guild.workflows.testing.ScriptedChatModel.answer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/trip-planner.yaml end to end on Temporal's test server with a scripted model and the real tools: the
 * knowledge base (two documents ingested first), create_slides and the booking tools on an embedded PostgreSQL with
 * the example catalog. Approved: a confirmed booking with its iCalendar invite and the deck; rejected: no booking.
 */
class TripPlannerExampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRAVELLER = "ada@example.org";
    private static final String INPUT = "{\"destination\":\"Munich\",\"traveller\":\"" + TRAVELLER + "\","
            + "\"resourceId\":\"munich-hotel-double\",\"start\":\"2026-12-01\",\"end\":\"2026-12-03\",\"attendees\":1}";
    private static final String OUTLINE = "{\"title\":\"Munich in December\",\"slides\":["
            + "{\"title\":\"Getting around\",\"bullets\":[\"The U-Bahn runs every five minutes\",\"Day tickets save money\"]},"
            + "{\"title\":\"Sights\",\"bullets\":[\"Christmas market on Marienplatz\",\"The English Garden\"]}]}";

    @TempDir
    Path dir;

    private ToolEnvironment environment;
    private ToolRegistry tools;
    private ScriptedChatModel model;

    @BeforeEach
    void ingest() throws IOException {
        environment = Examples.environment(dir);
        tools = ToolRegistry.load(getClass().getClassLoader(), environment);
        ingest("guide:munich-transport", "# Munich transport\n\nThe U-Bahn in Munich runs every five minutes in the"
                + " day. A day ticket for the inner zone costs less than three single tickets.");
        ingest("guide:munich-sights", "# Munich sights\n\nIn December the Christmas market fills Marienplatz. The"
                + " English Garden is larger than Central Park.");
        model = ScriptedChatModel.of(answer(OUTLINE, 400, 120));
    }

    private void ingest(String sourceId, String markdown) throws IOException {
        String args = JSON.createObjectNode().put("content", markdown).put("sourceId", sourceId)
                .put("contentType", "text/markdown").toString();
        ToolResult result = tools.invoke(new ToolCall("ingest_document", "setup/" + sourceId, JSON.readTree(args)));
        assertThat(result.ok()).as(result.error()).isTrue();
    }

    private static WorkflowStub start(WorkflowTestBed bed, String runId) {
        RunRequest request = Examples.load("trip-planner", bed.tools)
                .runRequest(runId, new RunTrigger("api", "trips", runId), INPUT);
        RunWorkflow workflow = bed.newWorkflow(RunWorkflow.class, runId);
        WorkflowClient.start(workflow::run, request);
        return WorkflowStub.fromTyped(workflow);
    }

    private static ApprovalView awaitPending(WorkflowStub stub) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ApprovalView view : stub.query(Approvals.LIST, ApprovalView[].class)) {
                if (view.pending()) {
                    return view;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no pending approval within 30 s");
    }

    private JsonNode bookings() throws IOException {
        ToolResult result = tools.invoke(new ToolCall("list_bookings", "check/" + System.nanoTime(),
                JSON.readTree("{\"principal\":\"" + TRAVELLER + "\"}")));
        assertThat(result.ok()).as(result.error()).isTrue();
        return result.output().get("bookings");
    }

    private String artifactText(String uri) throws IOException {
        try (InputStream in = environment.artifacts().open(uri)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void an_approved_trip_is_researched_presented_booked_and_confirmed_with_an_invite() throws Exception {
        try (WorkflowTestBed bed = new WorkflowTestBed(model, tools)) {
            WorkflowStub stub = start(bed, "trip-approve");
            ApprovalView pending = awaitPending(stub);

            assertThat(pending.tool()).isEqualTo("hold_booking");
            JsonNode held = JSON.readTree(pending.arguments());
            assertThat(held.get("resourceId").asText()).isEqualTo("munich-hotel-double");
            assertThat(held.get("principal").asText()).isEqualTo(TRAVELLER);
            assertThat(pending.hash()).isEqualTo(ApprovalHash.of("hold_booking", pending.arguments()));
            assertThat(bookings()).as("nothing is reserved before the decision").isEmpty();

            stub.update(Approvals.DECIDE, ApprovalView.class, new ApprovalDecision(pending.approvalId(),
                    ApprovalDecision.APPROVE, pending.hash(), "have a good trip", "bob@example.org"));
            RunResult result = stub.getResult(RunResult.class);

            assertThat(result.error()).isNull();
            JsonNode output = JSON.readTree(result.output());
            assertThat(output.get("booked").asBoolean()).isTrue();
            assertThat(output.at("/booking/status").asText()).isEqualTo("confirmed");
            assertThat(output.at("/booking/resourceId").asText()).isEqualTo("munich-hotel-double");
            String invite = output.get("invite").asText();
            assertThat(invite).matches("artifact://[0-9a-f]{64}/booking-.+\\.ics");
            assertThat(artifactText(invite)).contains("BEGIN:VCALENDAR").contains("Trip to Munich");
            String deck = output.get("deck").asText();
            assertThat(deck).matches("artifact://[0-9a-f]{64}/.+\\.pptx");
            assertThat(environment.artifacts().get(deck)).isPresent();
            assertThat(output.get("slideCount").asInt()).isGreaterThanOrEqualTo(3); // title slide + two
            assertThat(bookings()).singleElement().satisfies(b -> assertThat(b.get("status").asText()).isEqualTo("confirmed"));
            assertThat(model.requests().getFirst().messages().toString())
                    .as("the writer saw the knowledge base's passages").contains("U-Bahn").contains("Marienplatz");
        }
    }

    @Test
    void a_rejected_trip_makes_no_booking() throws Exception {
        try (WorkflowTestBed bed = new WorkflowTestBed(model, tools)) {
            WorkflowStub stub = start(bed, "trip-reject");
            ApprovalView pending = awaitPending(stub);

            stub.update(Approvals.DECIDE, ApprovalView.class, new ApprovalDecision(pending.approvalId(),
                    ApprovalDecision.REJECT, pending.hash(), "too expensive", "bob@example.org"));
            RunResult result = stub.getResult(RunResult.class);

            assertThat(result.error()).isNull();
            JsonNode output = JSON.readTree(result.output());
            assertThat(output.get("booked").asBoolean()).isFalse();
            assertThat(output.get("decidedBy").asText()).isEqualTo("bob@example.org");
            assertThat(output.get("comment").asText()).isEqualTo("too expensive");
            assertThat(output.get("deck").asText()).endsWith(".pptx");
            assertThat(bookings()).isEmpty();
        }
    }
}
