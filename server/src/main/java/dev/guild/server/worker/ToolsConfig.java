package dev.guild.server.worker;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the built-in tools ({@code guild.tools.*}). Every key a tool reads must be declared here (Quarkus
 * refuses unknown keys under a mapped prefix). The tools read them by full key through
 * {@link dev.guild.tools.ToolSettings}, which parses and checks them and holds their defaults, so values are kept as
 * text here; docs/tools.md and docs/configuration.md describe each key.
 */
@ConfigMapping(prefix = "guild.tools")
public interface ToolsConfig {

    /** {@code http_request}. */
    HttpRequest httpRequest();

    /** The artifact store ({@code guild.tools.artifacts.*}). */
    Artifacts artifacts();

    /** The booking tools ({@code guild.tools.booking.*}). */
    Booking booking();

    interface HttpRequest {
        /**
         * Host names or literal addresses that {@code http_request} may reach although they are internal (loopback,
         * private, link-local). Default none: only public addresses. Example: {@code localhost,10.0.0.7}.
         */
        Optional<List<String>> allowedHosts();
    }

    interface Artifacts {
        /** Largest artifact accepted ({@code 64M} when unset); {@code 1048576}, {@code 512k}, {@code 10M}, {@code 1G}. */
        Optional<String> maxBytes();
    }

    interface Booking {
        /** Booking provider: {@code sql} (built in, the default) or another registered factory's name. */
        Optional<String> provider();

        /** The catalog file (YAML or JSON); default {@code <data dir>/booking/catalog.yaml}. */
        Optional<Path> catalog();

        /** How long a hold lasts unconfirmed; default {@code 15m}. */
        Optional<String> holdTtl();

        /** Longest booking or search period; default {@code 31d}. */
        Optional<String> maxPeriod();

        /** Zone of local times in searches and lists; default {@code UTC}. */
        Optional<String> timeZone();

        /** E-mail address of the invites' ORGANIZER; default {@code bookings@guild.localhost}. */
        Optional<String> organizer();
    }
}
