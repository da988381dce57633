package dev.guild.runtime.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local file server that behaves like the hub: {@code /org/repo/resolve/main/<file>} redirects to
 * {@code /cdn/<file>} with {@code X-Linked-ETag} and {@code X-Linked-Size}; {@code /cdn/} honours
 * {@code Range}. Switches make it misbehave the ways real servers do.
 */
final class RangeServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    final HttpServer server;
    final List<String> ranges = new CopyOnWriteArrayList<>();
    final AtomicInteger cdnRequests = new AtomicInteger();
    volatile byte[] content;
    volatile String linkedEtag;
    /** The first this-many CDN responses stop after {@link #cutAt} bytes of the body. */
    volatile int cutResponses;
    volatile long cutAt;
    volatile boolean ignoreRange;
    /** Serve only the first bytes, with a matching Content-Length (a consistent but short file). */
    volatile int truncateTo = -1;
    /** When positive, the body is written at about this rate. */
    volatile int slowBytesPerSecond;
    /** Redirects the resolve URL goes through before the CDN. */
    volatile int extraRedirects;

    RangeServer(byte[] content, String sha256) throws IOException {
        this.content = content;
        this.linkedEtag = sha256;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Matcher hop = Pattern.compile("/hop/(\\d+)/(.+)").matcher(path);
            if (path.startsWith("/org/repo/resolve/main/")) {
                String file = path.substring("/org/repo/resolve/main/".length());
                ex.getResponseHeaders().add("X-Linked-ETag", "\"" + linkedEtag + "\"");
                ex.getResponseHeaders().add("X-Linked-Size", Long.toString(content.length));
                redirect(ex, extraRedirects > 0 ? "/hop/1/" + file : "/cdn/" + file);
            } else if (hop.matches()) {
                int n = Integer.parseInt(hop.group(1));
                redirect(ex, n < extraRedirects ? "/hop/" + (n + 1) + "/" + hop.group(2) : "/cdn/" + hop.group(2));
            } else if (path.startsWith("/cdn/model.gguf")) {
                serve(ex);
            } else {
                ex.sendResponseHeaders(404, -1);
            }
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
    }

    private void serve(HttpExchange ex) throws IOException {
        cdnRequests.incrementAndGet();
        byte[] body = content;
        int length = truncateTo >= 0 ? truncateTo : body.length;
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "" : range);
        Matcher m = range == null ? null : RANGE.matcher(range);
        int from = 0;
        if (m != null && m.matches() && !ignoreRange) {
            from = (int) Long.parseLong(m.group(1));
            if (from >= length) {
                ex.getResponseHeaders().add("Content-Range", "bytes */" + length);
                ex.sendResponseHeaders(416, -1);
                return;
            }
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (length - 1) + "/" + length);
            ex.sendResponseHeaders(206, length - from);
        } else {
            ex.sendResponseHeaders(200, length);
        }
        OutputStream out = ex.getResponseBody();
        int end = length;
        if (cutResponses > 0) {
            cutResponses--;
            end = (int) Math.min(length, Math.max(from, cutAt));
        }
        if (slowBytesPerSecond > 0) {
            int chunk = Math.max(1, slowBytesPerSecond / 20);
            for (int i = from; i < end; i += chunk) {
                out.write(body, i, Math.min(chunk, end - i));
                out.flush();
                pause(50);
            }
        } else {
            out.write(body, from, end - from);
        }
        out.flush();
        if (end < length) {
            // drop the connection mid-body: the exchange closes short of its Content-Length
            throw new IOException("cut on purpose after " + end + " bytes");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
