package dev.guild.tools.artifacts;

/** Content over the store's size limit; nothing was stored. */
public class ArtifactTooLargeException extends IllegalArgumentException {
    public ArtifactTooLargeException(String name, long limit) {
        super("artifact '" + name + "' is larger than the limit of " + limit + " bytes; make it smaller or raise"
                + " guild.tools.artifacts.max-bytes");
    }
}
