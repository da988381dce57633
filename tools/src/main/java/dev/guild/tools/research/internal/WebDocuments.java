package dev.guild.tools.research.internal;

import dev.guild.tools.ToolUnavailableException;
import dev.guild.tools.artifacts.Artifact;
import dev.guild.tools.artifacts.ArtifactStore;

import java.io.IOException;

/**
 * Fetches a URL safely ({@link SafeFetcher}), parses it ({@link DocumentParser}) and keeps the downloaded bytes in the
 * {@link ArtifactStore}, so that what an answer cites can be read again as it was.
 */
public final class WebDocuments {

    /** A fetched, parsed and stored document. */
    public record Page(SafeFetcher.Fetched fetched, ParsedDocument document, String artifactUri) {
    }

    private final SafeFetcher fetcher;
    private final DocumentParser parser;
    private final ArtifactStore artifacts;

    public WebDocuments(SafeFetcher fetcher, DocumentParser parser, ArtifactStore artifacts) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.artifacts = artifacts;
    }

    public Page fetch(String url) {
        SafeFetcher.Fetched fetched = fetcher.fetch(url);
        String name = fileName(fetched);
        ParsedDocument document = parser.parse(fetched.body(), name, fetched.contentType());
        try {
            Artifact artifact = artifacts.put(name, document.contentType(), fetched.body());
            return new Page(fetched, document, artifact.uri());
        } catch (IOException e) {
            throw new ToolUnavailableException("storing the fetched document from " + fetched.url() + " failed: " + e.getMessage(), e);
        }
    }

    /** The last path segment, or the host for a bare domain. */
    static String fileName(SafeFetcher.Fetched fetched) {
        String path = fetched.url().getPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? fetched.url().getHost() : last;
    }
}
