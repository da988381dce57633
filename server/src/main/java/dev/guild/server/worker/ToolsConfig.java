package dev.guild.server.worker;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** Settings of the built-in tools ({@code guild.tools.*}). */
@ConfigMapping(prefix = "guild.tools")
public interface ToolsConfig {

    /** {@code http_request}. */
    HttpRequest httpRequest();

    interface HttpRequest {
        /**
         * Host names or literal addresses that {@code http_request} may reach although they are internal (loopback,
         * private, link-local). Default none: only public addresses. Example: {@code localhost,10.0.0.7}.
         */
        Optional<List<String>> allowedHosts();
    }
}
