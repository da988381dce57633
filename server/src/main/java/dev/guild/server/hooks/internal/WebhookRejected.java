package dev.guild.server.hooks.internal;

import dev.guild.server.hooks.ErrorBody;

/** A webhook delivery refused with an HTTP status and an {@link ErrorBody}; nothing was started. */
public final class WebhookRejected extends RuntimeException {
    private final int status;
    private final ErrorBody body;

    public WebhookRejected(int status, String error, String message, String fix) {
        super(status + " " + error + ": " + message);
        this.status = status;
        this.body = new ErrorBody(error, message, fix);
    }

    public int status() {
        return status;
    }

    public ErrorBody body() {
        return body;
    }

    static WebhookRejected unauthorized(String error, String message, String fix) {
        return new WebhookRejected(401, error, message, fix);
    }
}
