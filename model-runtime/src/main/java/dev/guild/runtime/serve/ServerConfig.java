package dev.guild.runtime.serve;

/**
 * HTTP settings of the {@link OpenAiServer}.
 *
 * @param host         interface to bind. Default {@code 127.0.0.1}
 * @param port         TCP port; 0 picks a free one. Default 8000
 * @param maxBodyBytes largest request body; larger ones get 413. Default 4 MiB
 */
public record ServerConfig(String host, int port, long maxBodyBytes) {

    public static final ServerConfig DEFAULTS = new ServerConfig("127.0.0.1", 8000, 4L << 20);

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty, got '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
        }
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, maxBodyBytes);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, maxBodyBytes);
    }

    public ServerConfig withMaxBodyBytes(long n) {
        return new ServerConfig(host, port, n);
    }
}
