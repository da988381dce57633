package dev.guild.server.runs.internal;

import dev.guild.server.events.RunEventStore;
import dev.guild.server.hooks.ErrorBody;
import dev.guild.server.runs.RunView;
import dev.guild.workflows.RunEvent;
import dev.guild.workflows.RunState;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** {@code GET /api/runs/{id}}: a run's state, steps, tool calls and result, from its stored events. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {
    /** Most events folded into one answer; runs emit a handful per step. */
    static final int MAX_EVENTS = 100_000;

    @Inject
    RunEventStore store;

    @Inject
    PostgresAcceptedRuns accepted;

    /**
     * The run folded from its events; a run accepted by a trigger whose first event is not stored yet answers with
     * state {@code accepted}; 404 for a run id nobody accepted.
     */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        List<RunEvent> events = store.events(id, 0, MAX_EVENTS);
        if (!events.isEmpty()) {
            return Response.ok(RunFold.fold(id, events)).build();
        }
        return accepted.find(id)
                .map(run -> Response.ok(new RunView(id, run.workflowName(), RunState.ACCEPTED, null, null, List.of(),
                        List.of(), null, null, 0, RunFold.eventsPath(id))).build())
                .orElseGet(() -> Response.status(404).entity(unknownRun(id)).build());
    }

    /** The 404 body for a run id with no events. */
    static ErrorBody unknownRun(String id) {
        String shown = id.length() <= 120 ? id : id.substring(0, 120) + "...";
        return new ErrorBody("unknown_run", "No run with id '" + shown + "' is known: no trigger accepted it and no"
                + " event of it has been stored", "Use the runId from the 202 answer of POST /hooks/<trigger>");
    }
}
