package dev.guild.server.durability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The external system the tool calls, in the test: {@code POST /book} records the request with its
 * {@code Idempotency-Key}, then blocks until the test {@link #release() releases} it, and applies the booking once
 * per key (a repeat with a known key is answered without a second booking), as an idempotent API does.
 */
final class BlockingBookingServer implements AutoCloseable {

    /** One request as it arrived. */
    record Request(String method, String idempotencyKey, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Set<String> applied = ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);

    BlockingBookingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/book", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/book";
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Keys whose booking was applied (each once). */
    Set<String> appliedKeys() {
        return Set.copyOf(applied);
    }

    void release() {
        released.countDown();
    }

    /** Waits until {@code count} requests arrived; false on timeout. */
    boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests().size() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (this) {
                requests.add(new Request(exchange.getRequestMethod(), key, body));
            }
            try {
                if (!released.await(3, TimeUnit.MINUTES)) {
                    JsonExchanges.respond(exchange, 503, "{\"error\":\"the test never released the booking\"}");
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (key == null || key.isBlank()) {
                JsonExchanges.respond(exchange, 400, "{\"error\":\"Idempotency-Key header missing\"}");
                return;
            }
            boolean first = applied.add(key);
            JsonExchanges.respond(exchange, first ? 201 : 200, "{\"booked\":true,\"replayed\":" + !first + "}");
        }
    }


    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
