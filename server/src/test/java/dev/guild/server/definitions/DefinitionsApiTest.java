package dev.guild.server.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.server.ApiClient;
import dev.guild.workflows.definition.WorkflowDefinition;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpResponse;

import static dev.guild.server.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** POST/GET /api/workflows against the real PostgreSQL: versions, idempotence, every kind of bad input. */
@QuarkusTest
class DefinitionsApiTest {

    static final String YAML = """
            document: {dsl: '1.0.0', namespace: test, name: ops-defs, version: '1.0.0'}
            do:
              - greet:
                  set: {greeting: hello}
            """;

    @TestHTTPResource("/")
    URL base;
    ApiClient api;

    @BeforeEach
    void client() throws Exception {
        api = new ApiClient(base.toURI());
    }

    @Test
    void a_new_version_is_created_once_and_listed() throws Exception {
        HttpResponse<String> created = api.post("/api/workflows", "application/yaml", YAML);
        HttpResponse<String> again = api.post("/api/workflows", "application/yaml", YAML);
        String hash = WorkflowDefinition.hashOf(YAML);

        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        assertThat(again.statusCode()).as("identical content is idempotent").isEqualTo(200);
        assertThat(json(again).path("created").asBoolean()).isFalse();
        assertThat(json(again).at("/version/hash").asText()).isEqualTo(hash);
        assertThat(again.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/workflows/ops-defs/versions/" + hash));

        String second = YAML.replace("hello", "hi").replace("1.0.0'}", "1.1.0'}");
        HttpResponse<String> newer = api.post("/api/workflows", "application/yaml", second);
        assertThat(newer.statusCode()).isEqualTo(201);
        assertThat(json(newer).path("created").asBoolean()).isTrue();

        JsonNode versions = json(api.get("/api/workflows/ops-defs/versions"));
        assertThat(versions).extracting(v -> v.get("hash").asText())
                .containsExactly(WorkflowDefinition.hashOf(second), hash);
        JsonNode one = json(api.get("/api/workflows/ops-defs/versions/" + hash));
        assertThat(one.get("definition").asText()).isEqualTo(YAML);
        assertThat(one.get("origin").asText()).isEqualTo("api");
        JsonNode all = json(api.get("/api/workflows"));
        assertThat(all).anySatisfy(v -> {
            assertThat(v.get("name").asText()).isEqualTo("ops-defs");
            assertThat(v.get("hash").asText()).isEqualTo(WorkflowDefinition.hashOf(second));
        });
        assertThat(all).as("directory definitions are versions too").anySatisfy(v -> {
            assertThat(v.get("name").asText()).isEqualTo("hello");
            assertThat(v.get("origin").asText()).isEqualTo("directory");
        });
    }

    @Test
    void json_bodies_are_accepted() throws Exception {
        String json = "{\"document\":{\"dsl\":\"1.0.0\",\"namespace\":\"test\",\"name\":\"ops-json\",\"version\":\"1.0.0\"},"
                + "\"do\":[{\"one\":{\"set\":{\"a\":1}}}]}";
        HttpResponse<String> response = api.post("/api/workflows", "application/json; charset=utf-8", json);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        assertThat(json(response).at("/version/name").asText()).isEqualTo("ops-json");
    }

    @Test
    void an_invalid_definition_gets_every_problem_with_path_and_line() throws Exception {
        String bad = """
                document: {dsl: '1.0.0', namespace: test, name: ops-bad, version: '1.0.0'}
                do:
                  - one:
                      call: teleport
                  - two:
                      call: render_template
                      with: {template: x, values: {}}
                      metadata:
                        approval: {onTimeout: later}
                """;
        HttpResponse<String> response = api.post("/api/workflows", "text/yaml", bad);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo("invalid_definition");
        assertThat(body.get("problems")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(body.get("problems")).anySatisfy(p -> {
            assertThat(p.get("path").asText()).isEqualTo("/do/1/two/metadata/approval/onTimeout");
            assertThat(p.get("message").asText()).contains("later");
        });
        assertThat(body.get("problems")).anySatisfy(p -> {
            assertThat(p.get("path").asText()).isEqualTo("/do/0/one/call");
            assertThat(p.get("line").asInt()).isEqualTo(4);
            assertThat(p.get("message").asText()).contains("unknown tool 'teleport'");
        });
        assertThat(api.get("/api/workflows/ops-bad/versions").statusCode()).isEqualTo(404);
    }

    @Test
    void bad_requests_get_clear_errors() throws Exception {
        HttpResponse<String> malformed = api.post("/api/workflows", "application/json", "{\"document\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("error").asText()).isEqualTo("malformed_json");
        assertThat(json(malformed).get("message").asText()).contains("line 1");

        HttpResponse<String> wrongType = api.post("/api/workflows", "text/plain", YAML);
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(json(wrongType).get("message").asText()).contains("text/plain");

        HttpResponse<String> empty = api.post("/api/workflows", "application/yaml", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).get("error").asText()).isEqualTo("empty_body");

        HttpResponse<String> huge = api.post("/api/workflows", "application/yaml", YAML + "#" + "x".repeat(300 * 1024));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(json(huge).get("message").asText()).contains("262144");

        HttpResponse<String> latin1 = api.post("/api/workflows", "application/yaml", new byte[]{'a', (byte) 0xE9, 'b'});
        assertThat(latin1.statusCode()).isEqualTo(400);
        assertThat(json(latin1).get("error").asText()).isEqualTo("not_utf8");

        HttpResponse<String> unknown = api.get("/api/workflows/no-such-flow/versions/sha256:00");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("unknown_workflow");
        HttpResponse<String> unknownVersion = api.get("/api/workflows/hello/versions/sha256:00");
        assertThat(unknownVersion.statusCode()).isEqualTo(404);
        assertThat(json(unknownVersion).get("error").asText()).isEqualTo("unknown_version");
    }
}
