package dev.guild.server.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.server.ApiClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpResponse;

import static dev.guild.server.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The schedules API on the whole platform: create, list, pause, resume, definition schedules, bad input. */
@QuarkusTest
class SchedulesApiTest {

    @TestHTTPResource("/")
    URL base;
    ApiClient api;

    @BeforeEach
    void client() throws Exception {
        api = new ApiClient(base.toURI());
    }

    @Test
    void a_schedule_is_created_listed_paused_and_resumed() throws Exception {
        String body = "{\"id\":\"ops-hourly\",\"workflow\":\"hello\",\"every\":\"PT1H\",\"overlap\":\"buffer_one\","
                + "\"catchupWindow\":\"PT5M\",\"input\":{\"name\":\"Ada\"}}";
        HttpResponse<String> created = api.post("/api/schedules", "application/json", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode schedule = json(created);
        assertThat(schedule.get("origin").asText()).isEqualTo("api");
        assertThat(schedule.at("/state/spec/overlap").asText()).isEqualTo("buffer_one");
        assertThat(schedule.at("/state/spec/catchupWindowSeconds").asLong()).isEqualTo(300);
        assertThat(schedule.at("/state/paused").asBoolean()).isFalse();
        assertThat(schedule.at("/state/nextFireAt").asText()).isNotBlank();

        HttpResponse<String> again = api.post("/api/schedules", "application/json", body);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").asText()).isEqualTo("schedule_exists");

        assertThat(json(api.get("/api/schedules"))).anySatisfy(s -> assertThat(s.get("id").asText()).isEqualTo("ops-hourly"));
        HttpResponse<String> paused = api.post("/api/schedules/ops-hourly/pause", null, "", "X-Guild-User", "ada");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(json(paused).get("paused").asBoolean()).isTrue();
        assertThat(json(api.get("/api/schedules/ops-hourly")).at("/state/paused").asBoolean()).isTrue();
        HttpResponse<String> resumed = api.post("/api/schedules/ops-hourly/resume", null, "");
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(json(resumed).get("paused").asBoolean()).isFalse();
        assertThat(json(resumed).get("recent").toString()).contains("paused by ada").contains("resumed by api");
    }

    @Test
    void a_definition_with_a_schedule_registers_it() throws Exception {
        String definition = """
                document:
                  dsl: '1.0.0'
                  namespace: test
                  name: ops-nightly
                  version: '1.0.0'
                  metadata:
                    schedule: {overlap: skip}
                schedule:
                  cron: '0 2 * * *'
                do:
                  - one:
                      set: {a: 1}
                """;
        HttpResponse<String> posted = api.post("/api/workflows", "application/yaml", definition);
        assertThat(posted.statusCode()).as(posted.body()).isIn(200, 201);

        JsonNode schedule = json(api.get("/api/schedules/ops-nightly"));
        assertThat(schedule.get("origin").asText()).isEqualTo("definition");
        assertThat(schedule.at("/state/spec/cron").asText()).isEqualTo("0 2 * * *");
        assertThat(schedule.at("/state/nextFireAt").asText()).endsWith("T02:00:00Z");
    }

    @Test
    void bad_schedules_get_clear_errors() throws Exception {
        HttpResponse<String> invalid = api.post("/api/schedules", "application/json",
                "{\"id\":\"Bad Id\",\"workflow\":\"nope\",\"cron\":\"99 * * * *\",\"overlap\":\"twice\",\"color\":1}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode problems = json(invalid).get("problems");
        assertThat(problems.toString()).contains("'Bad Id'").contains("'99 * * * *'").contains("'twice'")
                .contains("unknown field 'color'").contains("workflow 'nope' is not stored");

        HttpResponse<String> malformed = api.post("/api/schedules", "application/json", "{\"id\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("error").asText()).isEqualTo("malformed_json");
        HttpResponse<String> text = api.post("/api/schedules", "text/plain", "{}");
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> huge = api.post("/api/schedules", "application/json",
                "{\"input\":{\"x\":\"" + "y".repeat(20_000) + "\"}}");
        assertThat(huge.statusCode()).isEqualTo(413);
        HttpResponse<String> badEvery = api.post("/api/schedules", "application/json",
                "{\"id\":\"ops-x\",\"workflow\":\"hello\",\"every\":\"often\"}");
        assertThat(badEvery.statusCode()).isEqualTo(400);
        assertThat(badEvery.body()).contains("\\\"often\\\"").doesNotContain("exactly one of cron");

        assertThat(api.post("/api/schedules/no-such/pause", null, "").statusCode()).isEqualTo(404);
        assertThat(api.post("/api/schedules/no-such/resume", null, "").statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = api.get("/api/schedules/no-such");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("unknown_schedule");
    }
}
