package dev.guild.tools.research;

import dev.guild.tools.ToolSettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings of the research tools ({@code guild.tools.research.*}, documented in docs/tools.md, section "Research").
 *
 * @param indexDir          directory of the knowledge base's Lucene index; default {@code <data-dir>/research/index}
 * @param inboxDir          the only directory whose files {@code ingest_document} may read by path; default
 *                          {@code <data-dir>/research/inbox}
 * @param chunkMaxChars     longest passage, in characters; default 600 (about 150 tokens, inside the embedding
 *                          model's 256-token window)
 * @param chunkOverlapChars characters a passage repeats from the end of the previous one (whole sentences); default 100
 * @param maxDocumentBytes  largest document {@code ingest_document} accepts; default 20 MiB
 * @param maxDocumentChars  longest text read from one document (bounds the passages to embed: about 2000 at the
 *                          defaults, a minute of embedding on two cores); default 1,000,000
 * @param fetch             limits of {@code fetch_url} (and of {@code ingest_document} with a URL)
 * @param searxngUrl        base URL of a SearXNG instance for {@code web_search}; empty = web search not configured
 * @param searchTimeout     limit for one web search request; default 10 s
 */
public record ResearchSettings(Path indexDir, Path inboxDir, int chunkMaxChars, int chunkOverlapChars,
                               long maxDocumentBytes, int maxDocumentChars, FetchSettings fetch, Optional<URI> searxngUrl, Duration searchTimeout) {

    public static final String PREFIX = "guild.tools.research.";

    /**
     * @param allowedHosts  host names or literal addresses reachable although internal; default none
     * @param timeout       deadline for the whole fetch, redirects and body included; default 15 s
     * @param maxBytes      largest body read; a longer one is refused; default 5 MiB
     * @param maxRedirects  redirects followed, each checked like the first URL; default 5
     * @param maxTextChars  longest text returned by {@code fetch_url} (the rest is cut and flagged); default 20000
     */
    public record FetchSettings(Set<String> allowedHosts, Duration timeout, long maxBytes, int maxRedirects, int maxTextChars) {
        public static final FetchSettings DEFAULTS = new FetchSettings(Set.of(), Duration.ofSeconds(15), 5L << 20, 5, 20_000);

        public FetchSettings {
            allowedHosts = Set.copyOf(allowedHosts);
            List<String> problems = new ArrayList<>();
            positive(problems, "fetch.timeout", timeout);
            if (maxBytes < 1) {
                problems.add(PREFIX + "fetch.max-bytes must be at least 1; got " + maxBytes);
            }
            if (maxRedirects < 0 || maxRedirects > 20) {
                problems.add(PREFIX + "fetch.max-redirects must be between 0 and 20; got " + maxRedirects);
            }
            if (maxTextChars < 100) {
                problems.add(PREFIX + "fetch.max-text-chars must be at least 100; got " + maxTextChars);
            }
            fail(problems);
        }
    }

    public ResearchSettings {
        fetch = fetch == null ? FetchSettings.DEFAULTS : fetch;
        searxngUrl = searxngUrl == null ? Optional.empty() : searxngUrl;
        List<String> problems = new ArrayList<>();
        if (indexDir == null) {
            problems.add(PREFIX + "index-dir is missing; set a directory for the knowledge base's index");
        }
        if (inboxDir == null) {
            problems.add(PREFIX + "inbox-dir is missing; set the directory ingest_document may read files from");
        }
        if (chunkMaxChars < 100 || chunkMaxChars > 4000) {
            problems.add(PREFIX + "chunk.max-chars must be between 100 and 4000; got " + chunkMaxChars);
        }
        if (chunkOverlapChars < 0 || chunkOverlapChars > chunkMaxChars / 2) {
            problems.add(PREFIX + "chunk.overlap-chars must be between 0 and half of chunk.max-chars (" + chunkMaxChars / 2
                    + "); got " + chunkOverlapChars);
        }
        if (maxDocumentBytes < 1) {
            problems.add(PREFIX + "max-document-bytes must be at least 1; got " + maxDocumentBytes);
        }
        if (maxDocumentChars < 1000 || maxDocumentChars > 100_000_000) {
            problems.add(PREFIX + "max-document-chars must be between 1000 and 100000000; got " + maxDocumentChars);
        }
        searxngUrl.ifPresent(url -> {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                problems.add(PREFIX + "searxng-url must be an absolute http(s) URL such as http://searxng:8080; got '" + url + "'");
            }
        });
        positive(problems, "search-timeout", searchTimeout);
        fail(problems);
    }

    /** The defaults, with the index and inbox under {@code dataDir/research}. */
    public static ResearchSettings defaults(Path dataDir) {
        Path research = dataDir.resolve("research");
        return new ResearchSettings(research.resolve("index"), research.resolve("inbox"), 600, 100, 20L << 20, 1_000_000,
                FetchSettings.DEFAULTS, Optional.empty(), Duration.ofSeconds(10));
    }

    /**
     * Reads the {@code guild.tools.research.*} keys (see docs/tools.md); unset keys take the defaults. Sizes are
     * written {@code 5M}, durations {@code 15s} or ISO-8601, lists comma-separated.
     *
     * @throws IllegalArgumentException naming the key, the value and the fix
     */
    public static ResearchSettings from(Path dataDir, ToolSettings config) {
        ResearchSettings d = defaults(dataDir);
        FetchSettings f = d.fetch();
        Set<String> allowed = config.string(PREFIX + "fetch.allowed-hosts")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet()))
                .orElse(f.allowedHosts());
        Optional<URI> searxng = config.string(PREFIX + "searxng-url").map(v -> {
            try {
                return new URI(v);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("setting " + PREFIX + "searxng-url = '" + v + "' is not a URI: "
                        + e.getMessage() + "; write an absolute URL such as http://searxng:8080");
            }
        });
        return new ResearchSettings(
                config.path(PREFIX + "index-dir").orElse(d.indexDir()),
                config.path(PREFIX + "inbox-dir").orElse(d.inboxDir()),
                config.integer(PREFIX + "chunk.max-chars", d.chunkMaxChars()),
                config.integer(PREFIX + "chunk.overlap-chars", d.chunkOverlapChars()),
                config.bytes(PREFIX + "max-document-bytes", d.maxDocumentBytes()),
                config.integer(PREFIX + "max-document-chars", d.maxDocumentChars()),
                new FetchSettings(allowed,
                        config.duration(PREFIX + "fetch.timeout", f.timeout()),
                        config.bytes(PREFIX + "fetch.max-bytes", f.maxBytes()),
                        config.integer(PREFIX + "fetch.max-redirects", f.maxRedirects()),
                        config.integer(PREFIX + "fetch.max-text-chars", f.maxTextChars())),
                searxng,
                config.duration(PREFIX + "search-timeout", d.searchTimeout()));
    }

    /** These settings with other fetch limits. */
    public ResearchSettings withFetch(FetchSettings fetch) {
        return new ResearchSettings(indexDir, inboxDir, chunkMaxChars, chunkOverlapChars, maxDocumentBytes, maxDocumentChars,
                fetch, searxngUrl, searchTimeout);
    }

    /** These settings with other document limits. */
    public ResearchSettings withDocumentLimits(long maxDocumentBytes, int maxDocumentChars) {
        return new ResearchSettings(indexDir, inboxDir, chunkMaxChars, chunkOverlapChars, maxDocumentBytes, maxDocumentChars,
                fetch, searxngUrl, searchTimeout);
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(PREFIX + key + " must be a positive duration such as PT10S; got " + value);
        }
    }

    private static void fail(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid research settings: " + String.join("; ", problems));
        }
    }
}
