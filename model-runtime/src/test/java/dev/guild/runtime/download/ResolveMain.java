package dev.guild.runtime.download;

import java.net.URI;
import java.nio.file.Path;

/** Resolves one hub file in its own JVM: {@code <modelsDir> <hubEndpoint>}; prints the path. Used by the cross-process test. */
public final class ResolveMain {
    private ResolveMain() {
    }

    public static void main(String[] args) {
        DownloadSettings settings = DownloadSettings.defaults(Path.of(args[0])).withHubEndpoint(URI.create(args[1]));
        Path file = new ModelResolver(settings).resolve(new ModelReference.HuggingFace("org/repo", "model.gguf", "main"),
                ExpectedFile.none(), DownloadProgress.Listener.NONE);
        System.out.println(file);
    }
}
