package dev.guild.tools.http;

import dev.guild.tools.ToolUnavailableException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP client of {@code http_request}, {@code fetch_url} and {@code ingest_document}: it connects only to
 * addresses that {@link AddressPolicy#vet(String)} returned for the request's host. The policy is the client's DNS
 * resolver, so the address that was checked is the address connected to; a DNS answer that changes after a check
 * (DNS rebinding) is checked again and cannot lead to an internal address. The request keeps the original host name
 * for the {@code Host} header, TLS SNI and certificate hostname verification.
 *
 * <p>No redirects (callers follow them and check every hop), no automatic retries, cookies or decompression, no proxy
 * from system properties. One exchange, until the response headers, is limited by the timeout given to
 * {@link #send}; every later read of the body waits at most the socket timeout given at construction.
 */
public final class SafeHttpClient {

    /** An open response; close it to release the connection. */
    public static final class Response implements Closeable {
        private final ClassicHttpResponse response;

        private Response(ClassicHttpResponse response) {
            this.response = response;
        }

        public int status() {
            return response.getCode();
        }

        /** The first value of the header {@code name} (case-insensitive). */
        public Optional<String> header(String name) {
            Header header = response.getFirstHeader(name);
            return header == null ? Optional.empty() : Optional.of(header.getValue());
        }

        /** The declared Content-Length, if there is one and it is a number. */
        public OptionalLong contentLength() {
            try {
                return header("content-length").map(v -> OptionalLong.of(Long.parseLong(v.strip()))).orElse(OptionalLong.empty());
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }

        /** The body as it arrives (empty for HEAD and bodiless statuses). */
        public InputStream body() throws IOException {
            HttpEntity entity = response.getEntity();
            return entity == null ? InputStream.nullInputStream() : entity.getContent();
        }

        /** Closes the body and the connection behind it; an unread body is discarded. */
        @Override
        public void close() {
            try {
                response.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    private static final int PENDING = 0;
    private static final int ANSWERED = 1;
    private static final int TIMED_OUT = 2;

    private final CloseableHttpClient client;

    /**
     * @param policy        which hosts and addresses may be reached; it resolves every connection's host
     * @param socketTimeout longest wait for a connection and for each read
     */
    public SafeHttpClient(AddressPolicy policy, Duration socketTimeout) {
        Timeout timeout = Timeout.of(socketTimeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new VettingResolver(policy))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .build();
    }

    /**
     * Sends one request and returns once the response headers arrived.
     *
     * @param body    the request body, or null for none
     * @param timeout limit from now until the response headers, connection included
     * @throws AddressRefusedException  when the host does not resolve or resolves to a refused address at connect time
     * @throws HttpTimeoutException     when no response arrived within {@code timeout}
     * @throws ToolUnavailableException for a refused connection or another I/O fault (a retry may work)
     */
    public Response send(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout)
            throws AddressRefusedException, HttpTimeoutException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        headers.forEach(request::addHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, null));
        }
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        AtomicInteger state = new AtomicInteger(PENDING);
        CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
            if (state.compareAndSet(PENDING, TIMED_OUT)) {
                request.cancel();
            }
        });
        String peer = uri.getHost();
        try {
            ClassicHttpResponse response = client.executeOpen(null, request, null);
            if (!state.compareAndSet(PENDING, ANSWERED)) {
                response.close();
                throw timedOut(peer, timeout, null);
            }
            return new Response(response);
        } catch (AddressRefusedException e) {
            throw e;
        } catch (SocketTimeoutException e) {
            throw timedOut(peer, timeout, e);
        } catch (ConnectException e) {
            throw new ToolUnavailableException("cannot connect to " + peer + ": " + e.getMessage(), e);
        } catch (IOException e) {
            if (state.get() == TIMED_OUT) {
                throw timedOut(peer, timeout, e);
            }
            throw new ToolUnavailableException("request to " + peer + " failed: " + e.getMessage(), e);
        } finally {
            state.compareAndSet(PENDING, ANSWERED);
        }
    }

    private static HttpTimeoutException timedOut(String peer, Duration timeout, Exception cause) {
        HttpTimeoutException e = new HttpTimeoutException("no answer from " + peer + " within " + timeout);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** The client's DNS: every connection's host is resolved and checked by the policy, in one step. */
    private record VettingResolver(AddressPolicy policy) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws AddressRefusedException {
            return policy.vet(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
