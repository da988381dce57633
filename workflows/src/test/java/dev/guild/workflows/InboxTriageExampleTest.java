package dev.guild.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.workflows.testing.Examples;
import dev.guild.workflows.testing.ScriptedChatModel;
import dev.guild.workflows.testing.WorkflowTestBed;
import org.junit.jupiter.api.Test;

import static dev.guild.workflows.testing.ScriptedChatModel.answer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/inbox-triage.yaml end to end on Temporal's test server with a scripted model: a question is answered,
 * an urgent complaint is escalated with a CloudEvent, spam is dropped, and a classification that does not match the
 * output schema is sent back to the model to fix.
 */
class InboxTriageExampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RunTrigger TRIGGER = new RunTrigger("webhook", "inbox", "msg_1");

    private static JsonNode triage(WorkflowTestBed bed, String runId, String from, String subject, String body)
            throws Exception {
        String input = JSON.createObjectNode().put("from", from).put("subject", subject).put("body", body).toString();
        RunResult result = bed.newWorkflow(RunWorkflow.class, runId).run(Examples.load("inbox-triage", bed.tools)
                .runRequest(runId, TRIGGER, input));
        assertThat(result.error()).isNull();
        return JSON.readTree(result.output());
    }

    @Test
    void a_question_gets_an_answer() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.of(
                answer("{\"label\":\"question\",\"urgency\":\"low\",\"reason\":\"asks about opening hours\"}", 80, 20),
                answer("We are open from 9 to 5, Monday to Friday.", 90, 15));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            JsonNode output = triage(bed, "inbox-q", "ada@example.org", "Hours?", "When are you open?");

            assertThat(output).isEqualTo(JSON.readTree(
                    "{\"action\":\"answered\",\"reply\":\"We are open from 9 to 5, Monday to Friday.\"}"));
            assertThat(model.requests().get(1).messages().toString()).contains("Message from ada@example.org");
            assertThat(bed.bus.published()).isEmpty();
        }
    }

    @Test
    void an_urgent_complaint_is_escalated_with_an_event_after_the_model_fixes_its_classification() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.of(
                answer("{\"label\":\"complaint\",\"urgency\":\"critical\",\"reason\":\"charged twice\"}", 80, 20),
                answer("{\"label\":\"complaint\",\"urgency\":\"high\",\"reason\":\"charged twice\"}", 120, 20));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            JsonNode output = triage(bed, "inbox-c", "bo@example.org", "Refund!", "You charged me twice.");

            assertThat(output).isEqualTo(JSON.readTree("{\"action\":\"escalated\",\"reason\":\"charged twice\"}"));
            assertThat(model.calls()).isEqualTo(2);
            assertThat(model.requests().get(1).messages().toString()).contains("does not match the required output schema");
            assertThat(bed.bus.published()).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo("dev.guild.inbox.escalated");
                assertThat(event.subject()).isEqualTo("bo@example.org");
                assertThat(JSON.readTree(event.data()).get("subject").asText()).isEqualTo("Refund!");
            });
        }
    }

    @Test
    void spam_is_dropped_without_an_answer() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.of(
                answer("{\"label\":\"spam\",\"urgency\":\"low\",\"reason\":\"lottery win\"}", 80, 20));
        try (WorkflowTestBed bed = new WorkflowTestBed(model)) {
            JsonNode output = triage(bed, "inbox-s", "win@example.org", "You won", "Claim your prize");

            assertThat(output).isEqualTo(JSON.readTree("{\"action\":\"dropped\",\"reason\":\"lottery win\"}"));
            assertThat(model.calls()).isEqualTo(1);
        }
    }
}
