package dev.guild.server.api.internal;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** With no token configured the API answers loopback clients only: a real server on all interfaces, two clients. */
class ApiGuardTest {
    static Vertx vertx;
    static HttpServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new ApiGuard(ApiTokens.load(Optional.empty(), Optional.empty()), 1024).register(router);
        router.get("/api/ping").handler(ctx -> ctx.response().end("pong"));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "0.0.0.0").toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    HttpResponse<String> ping(String host) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + server.actualPort() + "/api/ping"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_loopback_client_is_served_without_a_token() throws Exception {
        HttpResponse<String> response = ping("127.0.0.1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("pong");
    }

    @Test
    void a_client_on_another_address_is_refused_saying_how_to_configure_a_token() throws Exception {
        Optional<InetAddress> own = NetworkInterface.networkInterfaces().filter(ApiGuardTest::up)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()).findFirst();
        assumeThat(own).as("this machine has a non-loopback IPv4 address to connect from").isPresent();
        HttpResponse<String> response = ping(own.get().getHostAddress());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"error\":\"api_loopback_only\"")
                .contains("this request came from " + own.get().getHostAddress())
                .contains("Set guild.api.tokens (or guild.api.tokens-file)");
    }

    @Test
    void loopback_is_decided_on_literal_addresses_only() {
        assertThat(ApiGuard.isLoopback("127.0.0.1")).isTrue();
        assertThat(ApiGuard.isLoopback("127.8.9.10")).isTrue();
        assertThat(ApiGuard.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(ApiGuard.isLoopback("[::1]")).isTrue();
        assertThat(ApiGuard.isLoopback("10.0.0.5")).isFalse();
        assertThat(ApiGuard.isLoopback("::ffff:10.0.0.5")).isFalse();
        assertThat(ApiGuard.isLoopback("localhost")).as("names are never resolved").isFalse();
        assertThat(ApiGuard.isLoopback("")).isFalse();
    }

    private static boolean up(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (java.net.SocketException e) {
            return false;
        }
    }
}
