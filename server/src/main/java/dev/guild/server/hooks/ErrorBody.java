package dev.guild.server.hooks;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * JSON body of every error answer of the HTTP API.
 *
 * @param error   stable machine-readable code, e.g. {@code bad_signature}
 * @param message what was wrong, with the bad value
 * @param fix     how to fix it
 */
public record ErrorBody(
        @JsonProperty("error") String error,
        @JsonProperty("message") String message,
        @JsonProperty("fix") String fix) {
}
