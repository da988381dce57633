package dev.guild.server.artifacts.internal;

import dev.guild.server.embedded.GuildServices;
import dev.guild.server.hooks.ErrorBody;
import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.artifacts.Artifact;
import dev.guild.tools.artifacts.ArtifactStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET|HEAD /api/artifacts/{sha256}/{name}}: the content of {@code artifact://<sha256>/<name>} with its content
 * type, length and {@code ETag} (the SHA-256; {@code If-None-Match} answers 304). Every answer forbids sniffing and
 * sandboxes the document (no script, no same-origin access), and anything but a raster image is a download
 * ({@code Content-Disposition: attachment}), so a stored HTML page or SVG cannot act in the platform's origin.
 */
@Path("/api/artifacts")
public class ArtifactsResource {

    static final String CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
    /** Raster images a browser may show inline; SVG is not among them (it can carry script). */
    static final Pattern INLINE = Pattern.compile("image/(png|jpeg|gif|webp|avif|bmp)(;.*)?");

    @Inject
    GuildServices services;

    private volatile ArtifactStore store;

    @GET
    @Path("{sha256}/{name}")
    public Response get(@PathParam("sha256") String sha256, @PathParam("name") String name,
                        @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(sha256, name, ifNoneMatch, true);
    }

    @HEAD
    @Path("{sha256}/{name}")
    public Response head(@PathParam("sha256") String sha256, @PathParam("name") String name,
                         @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return answer(sha256, name, ifNoneMatch, false);
    }

    private Response answer(String sha256, String name, String ifNoneMatch, boolean withBody) {
        String uri = Artifact.uri(sha256, name);
        try {
            Optional<Artifact> found;
            try {
                found = store().get(uri);
            } catch (IllegalArgumentException e) {
                // the store refuses a malformed hash or name (slashes, "..", other characters) before touching files
                return error(400, "bad_artifact_path", e.getMessage(), "Serve artifact://<sha256>/<name> at"
                        + " /api/artifacts/<sha256>/<name>, with the hash and the name exactly as the tool returned them");
            }
            if (found.isEmpty()) {
                return error(404, "unknown_artifact", "No artifact is stored at " + uri,
                        "Use a URI that a tool returned; artifacts are addressed by their content's SHA-256 and name");
            }
            Artifact artifact = found.get();
            String etag = "\"" + artifact.sha256() + "\"";
            Response.ResponseBuilder answer;
            if (matches(ifNoneMatch, artifact.sha256())) {
                answer = Response.notModified();
            } else if (withBody) {
                InputStream content = store().open(uri);
                answer = Response.ok(content, artifact.contentType());
            } else {
                answer = Response.ok().type(artifact.contentType());
            }
            return answer
                    .header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CONTENT_LENGTH, artifact.size())
                    .header(HttpHeaders.CONTENT_TYPE, artifact.contentType())
                    .header("Content-Disposition", disposition(artifact))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", CSP)
                    .header(HttpHeaders.CACHE_CONTROL, "private, max-age=31536000, immutable")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("reading artifact " + uri + " from the artifact store failed: " + e.getMessage(), e);
        }
    }

    /** Inline for raster images, a download for everything else (HTML, SVG, documents). */
    static String disposition(Artifact artifact) {
        boolean inline = INLINE.matcher(artifact.contentType().toLowerCase(Locale.ROOT)).matches();
        return (inline ? "inline" : "attachment") + "; filename=\"" + artifact.name() + "\"";
    }

    /** True when {@code ifNoneMatch} ({@code *}, or a list of strong or weak tags) names {@code sha256}. */
    static boolean matches(String ifNoneMatch, String sha256) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals("\"" + sha256 + "\"")) {
                return true;
            }
        }
        return false;
    }

    private ArtifactStore store() {
        ArtifactStore s = store;
        if (s == null) {
            // the store the tools write to: ToolEnvironment's default under the data directory
            s = ToolEnvironment.builder(services.dataDir()).build().artifacts();
            store = s;
        }
        return s;
    }

    private static Response error(int status, String code, String message, String fix) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message, fix))
                .header("X-Content-Type-Options", "nosniff").build();
    }
}
