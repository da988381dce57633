package dev.guild.server.worker.internal;

import dev.guild.server.worker.ToolsConfig;
import dev.guild.tools.Tool;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.http.HttpRequestTool;

import java.util.List;
import java.util.Set;

/** Applies {@link ToolsConfig} to the tools found on the class path. */
final class ConfiguredTools {

    /** {@code loaded} with {@code http_request} replaced by one built with the configured settings. */
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

    private ConfiguredTools() {
    }
}
