package dev.guild.server.hooks;

import dev.guild.server.ApiClient;
import dev.guild.server.hooks.internal.SignatureVerifier;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** Sends Standard Webhooks deliveries signed with the test triggers' secret (application.properties, %test). */
public final class Deliveries {
    public static final String SECRET = "whsec_Z3VpbGQtZ2F0ZXdheS10ZXN0LXNlY3JldC0zMmJ5dGU=";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final SignatureVerifier SIGNER = new SignatureVerifier(SECRET, Clock.systemUTC(), Duration.ofMinutes(5));

    private final URI base;

    public Deliveries(URI base) {
        this.base = base;
    }

    public static String signature(String id, long timestamp, byte[] body) {
        return "v1," + SIGNER.sign(id, timestamp, body);
    }

    /** A delivery signed now. */
    public HttpResponse<String> send(String trigger, String id, String body) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(trigger, id, Long.toString(now), signature(id, now, bytes), bytes);
    }

    /** A delivery with the given headers (null: header left out). */
    public HttpResponse<String> send(String trigger, String id, String timestamp, String signature, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/hooks/" + trigger))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (id != null) {
            request.header("webhook-id", id);
        }
        if (timestamp != null) {
            request.header("webhook-timestamp", timestamp);
        }
        if (signature != null) {
            request.header("webhook-signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of the API with the test token. */
    public HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", ApiClient.AUTHORIZATION).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
