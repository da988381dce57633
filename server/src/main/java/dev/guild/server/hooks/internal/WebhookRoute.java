package dev.guild.server.hooks.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.guild.server.api.RequestIds;
import dev.guild.server.hooks.ErrorBody;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /hooks/:trigger} on the Vert.x router. Reads the raw body with a hard per-trigger limit (refusing a
 * declared Content-Length over it before reading, and never buffering more than the limit), then runs the
 * {@link WebhookHandler} on a worker thread (it blocks on the Kafka acknowledgement) and answers 202 or an
 * {@link ErrorBody}.
 */
public final class WebhookRoute implements Handler<RoutingContext> {
    public static final String PATH = "/hooks/:trigger";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(WebhookRoute.class);
    /** Most bytes of an unwanted body read (and dropped) after an early answer before the connection is cut. */
    private static final long DRAIN_LIMIT = 8L * 1024 * 1024;

    private final WebhookHandler handler;
    private final Duration retryAfter;

    public WebhookRoute(WebhookHandler handler, Duration retryAfter) {
        this.handler = handler;
        this.retryAfter = retryAfter;
    }

    /**
     * Registers the route first, ahead of the REST layer, so no other handler reads the body; any other request under
     * {@code /hooks/} gets a JSON 405 (another method, with {@code Allow: POST}) or 404 (not {@code /hooks/<trigger>}).
     */
    public void register(Router router) {
        router.post(PATH).order(-100).handler(this);
        router.route("/hooks/*").order(-99).handler(ctx -> {
            RequestIds.of(ctx);
            String method = ctx.request().method().name();
            if (method.equals("POST")) {
                reject(ctx, new WebhookRejected(404, "not_found", "'" + SignatureVerifier.abbreviate(ctx.request().path())
                        + "' is not a webhook path", "POST deliveries to /hooks/<trigger>"), true);
            } else {
                ctx.response().putHeader("Allow", "POST");
                reject(ctx, new WebhookRejected(405, "method_not_allowed", "Webhooks accept POST only; this request"
                        + " was " + method, "Send the delivery with POST to /hooks/<trigger>"), true);
            }
        });
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        RequestIds.of(ctx);
        TriggerRegistry.Trigger trigger;
        try {
            trigger = handler.trigger(ctx.pathParam("trigger"));
        } catch (WebhookRejected e) {
            reject(ctx, e, true);
            return;
        }
        int limit = trigger.maxBodyBytes();
        String declared = request.getHeader("Content-Length");
        if (declared != null && declaredLength(declared) > limit) {
            reject(ctx, tooLarge(declared + " bytes (Content-Length)", limit), true);
            return;
        }
        Buffer body = Buffer.buffer(Math.min(limit, 16 * 1024));
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > limit) {
                refused[0] = true;
                reject(ctx, tooLarge("more than " + limit + " bytes", limit), true);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> refused[0] = true);
        request.endHandler(v -> {
            if (!refused[0]) {
                process(ctx, trigger, body.getBytes());
            }
        });
        request.resume();
    }

    private void process(RoutingContext ctx, TriggerRegistry.Trigger trigger, byte[] body) {
        HttpServerRequest request = ctx.request();
        String id = request.getHeader("webhook-id");
        String timestamp = request.getHeader("webhook-timestamp");
        String signature = request.getHeader("webhook-signature");
        ctx.vertx().<String>executeBlocking(() -> handler.accept(trigger, id, timestamp, signature, body), false)
                .onSuccess(runId -> {
                    Map<String, String> accepted = new LinkedHashMap<>();
                    accepted.put("runId", runId);
                    accepted.put("status", "/api/runs/" + runId);
                    send(ctx.response().setStatusCode(202).putHeader("Location", "/api/runs/" + runId), accepted);
                })
                .onFailure(e -> {
                    if (e instanceof WebhookRejected rejected) {
                        reject(ctx, rejected, false);
                    } else {
                        LOG.errorf(e, "request %s: delivery to trigger %s failed", RequestIds.of(ctx), trigger.name());
                        reject(ctx, new WebhookRejected(500, "internal_error", "The delivery failed: " + e
                                + "; nothing was started", "Retry the same delivery; report the error if it persists"),
                                false);
                    }
                });
    }

    private void reject(RoutingContext ctx, WebhookRejected e, boolean bodyUnread) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(e.status());
        if (e.status() == 503) {
            response.putHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        if (bodyUnread && ctx.request().version() != HttpVersion.HTTP_2) {
            // the connection is closed after this answer: tell HTTP/1 clients not to reuse it
            response.putHeader("Connection", "close");
        }
        Future<Void> written = send(response, e.body().withRequestId(RequestIds.of(ctx)));
        if (bodyUnread) {
            discardThenClose(ctx.request(), written);
        }
    }

    /**
     * After an early answer, reads and drops the rest of an unwanted body (so the client can read the answer
     * instead of a reset connection), up to {@link #DRAIN_LIMIT} bytes, then closes the connection.
     */
    private static void discardThenClose(HttpServerRequest request, Future<Void> written) {
        Runnable close = () -> written.onComplete(v -> request.connection().close());
        if (request.isEnded()) {
            close.run();
            return;
        }
        long[] drained = {0};
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > DRAIN_LIMIT) {
                request.connection().close();
            }
        });
        request.endHandler(v -> close.run());
        request.resume();
    }

    private static Future<Void> send(HttpServerResponse response, Object body) {
        try {
            return response.putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(JSON.writeValueAsBytes(body)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize response " + body + ": " + e.getMessage(), e);
        }
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // malformed: the HTTP layer rejects it; the streamed limit still applies
        }
    }

    private static WebhookRejected tooLarge(String size, int limit) {
        return new WebhookRejected(413, "body_too_large", "The body is " + size + "; this trigger accepts at most "
                + limit + " bytes", "Send a smaller body, or raise guild.triggers.<name>.max-body-bytes");
    }
}
