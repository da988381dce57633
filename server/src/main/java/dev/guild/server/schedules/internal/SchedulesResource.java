package dev.guild.server.schedules.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.server.approvals.ApprovalsConfig;
import dev.guild.server.hooks.ErrorBody;
import dev.guild.server.hooks.WorkflowCatalog;
import dev.guild.server.schedules.Schedules;
import dev.guild.workflows.schedule.DefinitionSchedules;
import dev.guild.workflows.schedule.ScheduleSpec;
import dev.guild.workflows.schedule.ScheduleView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/schedules}, {@code GET /api/schedules/{id}}, {@code POST /api/schedules} (JSON
 * {@code {id, workflow, cron | every, overlap, catchupWindow, input}}), {@code POST /api/schedules/{id}/pause} and
 * {@code .../resume}.
 */
@Path("/api/schedules")
@Produces(MediaType.APPLICATION_JSON)
public class SchedulesResource {

    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("id", "workflow", "cron", "every", "overlap", "catchupWindow", "input");

    /** A schedule in the API: where it came from, its spec, and the scheduler's live state. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listed(@JsonProperty("id") String id, @JsonProperty("workflow") String workflow,
                         @JsonProperty("origin") String origin, @JsonProperty("state") ScheduleView state,
                         @JsonProperty("stateError") String stateError) {
    }

    /** The 400 body listing every problem of a schedule. */
    public record Invalid(@JsonProperty("error") String error, @JsonProperty("message") String message,
                          @JsonProperty("fix") String fix, @JsonProperty("problems") List<String> problems) {
    }

    @Inject
    Schedules schedules;
    @Inject
    WorkflowCatalog workflows;
    @Inject
    ApprovalsConfig identity;

    @GET
    public List<Listed> list() {
        return schedules.list().stream().map(this::listed).toList();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return schedules.find(id).map(e -> Response.ok(listed(e)).build()).orElseGet(() -> unknown(id));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(@Context HttpHeaders headers, byte[] body) {
        MediaType type = headers.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return error(415, "unsupported_media_type", "Content-Type '" + (type == null ? "" : type) + "' is not JSON",
                    "Send the schedule as JSON with Content-Type: application/json");
        }
        if (body != null && body.length > MAX_BODY_BYTES) {
            return error(413, "body_too_large", "the schedule has " + body.length + " bytes, more than the limit of "
                    + MAX_BODY_BYTES, "Keep the run input small; pass large data by reference");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? new byte[0] : body);
        } catch (Exception e) {
            return error(400, "malformed_json", "the body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""),
                    "Send {\"id\": \"daily\", \"workflow\": \"report\", \"cron\": \"0 7 * * *\"}");
        }
        if (json == null || !json.isObject()) {
            return error(400, "bad_schedule", "the body must be a JSON object", "Send {\"id\", \"workflow\", \"cron\" or \"every\"}");
        }
        List<String> problems = new ArrayList<>();
        json.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                problems.add("unknown field '" + f + "'; allowed: " + FIELDS.stream().sorted().toList());
            }
        });
        List<DefinitionSchedules.Problem> durations = new ArrayList<>();
        long every = json.has("every") ? DefinitionSchedules.seconds(json.get("every"), "every", durations) : 0;
        long catchup = json.has("catchupWindow") ? DefinitionSchedules.seconds(json.get("catchupWindow"),
                "catchupWindow", durations) : ScheduleSpec.DEFAULT_CATCHUP_SECONDS;
        durations.forEach(p -> problems.add(p.path() + " " + p.message()));
        String id = json.path("id").asText(null);
        String workflow = json.path("workflow").asText(null);
        String cron = json.hasNonNull("cron") ? json.get("cron").asText() : null;
        String overlap = json.path("overlap").asText(ScheduleSpec.SKIP);
        boolean badEvery = durations.stream().anyMatch(p -> p.path().equals("every"));
        ScheduleSpec.problems(id, workflow, cron, every, overlap, catchup).stream()
                .filter(p -> !(badEvery && p.startsWith("give exactly one"))) // already said: every is unreadable
                .forEach(problems::add);
        if (json.has("input") && !json.get("input").isObject()) {
            problems.add("input must be a JSON object (the run input); got " + json.get("input"));
        }
        if (workflow != null && !workflow.isBlank() && workflows.find(workflow).isEmpty()) {
            problems.add("workflow '" + workflow + "' is not stored; known: " + workflows.names()
                    + " (POST /api/workflows creates it)");
        }
        if (!problems.isEmpty()) {
            return Response.status(400).entity(new Invalid("invalid_schedule", problems.size() + " problem(s) in the"
                    + " schedule", "Fix each problem and post it again", problems)).build();
        }
        ScheduleSpec spec = new ScheduleSpec(id, workflow, cron, every, overlap, catchup,
                json.has("input") ? json.get("input").toString() : "{}");
        if (!schedules.ensure(spec, Schedules.FROM_API, true)) {
            return error(409, "schedule_exists", "a schedule with id '" + id + "' exists already",
                    "Pick another id, or pause it with POST /api/schedules/" + id + "/pause");
        }
        return Response.status(201).entity(listed(schedules.find(id).orElseThrow())).build();
    }

    @POST
    @Path("{id}/pause")
    public Response pause(@PathParam("id") String id, @Context HttpHeaders headers) {
        if (schedules.find(id).isEmpty()) {
            return unknown(id);
        }
        return Response.ok(schedules.pause(id, who(headers))).build();
    }

    @POST
    @Path("{id}/resume")
    public Response resume(@PathParam("id") String id, @Context HttpHeaders headers) {
        if (schedules.find(id).isEmpty()) {
            return unknown(id);
        }
        return Response.ok(schedules.resume(id, who(headers))).build();
    }

    private String who(HttpHeaders headers) {
        String user = headers.getHeaderString(identity.identityHeader());
        return user == null || user.isBlank() ? "api" : user.substring(0, Math.min(user.length(), 200));
    }

    private Listed listed(Schedules.Entry entry) {
        try {
            return new Listed(entry.id(), entry.workflow(), entry.origin(), schedules.describe(entry.id()), null);
        } catch (RuntimeException e) {
            return new Listed(entry.id(), entry.workflow(), entry.origin(), null,
                    "the scheduler did not answer: " + e.getMessage());
        }
    }

    private static Response unknown(String id) {
        String shown = id.length() <= 120 ? id : id.substring(0, 120) + "...";
        return error(404, "unknown_schedule", "no schedule with id '" + shown + "'", "List them with GET /api/schedules");
    }

    private static Response error(int status, String code, String message, String fix) {
        return Response.status(status).entity(new ErrorBody(code, message, fix)).build();
    }
}
