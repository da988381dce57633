package dev.guild.runtime.serve.internal;

import dev.guild.runtime.chat.ToolCall;
import dev.guild.runtime.serve.Completion;
import dev.guild.runtime.serve.FinishReason;
import dev.guild.runtime.serve.RequestHandle;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /v1/chat/completions}. The request is parsed and submitted off the event loop; the
 * scheduler thread's events are written back on the request's Vert.x context, as one JSON response
 * or as server-sent OpenAI chunks ending with {@code data: [DONE]}. A closed connection cancels the
 * generation.
 */
public final class ChatCompletionHandler implements Handler<RoutingContext> {

    private final ChatEngine engine;

    public ChatCompletionHandler(ChatEngine engine) {
        this.engine = engine;
    }

    /** Writes {@code e} in OpenAI's error shape (and Retry-After for 429). */
    public static void error(RoutingContext ctx, ApiException e) {
        HttpServerResponse r = ctx.response();
        if (r.headWritten()) {
            r.end();
            return;
        }
        r.setStatusCode(e.status()).putHeader("Content-Type", "application/json");
        if (e.retryAfterSeconds() > 0) {
            r.putHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        r.end(Json.write(e.body()));
    }

    @Override
    public void handle(RoutingContext ctx) {
        Context context = ctx.vertx().getOrCreateContext();
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        ctx.vertx().executeBlocking(() -> {
            start(ctx, context, ChatRequestParser.parse(body));
            return null;
        }, false).onFailure(t -> {
            if (t instanceof ApiException e) {
                error(ctx, e);
            } else {
                ctx.fail(t);
            }
        });
    }

    private void start(RoutingContext ctx, Context context, ChatRequest request) {
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = System.currentTimeMillis() / 1000;
        String model = engine.served().name();
        Response out = request.stream()
                ? new Streaming(ctx, context, id, created, model, request.includeUsage())
                : new Whole(ctx, context, id, created, model);
        RequestHandle handle = engine.submit(request, out, (outcome, error) -> context.runOnContext(v -> {
            if (error != null) {
                out.fail(new ApiException(500, "server_error", null, null, "generation failed: " + error, 0));
            } else {
                out.done(outcome.completion(), outcome.toolCalls());
            }
        }));
        context.runOnContext(v -> {
            if (ctx.response().closed()) {
                handle.cancel();
            } else if (!ctx.response().ended()) {
                ctx.response().closeHandler(x -> handle.cancel());
                out.ensureBegun();
            }
        });
    }

    static String finishReason(Completion c, int toolCalls) {
        if (toolCalls > 0) {
            return "tool_calls";
        }
        return c.reason() == FinishReason.LENGTH || c.reason() == FinishReason.CONTEXT_FULL ? "length" : "stop";
    }

    static Wire.Usage usage(Completion c) {
        return new Wire.Usage(c.promptTokens(), c.tokens().length, c.promptTokens() + c.tokens().length);
    }

    static Wire.ToolCall wire(Integer index, ToolCall call) {
        return new Wire.ToolCall(index, call.id(), "function", new Wire.Function(call.name(), call.arguments()));
    }

    /** A response in the making; sink methods run on the scheduler thread, the others on the Vert.x context. */
    private abstract static class Response implements OutputAssembler.Sink {
        final RoutingContext ctx;
        final Context context;
        final String id;
        final long created;
        final String model;

        Response(RoutingContext ctx, Context context, String id, long created, String model) {
            this.ctx = ctx;
            this.context = context;
            this.id = id;
            this.created = created;
            this.model = model;
        }

        private boolean begun;

        /** Writes the start of the response once, before any event (events may overtake the submitter). */
        final void ensureBegun() {
            if (!begun) {
                begun = true;
                begin();
            }
        }

        abstract void begin();

        abstract void done(Completion completion, int toolCalls);

        void fail(ApiException e) {
            error(ctx, e);
        }
    }

    private static final class Whole extends Response {
        private final StringBuilder content = new StringBuilder();
        private final List<Wire.ToolCall> calls = new ArrayList<>();

        Whole(RoutingContext ctx, Context context, String id, long created, String model) {
            super(ctx, context, id, created, model);
        }

        @Override
        public void content(String text) {
            content.append(text);
        }

        @Override
        public void toolCall(int index, ToolCall call) {
            calls.add(wire(null, call));
        }

        @Override
        void begin() {
        }

        @Override
        void done(Completion c, int toolCalls) {
            ensureBegun();
            if (ctx.response().closed()) {
                return;
            }
            Wire.Message message = new Wire.Message("assistant", content.isEmpty() && !calls.isEmpty() ? null
                    : content.toString(), calls);
            ctx.response().putHeader("Content-Type", "application/json").end(Json.write(new Wire.ChatCompletion(id,
                    "chat.completion", created, model, List.of(new Wire.Choice(0, message, finishReason(c, toolCalls))),
                    usage(c))));
        }
    }

    private static final class Streaming extends Response {
        private final boolean includeUsage;

        Streaming(RoutingContext ctx, Context context, String id, long created, String model, boolean includeUsage) {
            super(ctx, context, id, created, model);
            this.includeUsage = includeUsage;
        }

        @Override
        void begin() {
            HttpServerResponse r = ctx.response();
            r.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
            send(new Wire.Delta("assistant", "", null), null, null);
        }

        @Override
        public void content(String text) {
            if (!text.isEmpty()) {
                context.runOnContext(v -> send(new Wire.Delta(null, text, null), null, null));
            }
        }

        @Override
        public void toolCall(int index, ToolCall call) {
            context.runOnContext(v -> send(new Wire.Delta(null, null, List.of(wire(index, call))), null, null));
        }

        @Override
        void done(Completion c, int toolCalls) {
            ensureBegun();
            send(new Wire.Delta(null, null, null), finishReason(c, toolCalls), null);
            if (includeUsage && !ctx.response().closed()) {
                write(new Wire.Chunk(id, "chat.completion.chunk", created, model, List.of(), usage(c)));
            }
            if (!ctx.response().closed()) {
                ctx.response().end("data: [DONE]\n\n");
            }
        }

        @Override
        void fail(ApiException e) {
            if (!ctx.response().headWritten()) {
                super.fail(e);
            } else if (!ctx.response().closed()) {
                ctx.response().end("data: " + Json.write(e.body()) + "\n\n");
            }
        }

        private void send(Wire.Delta delta, String finish, Wire.Usage usage) {
            write(new Wire.Chunk(id, "chat.completion.chunk", created, model,
                    List.of(new Wire.ChunkChoice(0, delta, finish)), usage));
        }

        private void write(Wire.Chunk chunk) {
            ensureBegun();
            if (!ctx.response().closed() && !ctx.response().ended()) {
                ctx.response().write("data: " + Json.write(chunk) + "\n\n");
            }
        }
    }
}
