package dev.guild.server.api.internal;

import dev.guild.server.api.RequestIds;
import dev.guild.server.hooks.ErrorBody;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Locale;

/**
 * Every error of the REST API as an {@link ErrorBody} with the request's id: the ones the resources answer get the
 * id added; errors of the REST layer itself (no such endpoint, wrong method, unreadable body) and unexpected
 * exceptions are turned into one, the latter logged with the id.
 */
public class ApiErrors {
    private static final Logger LOG = Logger.getLogger(ApiErrors.class);
    static final String CHECK_PATH = "Check the method and path against docs/webhooks.md (runs, events, approvals,"
            + " schedules, workflows, artifacts)";

    @ServerResponseFilter
    public void addRequestId(ContainerResponseContext response, RoutingContext ctx) {
        if (response.getEntity() instanceof ErrorBody body && body.requestId() == null) {
            response.setEntity(body.withRequestId(RequestIds.of(ctx)));
        }
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, RoutingContext ctx) {
        return error(404, "not_found", "There is no API endpoint " + describe(ctx), CHECK_PATH, ctx);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, RoutingContext ctx) {
        return error(405, "method_not_allowed", "The endpoint " + ctx.request().path() + " does not answer "
                + ctx.request().method() + " (it answers " + e.getResponse().getAllowedMethods() + ")",
                "Use one of the allowed methods", ctx);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, RoutingContext ctx) {
        int status = e.getResponse().getStatus();
        if (e.getResponse().hasEntity()) {
            return e.getResponse(); // a resource's own answer (an ErrorBody gets the request id from the filter)
        }
        if (status >= 500) {
            return unexpected(e, ctx);
        }
        String code = e.getResponse().getStatusInfo().getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_');
        return error(status, code, "The request to " + describe(ctx) + " was refused: " + e.getMessage(),
                "Fix the request as the message says (see docs/webhooks.md for each endpoint)", ctx);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext ctx) {
        String id = RequestIds.of(ctx);
        LOG.errorf(e, "request %s (%s) failed", id, describe(ctx));
        return error(500, "internal_error", "The server failed on " + describe(ctx) + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                "Retry; if it persists, report it with the requestId (the server log has the details)", ctx);
    }

    private static String describe(RoutingContext ctx) {
        String path = ctx.request().path();
        return ctx.request().method() + " " + (path.length() <= 200 ? path : path.substring(0, 200) + "...");
    }

    private static Response error(int status, String code, String message, String fix, RoutingContext ctx) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code, message, fix, RequestIds.of(ctx))).build();
    }
}
