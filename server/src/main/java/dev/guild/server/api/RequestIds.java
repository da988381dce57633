package dev.guild.server.api;

import io.vertx.ext.web.RoutingContext;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of one HTTP request: the client's {@code X-Request-Id} when it is a plain token (1 to 128 of
 * {@code A-Z a-z 0-9 . _ : -}), otherwise a new UUID. It is echoed in the {@code X-Request-Id} response header, in
 * every error body ({@code requestId}) and in the log line of a server error, so a user's report finds the log.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "guild.request-id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** The request's id, assigned (and set as response header) on first use. */
    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        if (id == null) {
            String given = ctx.request().getHeader(HEADER);
            id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
            ctx.put(KEY, id);
            if (!ctx.response().headWritten()) {
                ctx.response().putHeader(HEADER, id);
            }
        }
        return id;
    }

    private RequestIds() {
    }
}
