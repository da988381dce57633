package dev.guild.runtime.serve;

import dev.guild.runtime.serve.internal.ApiException;
import dev.guild.runtime.serve.internal.ChatCompletionHandler;
import dev.guild.runtime.serve.internal.ChatEngine;
import dev.guild.runtime.serve.internal.Json;
import dev.guild.runtime.serve.internal.PrometheusText;
import dev.guild.runtime.serve.internal.Wire;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The OpenAI-compatible HTTP endpoint on Vert.x: {@code POST /v1/chat/completions} (streaming and
 * not), {@code GET /v1/models}, {@code GET /health} and {@code GET /metrics} (Prometheus text).
 * Errors use OpenAI's shape {@code {"error":{"message","type","param","code"}}}.
 */
public final class OpenAiServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    private final ServedModel served;
    private final long created = System.currentTimeMillis() / 1000;

    private OpenAiServer(Vertx vertx, HttpServer server, ServedModel served) {
        this.vertx = vertx;
        this.server = server;
        this.served = served;
    }

    /** Starts listening; returns once the port is bound. The caller keeps ownership of the model and scheduler. */
    public static OpenAiServer start(ServedModel served, ServerConfig config) {
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            OpenAiServer[] self = new OpenAiServer[1];
            ChatCompletionHandler chat = new ChatCompletionHandler(new ChatEngine(served));
            router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
            router.post("/v1/chat/completions").handler(chat);
            router.get("/v1/models").handler(ctx -> self[0].models(ctx));
            router.get("/health").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                    .end("{\"status\":\"ok\"}"));
            router.get("/metrics").handler(ctx -> ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(PrometheusText.render(served.scheduler().metrics())));
            router.route().last().handler(ctx -> ChatCompletionHandler.error(ctx, new ApiException(404,
                    "invalid_request_error", null, "not_found", ctx.request().method() + " " + ctx.request().path()
                    + " is not an endpoint of this server; it serves POST /v1/chat/completions, GET /v1/models,"
                    + " GET /health and GET /metrics", 0)));
            router.route().failureHandler(OpenAiServer::failure);
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host())
                    .setPort(config.port())).requestHandler(router);
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            self[0] = new OpenAiServer(vertx, server, served);
            return self[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IllegalStateException("interrupted while binding " + config.host() + ":" + config.port(), e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage()
                    + "; pick another --port or stop what uses it", e);
        }
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.actualPort();
    }

    private void models(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").end(Json.write(new Wire.ModelList("list",
                List.of(new Wire.ModelCard(served.name(), "model", created, "guild")))));
    }

    private static void failure(RoutingContext ctx) {
        Throwable t = ctx.failure();
        ApiException e = switch (t) {
            case ApiException a -> a;
            case null -> ctx.statusCode() == 413
                    ? new ApiException(413, "invalid_request_error", null, "request_too_large", "the request body is"
                    + " larger than this server's limit; send a shorter conversation or raise the limit", 0)
                    : new ApiException(ctx.statusCode(), "invalid_request_error", null, null,
                    "the request failed with HTTP status " + ctx.statusCode(), 0);
            default -> new ApiException(500, "server_error", null, null, "internal error: " + t, 0);
        };
        ChatCompletionHandler.error(ctx, e);
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the HTTP server did not stop within 30 s: " + e.getMessage(), e);
        }
    }
}
