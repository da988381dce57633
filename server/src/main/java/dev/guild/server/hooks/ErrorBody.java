package dev.guild.server.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * JSON body of every error answer of the HTTP API.
 *
 * @param error     stable machine-readable code, e.g. {@code bad_signature}
 * @param message   what was wrong, with the bad value
 * @param fix       how to fix it
 * @param requestId the request's id ({@code X-Request-Id}), to quote when reporting it; added on the way out
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(
        @JsonProperty("error") String error,
        @JsonProperty("message") String message,
        @JsonProperty("fix") String fix,
        @JsonProperty("requestId") String requestId) {

    public ErrorBody(String error, String message, String fix) {
        this(error, message, fix, null);
    }

    public ErrorBody withRequestId(String id) {
        return new ErrorBody(error, message, fix, id);
    }
}
