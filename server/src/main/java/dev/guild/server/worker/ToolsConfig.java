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

    /** The research tools ({@code guild.tools.research.*}); docs/tools.md, section Research, has the defaults. */
    Research research();

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

    interface Research {
        /** Directory of the knowledge base's Lucene index; default {@code <data dir>/research/index}. */
        Optional<Path> indexDir();

        /** The only directory {@code ingest_document} reads files from; default {@code <data dir>/research/inbox}. */
        Optional<Path> inboxDir();

        /** Passage size ({@code guild.tools.research.chunk.*}). */
        Chunk chunk();

        /** Largest document {@code ingest_document} accepts; default {@code 20M}. */
        Optional<String> maxDocumentBytes();

        /** Longest text read from one document; default {@code 1000000}. */
        Optional<String> maxDocumentChars();

        /** Limits of {@code fetch_url} ({@code guild.tools.research.fetch.*}). */
        Fetch fetch();

        /** Base URL of a SearXNG instance for {@code web_search}; default none (no web search). */
        Optional<String> searxngUrl();

        /** Limit for one web search request; default {@code 10s}. */
        Optional<String> searchTimeout();

        interface Chunk {
            /** Longest passage in characters; default {@code 600}. */
            Optional<String> maxChars();

            /** Characters repeated from the previous passage; default {@code 100}. */
            Optional<String> overlapChars();
        }

        interface Fetch {
            /** Hosts or addresses reachable although internal; default none. */
            Optional<List<String>> allowedHosts();

            /** Deadline of a whole fetch; default {@code 15s}. */
            Optional<String> timeout();

            /** Largest body read; default {@code 5M}. */
            Optional<String> maxBytes();

            /** Redirects followed; default {@code 5}. */
            Optional<String> maxRedirects();

            /** Longest text returned; default {@code 20000}. */
            Optional<String> maxTextChars();
        }
    }
}
