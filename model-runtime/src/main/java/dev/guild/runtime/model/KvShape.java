package dev.guild.runtime.model;

/**
 * What one cached position of a model takes: per layer, one key row and one value row of floats.
 *
 * @param layers     transformer layers
 * @param keyWidth   floats per cached key row (kv heads × key head width; the latent plus rope part for MLA)
 * @param valueWidth floats per cached value row
 */
public record KvShape(int layers, int keyWidth, int valueWidth) {

    public KvShape {
        if (layers <= 0 || keyWidth <= 0 || valueWidth <= 0) {
            throw new IllegalArgumentException("a KV shape needs positive layers, key and value widths, got %d, %d, %d"
                    .formatted(layers, keyWidth, valueWidth));
        }
    }

    /** Bytes of keys and values one position takes over all layers (floats). */
    public long bytesPerToken() {
        return 4L * layers * (keyWidth + valueWidth);
    }
}
