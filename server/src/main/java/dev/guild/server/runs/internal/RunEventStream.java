package dev.guild.server.runs.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guild.server.events.RunEventBus;
import dev.guild.server.events.RunEventStore;
import dev.guild.workflows.RunEvent;
import dev.guild.workflows.RunEventTypes;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code GET /api/runs/:id/events}: the run's events as server-sent events ({@code id} = event id, {@code event} =
 * type, {@code data} = the event as JSON). Replays the stored events, then streams new ones as they are stored, and
 * ends after {@code run.completed} or {@code run.failed}. Resumes after {@code Last-Event-ID}. Every event is read
 * from PostgreSQL in sequence order, so the stream has neither gaps nor duplicates; new events are noticed through
 * the {@link RunEventBus} and, as a fallback (another instance stored them), by checking every second.
 * A run with no stored event is waited for up to {@code awaitStart}, then answered 404, unless a trigger accepted
 * it (it is queued for its start): then the stream keeps waiting.
 */
public final class RunEventStream implements Handler<RoutingContext> {
    public static final String PATH = "/api/runs/:id/events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;
    private static final long POLL_MS = 1000;
    private static final long HEARTBEAT_MS = 15_000;

    private final RunEventStore store;
    private final RunEventBus bus;
    private final Duration awaitStart;
    private final Predicate<String> accepted;

    /** @param accepted whether a trigger accepted the run of this id (a blocking lookup) */
    public RunEventStream(RunEventStore store, RunEventBus bus, Duration awaitStart, Predicate<String> accepted) {
        this.store = store;
        this.bus = bus;
        this.awaitStart = awaitStart;
        this.accepted = accepted;
    }

    public void register(Router router) {
        router.get(PATH).order(-100).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        new Stream(ctx, ctx.pathParam("id"), lastSequence(ctx.request().getHeader("Last-Event-ID"))).open();
    }

    private static long lastSequence(String lastEventId) {
        if (lastEventId == null) {
            return 0;
        }
        try {
            return Long.parseLong(lastEventId.substring(lastEventId.lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One client connection; all state is touched on its Vert.x context only. */
    private final class Stream {
        private final RoutingContext ctx;
        private final Vertx vertx;
        private final String runId;
        private long lastSent;
        private boolean started;
        private boolean reading;
        private boolean again;
        private boolean closed;
        private AutoCloseable subscription;
        private long pollTimer = -1;
        private long heartbeatTimer = -1;
        private long awaitTimer = -1;

        Stream(RoutingContext ctx, String runId, long after) {
            this.ctx = ctx;
            this.vertx = ctx.vertx();
            this.runId = runId;
            this.lastSent = after;
        }

        void open() {
            var context = vertx.getOrCreateContext();
            subscription = bus.subscribe(runId, () -> context.runOnContext(v -> pump()));
            ctx.request().connection().closeHandler(v -> close());
            ctx.response().closeHandler(v -> close());
            awaitStart();
            pollTimer = vertx.setPeriodic(POLL_MS, id -> pump());
            pump();
        }

        private void awaitStart() {
            awaitTimer = vertx.setTimer(Math.max(1, awaitStart.toMillis()), id -> {
                awaitTimer = -1;
                if (started || closed) {
                    return;
                }
                vertx.executeBlocking(() -> accepted.test(runId), false).onComplete(known -> {
                    if (started || closed) {
                        return;
                    }
                    if (known.succeeded() && known.result()) {
                        awaitStart(); // accepted and queued for its start: keep waiting
                        return;
                    }
                    HttpServerResponse response = ctx.response().setStatusCode(404)
                            .putHeader("Content-Type", "application/json");
                    end(response, RunsResource.unknownRun(runId));
                    close();
                });
            });
        }

        private void pump() {
            if (closed) {
                return;
            }
            if (reading) {
                again = true;
                return;
            }
            reading = true;
            again = false;
            long after = lastSent;
            vertx.<List<RunEvent>>executeBlocking(() -> store.events(runId, after, PAGE), false)
                    .onComplete(result -> {
                        reading = false;
                        if (closed) {
                            return;
                        }
                        if (result.failed()) {
                            again = true; // retried by the next tick
                            return;
                        }
                        List<RunEvent> events = result.result();
                        for (RunEvent event : events) {
                            if (!send(event)) {
                                return;
                            }
                        }
                        if (again || events.size() == PAGE) {
                            pump();
                        }
                    });
        }

        /** @return false when the stream ended */
        private boolean send(RunEvent event) {
            HttpServerResponse response = ctx.response();
            if (!started) {
                started = true;
                if (awaitTimer >= 0) {
                    vertx.cancelTimer(awaitTimer);
                }
                response.setChunked(true).putHeader("Content-Type", "text/event-stream")
                        .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
                heartbeatTimer = vertx.setPeriodic(HEARTBEAT_MS, id -> {
                    if (!closed) {
                        response.write(": keep-alive\n\n");
                    }
                });
            }
            response.write("id: " + event.id() + "\nevent: " + event.type() + "\ndata: " + json(event) + "\n\n");
            lastSent = event.sequence();
            if (RunEventTypes.isTerminal(event.type())) {
                response.end();
                close();
                return false;
            }
            return true;
        }

        private void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (long timer : new long[]{pollTimer, heartbeatTimer, awaitTimer}) {
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
            }
            try {
                subscription.close();
            } catch (Exception e) {
                // closing a subscription cannot fail
            }
        }
    }

    /** The event as one line of JSON, its {@code data} embedded as JSON (not as a string). */
    static String json(RunEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", event.id());
        node.put("runId", event.runId());
        node.put("sequence", event.sequence());
        node.put("type", event.type());
        node.put("time", event.time());
        try {
            node.set("data", JSON.readTree(event.data()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            node.put("data", event.data()); // not JSON: passed on as text
        }
        return node.toString();
    }

    private static void end(HttpServerResponse response, Object body) {
        try {
            response.end(Buffer.buffer(JSON.writeValueAsBytes(body)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + body + ": " + e.getMessage(), e);
        }
    }
}
