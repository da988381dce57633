package dev.guild.tools.http;

import dev.guild.tools.ToolUnavailableException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/** How the tools send one HTTP request: transport faults become retryable {@link ToolUnavailableException}s. */
public final class HttpExchanges {

    /**
     * Sends {@code request}. A refused connection, another I/O fault or an interrupt is a
     * {@link ToolUnavailableException} naming {@code peer}; a timeout is left to the caller, which knows its limit.
     *
     * @param peer what the request goes to, for messages: a host name or "SearXNG at http://..."
     */
    public static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler, String peer)
            throws HttpTimeoutException {
        try {
            return client.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw e;
        } catch (ConnectException e) {
            throw new ToolUnavailableException("cannot connect to " + peer + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ToolUnavailableException("request to " + peer + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolUnavailableException("interrupted while calling " + peer, e);
        }
    }

    private HttpExchanges() {
    }
}
