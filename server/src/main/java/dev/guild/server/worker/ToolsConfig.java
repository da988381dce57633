package dev.guild.server.worker;

import dev.guild.tools.Tool;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.http.HttpRequestTool;
import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /** {@code loaded} with {@code http_request} replaced by one built with these settings. */
    static ToolRegistry apply(ToolsConfig config, ToolRegistry loaded) {
        Set<String> allowed = Set.copyOf(config.httpRequest().allowedHosts().orElse(List.of()));
        if (allowed.isEmpty()) {
            return loaded;
        }
        HttpRequestTool.Settings d = HttpRequestTool.Settings.DEFAULTS;
        HttpRequestTool http = new HttpRequestTool(
                new HttpRequestTool.Settings(allowed, d.timeout(), d.maxResponseBytes(), d.maxRedirects()));
        List<Tool> tools = loaded.tools().stream().map(t -> t.name().equals(http.name()) ? (Tool) http : t).toList();
        return ToolRegistry.of(tools);
    }
}
