package dev.guild.workflows.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.workflows.RunEvent;
import dev.guild.workflows.RunEventTypes;
import dev.guild.workflows.RunRequest;
import dev.guild.workflows.RunResult;
import dev.guild.workflows.RunState;
import dev.guild.workflows.RunStatus;
import dev.guild.workflows.RunWorkflow;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.workflows.testing.Fixtures;
import dev.guild.workflows.testing.Histories;
import dev.guild.workflows.testing.ScriptedChatModel;
import dev.guild.workflows.testing.WorkflowTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control tasks and the data flow of Guild's Serverless Workflow profile on Temporal's test server (time skips
 * over timers): {@code do}, {@code set}, {@code switch}, {@code for}, {@code fork}, {@code try}/{@code catch} with
 * retries, {@code wait}, {@code raise}, {@code input}/{@code output}/{@code export}. Runs the fixtures under
 * {@code fixtures/valid}; with {@code -Dguild.recordHistories=true} it saves their histories for {@code ReplayTest}.
 */
class ControlTasksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WorkflowTestBed bed;

    @BeforeAll
    static void start() {
        bed = new WorkflowTestBed(ScriptedChatModel.of());
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    static RunResult run(WorkflowTestBed bed, RunRequest request) {
        return bed.newWorkflow(RunWorkflow.class, request.runId()).run(request);
    }

    private static JsonNode output(RunResult result) throws Exception {
        assertThat(result.error()).isNull();
        assertThat(result.state()).isEqualTo(RunState.COMPLETED);
        return JSON.readTree(result.output());
    }

    private static JsonNode failure(String runId) throws Exception {
        RunEvent failed = bed.events.events(runId).getLast();
        assertThat(failed.type()).isEqualTo(RunEventTypes.RUN_FAILED);
        return JSON.readTree(failed.data()).get("failure");
    }

    /** Workflow time between the start of the first step called {@code first} and the end of the last one called {@code last}. */
    private static Duration between(String runId, String first, String last) {
        RunStatus status = bed.client().newWorkflowStub(RunWorkflow.class, runId).status();
        String start = status.steps().stream().filter(s -> s.name().equals(first)).findFirst().orElseThrow().startedAt();
        String end = status.steps().stream().filter(s -> s.name().equals(last)).reduce((a, b) -> b).orElseThrow().completedAt();
        return Duration.between(java.time.Instant.parse(start), java.time.Instant.parse(end));
    }

    @Test
    void data_flow_transforms_input_output_and_context_in_the_specified_order() throws Exception {
        RunResult result = run(bed, Fixtures.request(bed, "data-flow", "flow-1",
                "{\"order\":{\"customer\":\"ada\",\"items\":[{\"price\":600},{\"price\":700}]}}"));

        JsonNode output = output(result);
        assertThat(output.get("total").asDouble()).isEqualTo(1170.0);
        assertThat(output.get("customer").asText()).isEqualTo("ada");
        assertThat(output.get("skipped").asBoolean()).isTrue();
        Histories.record(bed, "flow-1", "profile-data-flow.json");

        RunResult cheap = run(bed, Fixtures.request(bed, "data-flow", "flow-2",
                "{\"order\":{\"customer\":\"bo\",\"items\":[{\"price\":6},{\"price\":7}]}}"));
        assertThat(output(cheap).get("total").asInt()).isEqualTo(13);
        RunStatus status = bed.client().newWorkflowStub(RunWorkflow.class, "flow-2").status();
        assertThat(status.steps()).extracting(RunStatus.Step::name).containsExactly("remember", "price", "mark");
    }

    @Test
    void a_task_input_that_fails_its_schema_raises_a_validation_error() throws Exception {
        String text = """
                document: {dsl: '1.0.0', namespace: test, name: checked, version: '1.0.0'}
                do:
                  - check:
                      input:
                        schema:
                          format: json
                          document: {type: object, required: [id]}
                      set: {ok: true}
                """;
        RunRequest request = DefinitionRepository.parse("checked.yaml", text, bed.tools)
                .runRequest("checked-1", Fixtures.TRIGGER, "{\"name\":\"x\"}");

        RunResult result = run(bed, request);

        assertThat(result.state()).isEqualTo(RunState.FAILED);
        assertThat(result.error()).contains("task 'check' failed").contains("input does not match its schema").contains("id");
        JsonNode failure = failure("checked-1");
        assertThat(failure.get("type").asText()).isEqualTo("https://serverlessworkflow.io/spec/1.0.0/errors/validation");
        assertThat(failure.get("status").asInt()).isEqualTo(400);
        assertThat(failure.get("instance").asText()).isEqualTo("/do/0/check");
    }

    @Test
    void switch_routes_to_the_first_matching_case_or_the_default() throws Exception {
        assertThat(output(run(bed, Fixtures.request(bed, "switch-route", "switch-high",
                "{\"priority\":\"high\",\"subject\":\"down\"}"))))
                .isEqualTo(JSON.readTree("{\"action\":\"escalate\",\"subject\":\"down\"}"));
        assertThat(output(run(bed, Fixtures.request(bed, "switch-route", "switch-spam",
                "{\"spam\":true,\"subject\":\"win\"}"))))
                .isEqualTo(JSON.readTree("{\"spam\":true,\"subject\":\"win\"}"));
        assertThat(output(run(bed, Fixtures.request(bed, "switch-route", "switch-low",
                "{\"priority\":\"low\",\"subject\":\"hi\"}"))))
                .isEqualTo(JSON.readTree("{\"action\":\"answer\",\"subject\":\"hi\"}"));
        Histories.record(bed, "switch-high", "profile-switch.json");
    }

    @Test
    void for_iterates_with_item_and_index_until_while_is_false() throws Exception {
        JsonNode output = output(run(bed, Fixtures.request(bed, "for-loop", "for-1", "{\"items\":[10,50,60,5]}")));

        assertThat(output.get("sum").asInt()).isEqualTo(120);
        assertThat(output.get("seen")).isEqualTo(JSON.readTree("[0,1,2]"));
        Histories.record(bed, "for-1", "profile-for.json");
    }

    @Test
    void fork_joins_every_branch_in_declaration_order() throws Exception {
        JsonNode output = output(run(bed, Fixtures.request(bed, "fork-join", "fork-1", "{\"topic\":\"tea\"}")));

        assertThat(output.get(0)).isEqualTo(JSON.readTree("{\"branch\":\"slow\"}"));
        assertThat(output.get(1).has("noteId")).isTrue();
        assertThat(output.get(2)).isEqualTo(JSON.readTree("{\"branch\":\"quick\"}"));
        assertThat(bed.notes.effects()).contains("note for tea");
        assertThat(between("fork-1", "gather", "gather")).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));
        Histories.record(bed, "fork-1", "profile-fork.json");
    }

    @Test
    void fork_with_compete_takes_the_first_branch_and_cancels_the_others() throws Exception {
        JsonNode output = output(run(bed, Fixtures.request(bed, "fork-compete", "compete-1", "{}")));

        assertThat(output).isEqualTo(JSON.readTree("{\"winner\":\"hare\"}"));
        assertThat(between("compete-1", "race", "race")).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(2));
        RunStatus status = bed.client().newWorkflowStub(RunWorkflow.class, "compete-1").status();
        assertThat(status.steps()).filteredOn(s -> s.name().equals("tortoise")).singleElement()
                .satisfies(s -> assertThat(s.error()).startsWith("cancelled"));
        Histories.record(bed, "compete-1", "profile-fork-compete.json");
    }

    @Test
    void try_retries_the_block_with_exponential_backoff_until_it_succeeds() throws Exception {
        JsonNode output = output(run(bed, Fixtures.request(bed, "try-retry", "retry-1", "{\"key\":\"r1\",\"failures\":3}")));

        assertThat(output.get("attempt").asInt()).isEqualTo(4);
        assertThat(bed.flaky.attempts("r1")).isEqualTo(4);
        assertThat(between("retry-1", "call", "call")).as("10 s + 20 s + 40 s plus up to 1 s jitter each")
                .isBetween(Duration.ofSeconds(70), Duration.ofSeconds(74));
        Histories.record(bed, "retry-1", "profile-try-retry.json");
    }

    @Test
    void try_gives_up_after_the_retry_limit_and_the_error_fails_the_run() throws Exception {
        RunResult result = run(bed, Fixtures.request(bed, "try-retry", "retry-2", "{\"key\":\"r2\",\"failures\":100}"));

        assertThat(result.state()).isEqualTo(RunState.FAILED);
        assertThat(bed.flaky.attempts("r2")).as("first attempt + 5 retries").isEqualTo(6);
        assertThat(result.error()).contains("tool 'flaky' returned an error").contains("attempt 6 of r2");
        assertThat(failure("retry-2").get("type").asText()).endsWith("/errors/runtime");
    }

    @Test
    void catch_matches_the_raised_error_and_runs_its_do_with_the_error_bound() throws Exception {
        assertThat(output(run(bed, Fixtures.request(bed, "try-catch", "catch-found", "{\"id\":5}"))))
                .isEqualTo(JSON.readTree("{\"found\":5}"));
        assertThat(output(run(bed, Fixtures.request(bed, "try-catch", "catch-missing", "{\"id\":500}"))))
                .isEqualTo(JSON.readTree("{\"found\":null,\"reason\":\"Not found\",\"instance\":\"/do/0/lookup/try/1/fail\"}"));
        Histories.record(bed, "catch-missing", "profile-try-catch.json");
    }

    @Test
    void wait_is_a_durable_timer() throws Exception {
        JsonNode output = output(run(bed, Fixtures.request(bed, "wait-timer", "wait-1", "{}")));

        assertThat(output.get("resumedAt").asLong() - output.get("startedAt").asLong())
                .isGreaterThanOrEqualTo(Duration.ofDays(3).toSeconds());
        Histories.record(bed, "wait-1", "profile-wait.json");
    }

    @Test
    void raise_fails_the_run_with_the_error_object() throws Exception {
        RunResult result = run(bed, Fixtures.request(bed, "raise-error", "raise-1", "{\"amount\":5000}"));

        assertThat(result.state()).isEqualTo(RunState.FAILED);
        assertThat(result.error()).isEqualTo("task 'refuse' failed: Refused: amount 5000 is above the limit");
        JsonNode failure = failure("raise-1");
        assertThat(failure).isEqualTo(JSON.readTree("{\"type\":\"https://example.org/errors/refused\",\"status\":403,"
                + "\"instance\":\"/do/0/refuse\",\"title\":\"Refused\",\"detail\":\"amount 5000 is above the limit\"}"));
        Histories.record(bed, "raise-1", "profile-raise.json");
    }

    @Test
    void do_lists_follow_then_directives() throws Exception {
        JsonNode output = output(run(bed, Fixtures.request(bed, "do-flow", "do-1", "{}")));

        assertThat(output.get("trail")).isEqualTo(JSON.readTree("[\"first\",\"third\",\"after\"]"));
        Histories.record(bed, "do-1", "profile-do.json");
    }
}
