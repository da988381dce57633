package dev.guild.server.worker.internal;

import dev.guild.server.worker.ToolsConfig;
import dev.guild.tools.Tool;
import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.ToolRegistry;
import dev.guild.tools.ToolSettings;
import dev.guild.tools.http.HttpRequestTool;
import org.eclipse.microprofile.config.Config;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Applies {@link ToolsConfig.HttpRequest} to the tools found on the class path, and builds the tools' environment. */
final class ConfiguredTools {

    /**
     * The environment of the tools: files under {@code dataDir} (artifacts in {@code artifacts/}), the platform's
     * PostgreSQL, settings read from the application's configuration by full key (system properties, environment
     * variables such as {@code GUILD_TOOLS_BOOKING_CATALOG}, {@code config/application.properties}), the UTC clock.
     */
    static ToolEnvironment environment(Path dataDir, DataSource dataSource, Config config) {
        return ToolEnvironment.builder(dataDir)
                .dataSource(dataSource)
                .settings(ToolSettings.of(key -> config.getOptionalValue(key, String.class)))
                .build();
    }

    /** {@code loaded} with {@code http_request} replaced by one built with the configured settings. */
    static ToolRegistry apply(ToolsConfig.HttpRequest config, ToolRegistry loaded) {
        Set<String> allowed = Set.copyOf(config.allowedHosts().orElse(List.of()));
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
