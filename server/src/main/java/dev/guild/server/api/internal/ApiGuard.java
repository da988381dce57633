package dev.guild.server.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.server.api.RequestIds;
import dev.guild.server.hooks.ErrorBody;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * In front of every {@code /api/**} route (REST resources and the event stream): assigns the request id, then lets
 * the request through only when it is authorised, and refuses a declared body over the limit before it is read.
 * <ul>
 *   <li>tokens configured: {@code Authorization: Bearer <token>} with one of them, else 401 ({@code missing_token},
 *       {@code malformed_authorization}, {@code invalid_token}) with {@code WWW-Authenticate: Bearer};</li>
 *   <li>no token configured: loopback clients only (the socket's peer address), else 403 {@code api_loopback_only}.</li>
 * </ul>
 */
public final class ApiGuard implements Handler<RoutingContext> {
    public static final String PATH = "/api/*";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIGURE = "Set guild.api.tokens (or guild.api.tokens-file) on the server and send"
            + " Authorization: Bearer <token>";

    private final ApiTokens tokens;
    private final int maxBodyBytes;

    public ApiGuard(ApiTokens tokens, int maxBodyBytes) {
        this.tokens = tokens;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Ahead of the REST layer and the event stream (order -100). */
    public void register(Router router) {
        router.route(PATH).order(-200).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        RequestIds.of(ctx);
        ErrorBody refused = tokens.none() ? loopbackOnly(ctx) : bearer(ctx.request().getHeader("Authorization"));
        if (refused != null) {
            int status = refused.error().equals("api_loopback_only") ? 403 : 401;
            if (status == 401) {
                ctx.response().putHeader("WWW-Authenticate", refused.error().equals("missing_token")
                        ? "Bearer realm=\"guild\"" : "Bearer realm=\"guild\", error=\"invalid_token\"");
            }
            refuse(ctx, status, refused);
            return;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && declared(length) > maxBodyBytes) {
            refuse(ctx, 413, new ErrorBody("body_too_large", "The request body is " + length.strip()
                    + " bytes (Content-Length); the API accepts at most " + maxBodyBytes,
                    "Send a smaller body, or raise guild.api.max-body-bytes"));
            return;
        }
        ctx.next();
    }

    /** The refusal for this Authorization header, or null when it carries a configured token. */
    ErrorBody bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new ErrorBody("missing_token", "The request has no Authorization header; the API needs a bearer"
                    + " token", "Send Authorization: Bearer <token> with one of the tokens configured in"
                    + " guild.api.tokens (or guild.api.tokens-file)");
        }
        String[] parts = authorization.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].contains(" ")) {
            String scheme = parts[0].length() <= 20 ? parts[0] : parts[0].substring(0, 20) + "...";
            return new ErrorBody("malformed_authorization", "The Authorization header is not 'Bearer <token>' (it"
                    + " starts with '" + scheme + "' and has " + parts.length + " part(s))",
                    "Send exactly: Authorization: Bearer <token>");
        }
        if (!tokens.matches(parts[1])) {
            return new ErrorBody("invalid_token", "The bearer token (" + parts[1].length() + " characters) is none of"
                    + " the " + tokens.count() + " configured token(s)", "Send a token listed in guild.api.tokens"
                    + " (or guild.api.tokens-file); a changed token takes effect when the server restarts");
        }
        return null;
    }

    private static ErrorBody loopbackOnly(RoutingContext ctx) {
        SocketAddress peer = ctx.request().connection().remoteAddress();
        String host = peer == null ? null : peer.hostAddress();
        if (host != null && isLoopback(host)) {
            return null;
        }
        return new ErrorBody("api_loopback_only", "No API token is configured, so the API answers only clients on"
                + " this machine; this request came from " + host, CONFIGURE);
    }

    static boolean isLoopback(String address) {
        try {
            String literal = address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
            // literal addresses only, so no name is ever resolved
            return (literal.matches("[0-9.]{7,15}") || literal.matches("[0-9A-Fa-f:.%a-z]+") && literal.contains(":"))
                    && InetAddress.getByName(literal.toLowerCase(Locale.ROOT)).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static long declared(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1; // malformed: the HTTP layer refuses it
        }
    }

    /** Ends the exchange with {@code body} (and the request id) as JSON. */
    static void refuse(RoutingContext ctx, int status, ErrorBody body) {
        HttpServerResponse response = ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        try {
            response.end(Buffer.buffer(JSON.writeValueAsBytes(body.withRequestId(RequestIds.of(ctx)))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + body + ": " + e.getMessage(), e);
        }
    }
}
