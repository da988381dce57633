package dev.guild.server.embedded;

import dev.guild.server.config.GuildSettings;
import dev.guild.server.config.InvalidConfigurationException;
import io.smallrye.config.ConfigValidationException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code dev-services} mode: starts the services in plain Java (no Quarkus application, so no HTTP server and
 * no worker), prints where they listen and the settings that point another Guild process at them, and runs until
 * the process is stopped (SIGTERM or Ctrl-C stop the services cleanly).
 */
public final class DevServices {

    /** Printed before the settings; each following line until a blank one is {@code key=value}. */
    public static final String SETTINGS_HEADER = "Point the platform at these services with:";

    /** Loggers of the embedded servers that are too chatty at INFO; kept here so their levels stick. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private DevServices() {
    }

    /**
     * Starts the services and blocks until the JVM stops. Returns only when the start failed.
     *
     * @return the exit status: 2 for a configuration problem, 1 for a service that did not start
     */
    public static int run(PrintStream out, PrintStream err) {
        quietEmbeddedServers();
        GuildServices services;
        try {
            String profile = System.getProperty("quarkus.profile",
                    System.getenv().getOrDefault("QUARKUS_PROFILE", "prod"));
            services = GuildServices.start(GuildSettings.load(profile, Map.of()));
        } catch (InvalidConfigurationException | ConfigValidationException | IllegalArgumentException e) {
            err.println("dev-services: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("dev-services: a service did not start: " + e.getMessage());
            for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                err.println("  caused by " + cause);
            }
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(services::close, "guild-dev-services-stop"));
        services.report().forEach(r -> out.println(r.line()));
        out.println(SETTINGS_HEADER);
        connectionSettings(services).forEach((k, v) -> out.println(k + "=" + v));
        out.println();
        out.println("dev-services: running; no HTTP server and no worker in this process. Stop with Ctrl-C.");
        out.flush();
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The settings that make another process use these services instead of embedding its own. */
    public static Map<String, String> connectionSettings(GuildServices services) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("guild.temporal.target", services.temporal().target());
        settings.put("guild.temporal.namespace", services.temporal().namespace());
        settings.put(GuildSettings.KAFKA_BOOTSTRAP_SERVERS, services.kafka().bootstrapServers());
        settings.put("guild.postgres.jdbc-url", services.postgres().jdbcUrl());
        settings.put("guild.postgres.username", services.postgres().username());
        if (services.temporal().embedded()) {
            // the Java test server never reroutes a task from the sticky queue of a worker that died
            settings.put("guild.workflows.sticky-execution", "false");
        }
        return settings;
    }

    private static void quietEmbeddedServers() {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger", "io.zonky", "io.temporal")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }
}
