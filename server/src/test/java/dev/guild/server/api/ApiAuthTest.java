package dev.guild.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guild.server.ApiClient;
import dev.guild.server.hooks.Deliveries;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer-token access to every API family (runs, events, approvals, schedules, workflows, artifacts) with the test
 * profile's token; the webhooks keep their signatures only; request ids in every error; JSON for unknown endpoints
 * and oversized bodies.
 */
@QuarkusTest
class ApiAuthTest {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String SHA = "0".repeat(64);

    /** One request of each API family: method, path, body (null: none). */
    record Call(String method, String path, String body) {
    }

    static final List<Call> FAMILIES = List.of(
            new Call("GET", "/api/runs/no-such-run", null),
            new Call("GET", "/api/runs/no-such-run/events", null),
            new Call("GET", "/api/runs/no-such-run/approvals", null),
            new Call("POST", "/api/runs/no-such-run/approvals/a1", "{\"decision\":\"approve\",\"hash\":\"sha256:x\"}"),
            new Call("GET", "/api/schedules", null),
            new Call("POST", "/api/schedules", "{}"),
            new Call("GET", "/api/workflows", null),
            new Call("POST", "/api/workflows", "{}"),
            new Call("GET", "/api/artifacts/" + SHA + "/a.txt", null));

    @TestHTTPResource("/")
    URL base;

    HttpResponse<String> send(Call call, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.toURI().resolve(call.path()))
                .header("Content-Type", "application/json").header("X-Guild-User", "ada")
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void every_api_family_refuses_a_request_without_a_token_and_answers_one_with_it() throws Exception {
        for (Call call : FAMILIES) {
            HttpResponse<String> without = send(call);
            assertThat(without.statusCode()).as("%s without a token: %s", call, without.body()).isEqualTo(401);
            JsonNode error = ApiClient.json(without);
            assertThat(error.get("error").asText()).isEqualTo("missing_token");
            assertThat(error.get("fix").asText()).contains("Authorization: Bearer <token>").contains("guild.api.tokens");
            assertThat(without.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"guild\"");

            HttpResponse<String> with = send(call, "Authorization", ApiClient.AUTHORIZATION);
            assertThat(with.statusCode()).as("%s with the token: %s", call, with.body()).isNotIn(401, 403);
        }
    }

    @Test
    void a_wrong_token_is_refused_without_echoing_it() throws Exception {
        String wrong = "x".repeat(40);
        HttpResponse<String> response = send(FAMILIES.getFirst(), "Authorization", "Bearer " + wrong);
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = ApiClient.json(response);
        assertThat(error.get("error").asText()).isEqualTo("invalid_token");
        assertThat(error.get("message").asText()).contains("40 characters").contains("1 configured token(s)")
                .doesNotContain(wrong);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"guild\", error=\"invalid_token\"");
        // a token that differs from the configured one in its last character only
        String near = ApiClient.TOKEN.substring(0, ApiClient.TOKEN.length() - 1) + "0";
        assertThat(send(FAMILIES.getFirst(), "Authorization", "Bearer " + near).statusCode()).isEqualTo(401);
    }

    @Test
    void a_malformed_authorization_header_is_refused_saying_what_form_is_expected() throws Exception {
        for (String header : List.of("Basic YWRhOnNlY3JldA==", "Bearer", "Bearer a b", ApiClient.TOKEN)) {
            HttpResponse<String> response = send(FAMILIES.getFirst(), "Authorization", header);
            assertThat(response.statusCode()).as(header).isEqualTo(401);
            JsonNode error = ApiClient.json(response);
            assertThat(error.get("error").asText()).as(header).isEqualTo("malformed_authorization");
            assertThat(error.get("fix").asText()).isEqualTo("Send exactly: Authorization: Bearer <token>");
        }
        assertThat(ApiClient.json(send(FAMILIES.getFirst(), "Authorization", "Basic YWRhOnNlY3JldA==")).get("message")
                .asText()).contains("starts with 'Basic'").doesNotContain("YWRh");
        assertThat(send(FAMILIES.getFirst(), "Authorization", "bearer " + ApiClient.TOKEN).statusCode())
                .as("the scheme is case-insensitive (RFC 7235)").isEqualTo(404);
    }

    @Test
    void spellings_of_an_api_path_do_not_get_past_the_token_check() throws Exception {
        for (String path : List.of("/api/workflows/", "/./api/workflows", "/%61pi/workflows", "/api/./workflows",
                "/hooks/../api/workflows", "/api//workflows", "//api/workflows", "/api/workflows;x=1")) {
            try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close"
                        + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(answer).as(path).doesNotStartWith("HTTP/1.1 200").doesNotContain("\"hash\"");
            }
        }
    }

    @Test
    void an_approver_identity_without_a_token_is_not_enough() throws Exception {
        Call approve = FAMILIES.get(3);
        HttpResponse<String> response = send(approve);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(ApiClient.json(response).get("error").asText()).isEqualTo("missing_token");
        assertThat(send(approve, "Authorization", ApiClient.AUTHORIZATION).statusCode()).isEqualTo(404);
    }

    @Test
    void webhooks_need_no_bearer_token_and_ignore_one() throws Exception {
        Deliveries deliveries = new Deliveries(base.toURI());
        HttpResponse<String> accepted = deliveries.send("hello", "msg_auth_" + System.nanoTime(), "{\"name\":\"Ada\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String runId = ApiClient.json(accepted).get("runId").asText();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/runs/" + runId);
        assertThat(accepted.headers().firstValue(RequestIds.HEADER)).isPresent();
    }

    @Test
    void errors_carry_the_request_id_given_or_assigned() throws Exception {
        HttpResponse<String> given = send(FAMILIES.getFirst(), "Authorization", ApiClient.AUTHORIZATION,
                "X-Request-Id", "req-42.a");
        assertThat(given.statusCode()).isEqualTo(404);
        assertThat(ApiClient.json(given).get("error").asText()).isEqualTo("unknown_run");
        assertThat(ApiClient.json(given).get("requestId").asText()).isEqualTo("req-42.a");
        assertThat(given.headers().firstValue(RequestIds.HEADER)).hasValue("req-42.a");

        HttpResponse<String> refused = send(FAMILIES.getFirst(), "X-Request-Id", "not a safe id");
        String assigned = ApiClient.json(refused).get("requestId").asText();
        assertThat(assigned).matches("[0-9a-f-]{36}");
        assertThat(refused.headers().firstValue(RequestIds.HEADER)).hasValue(assigned);

        HttpResponse<String> hook = new Deliveries(base.toURI()).send("no-such-trigger", "msg_x", "{}");
        assertThat(hook.statusCode()).isEqualTo(404);
        assertThat(ApiClient.json(hook).get("requestId").asText())
                .isEqualTo(hook.headers().firstValue(RequestIds.HEADER).orElseThrow());
    }

    @Test
    void an_unknown_api_path_or_method_answers_json_with_the_path() throws Exception {
        HttpResponse<String> unknown = send(new Call("GET", "/api/nothing-here", null),
                "Authorization", ApiClient.AUTHORIZATION);
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode error = ApiClient.json(unknown);
        assertThat(error.get("error").asText()).isEqualTo("not_found");
        assertThat(error.get("message").asText()).contains("GET /api/nothing-here");
        assertThat(error.get("requestId").asText()).isNotBlank();

        HttpResponse<String> wrongMethod = send(new Call("DELETE", "/api/workflows", null),
                "Authorization", ApiClient.AUTHORIZATION);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(ApiClient.json(wrongMethod).get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void a_declared_body_over_the_api_limit_is_refused_before_it_is_read() throws Exception {
        byte[] big = new byte[1024 * 1024 + 1];
        HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve("/api/workflows"))
                .header("Authorization", ApiClient.AUTHORIZATION).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode error = ApiClient.json(response);
        assertThat(error.get("error").asText()).isEqualTo("body_too_large");
        assertThat(error.get("message").asText()).contains("1048577 bytes").contains("at most 1048576");
        assertThat(error.get("fix").asText()).contains("guild.api.max-body-bytes");
    }
}
