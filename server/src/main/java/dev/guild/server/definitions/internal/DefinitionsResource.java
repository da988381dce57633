package dev.guild.server.definitions.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.server.definitions.DefinitionStore;
import dev.guild.server.definitions.StoredVersion;
import dev.guild.server.hooks.ErrorBody;
import dev.guild.server.schedules.Schedules;
import dev.guild.tools.ToolRegistry;
import dev.guild.workflows.definition.DefinitionProblem;
import dev.guild.workflows.definition.DefinitionRepository;
import dev.guild.workflows.definition.DefinitionValidationException;
import dev.guild.workflows.definition.WorkflowDefinition;
import dev.guild.workflows.schedule.DefinitionSchedules;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Workflow definitions and their immutable versions:
 * <ul>
 *   <li>{@code POST /api/workflows}: a definition as YAML ({@code application/yaml}, {@code text/yaml},
 *       {@code application/x-yaml}) or JSON ({@code application/json}); 201 with the new version, 200 when the same
 *       text is stored already, 400 with every problem (path, line, message), 413 over {@link #MAX_BYTES},
 *       415 for another content type;</li>
 *   <li>{@code GET /api/workflows}: the newest version of each workflow;</li>
 *   <li>{@code GET /api/workflows/{name}/versions}: the versions of one, newest first;</li>
 *   <li>{@code GET /api/workflows/{name}/versions/{hash}}: one version with its text.</li>
 * </ul>
 */
@Path("/api/workflows")
@Produces(MediaType.APPLICATION_JSON)
public class DefinitionsResource {

    /** Largest definition accepted, in bytes (256 KiB). */
    public static final int MAX_BYTES = 256 * 1024;

    private static final Set<String> TYPES = Set.of("application/json", "application/yaml", "application/x-yaml",
            "text/yaml", "text/x-yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body of a 400 for a definition that does not validate. */
    public record Invalid(@JsonProperty("error") String error, @JsonProperty("message") String message,
                          @JsonProperty("fix") String fix, @JsonProperty("problems") List<Problem> problems) {
    }

    public record Problem(@JsonProperty("path") String path, @JsonProperty("line") int line,
                          @JsonProperty("message") String message) {
    }

    /** The body of a 200/201. */
    public record Created(@JsonProperty("created") boolean created, @JsonProperty("version") StoredVersion version) {
    }

    @Inject
    DefinitionStore store;

    @Inject
    ToolRegistry tools;

    @Inject
    Schedules schedules;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(@HeaderParam("Content-Type") String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            return error(415, "unsupported_media_type", "Content-Type '" + (contentType == null ? "" : contentType)
                    + "' is not a workflow definition format", "Send the definition as YAML (Content-Type:"
                    + " application/yaml) or JSON (Content-Type: application/json)");
        }
        if (body == null || body.length == 0) {
            return error(400, "empty_body", "the body is empty", "Send the definition's YAML or JSON text");
        }
        if (body.length > MAX_BYTES) {
            return error(413, "definition_too_large", "the definition has " + body.length + " bytes, more than the"
                    + " limit of " + MAX_BYTES, "Split it into smaller workflows (run.workflow) or move data out of it");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return error(400, "not_utf8", "the body is not UTF-8 text", "Encode the definition as UTF-8");
        }
        if (type.equals("application/json")) {
            try {
                JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return error(400, "malformed_json", "the body is not valid JSON at line "
                        + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                        + e.getOriginalMessage(), "Fix the JSON, or send YAML with Content-Type: application/yaml");
            }
        }
        WorkflowDefinition definition;
        try {
            definition = DefinitionRepository.parse(StoredVersion.API, text, tools);
        } catch (DefinitionValidationException e) {
            List<Problem> problems = e.problems().stream()
                    .map((DefinitionProblem p) -> new Problem(p.path(), p.line(), p.message())).toList();
            return Response.status(400).entity(new Invalid("invalid_definition", problems.size()
                    + " problem(s) in the definition", "Fix each problem at its path and line, then post it again",
                    problems)).build();
        }
        DefinitionStore.Saved saved = store.save(definition, StoredVersion.API);
        DefinitionSchedules.of(definition).ifPresent(spec -> schedules.ensure(spec, Schedules.FROM_DEFINITION, false));
        StoredVersion version = saved.version();
        StoredVersion listed = new StoredVersion(version.name(), version.hash(), version.version(), version.source(),
                version.origin(), version.createdAt(), null);
        return Response.status(saved.created() ? 201 : 200)
                .location(URI.create("/api/workflows/" + version.name() + "/versions/" + version.hash()))
                .entity(new Created(saved.created(), listed)).build();
    }

    @GET
    public List<StoredVersion> list() {
        return store.latestOfEach();
    }

    @GET
    @Path("{name}/versions")
    public Response versions(@PathParam("name") String name) {
        List<StoredVersion> versions = store.versions(name);
        return versions.isEmpty() ? unknownWorkflow(name) : Response.ok(versions).build();
    }

    @GET
    @Path("{name}/versions/{hash}")
    public Response version(@PathParam("name") String name, @PathParam("hash") String hash) {
        return store.find(name, hash).map(v -> Response.ok(v).build()).orElseGet(() -> store.versions(name).isEmpty()
                ? unknownWorkflow(name)
                : error(404, "unknown_version", "workflow '" + shown(name) + "' has no version '" + shown(hash) + "'",
                "List its versions with GET /api/workflows/" + shown(name) + "/versions"));
    }

    private static Response unknownWorkflow(String name) {
        return error(404, "unknown_workflow", "no workflow named '" + shown(name) + "' is stored",
                "List the workflows with GET /api/workflows, or create it with POST /api/workflows");
    }

    static String shown(String value) {
        return value.length() <= 120 ? value : value.substring(0, 120) + "...";
    }

    static Response error(int status, String code, String message, String fix) {
        return Response.status(status).entity(new ErrorBody(code, message, fix)).build();
    }
}
