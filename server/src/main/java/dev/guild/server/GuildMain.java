package dev.guild.server;

import dev.guild.server.embedded.DevServices;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of {@code quarkus-run.jar}.
 * <ul>
 *   <li>no argument: the whole platform (services as configured, HTTP, workers);</li>
 *   <li>{@code dev-services}: only Temporal, Kafka and PostgreSQL, without the Quarkus application (no HTTP server,
 *       no worker), until the process is stopped. Another process then points at them by configuration.</li>
 *   <li>{@code validate <file-or-directory>...}: checks workflow definitions ({@link ValidateCommand}).</li>
 * </ul>
 */
@QuarkusMain
public final class GuildMain {

    /** Argument that selects the services-only mode. */
    public static final String DEV_SERVICES = "dev-services";

    GuildMain() {
        // not instantiated: main is the entry point (package-private so that Quarkus does not warn)
    }

    public static void main(String... args) {
        if (args.length == 0) {
            Quarkus.run(args);
            return;
        }
        switch (args[0]) {
            case DEV_SERVICES -> System.exit(DevServices.run(System.out, System.err));
            case "validate" -> System.exit(ValidateCommand.run(java.util.List.of(args).subList(1, args.length),
                    System.out, System.err));
            case "--help", "-h", "help" -> System.out.println(usage());
            default -> {
                System.err.println("unknown mode '" + args[0] + "'.\n" + usage());
                System.exit(2);
            }
        }
    }

    private static String usage() {
        return """
                usage: java -jar quarkus-run.jar [dev-services | validate <file-or-directory>...]
                  (no argument)   the whole platform: services as configured, HTTP API, workers
                  dev-services    only Temporal, Kafka and PostgreSQL, until stopped; point the platform at them
                                  with the settings it prints
                  validate        check workflow definitions and print every problem with file, line and path
                configuration: -Dguild.<key>=<value>, environment GUILD_<KEY>, or application.properties;
                see docs/configuration.md""";
    }
}
