package dev.guild.runtime.tokenizer;

import dev.guild.runtime.tokenizer.internal.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns generated token ids into text as they arrive. Bytes of a UTF-8 sequence split across
 * tokens are held back until the sequence is complete, so no emitted chunk ends in half a
 * character. Not thread-safe: use one per sequence being generated.
 */
public final class StreamingDecoder {
    private final Tokenizer tokenizer;
    private final boolean renderSpecial;
    private byte[] pending = new byte[16];
    private int pendingLength;

    StreamingDecoder(Tokenizer tokenizer, boolean renderSpecial) {
        this.tokenizer = tokenizer;
        this.renderSpecial = renderSpecial;
    }

    /** Creates a decoder over any tokenizer. */
    public static StreamingDecoder of(Tokenizer tokenizer, boolean renderSpecial) {
        return new StreamingDecoder(tokenizer, renderSpecial);
    }

    /** Adds one token and returns the text that is complete now (possibly empty). */
    public String push(int id) {
        byte[] piece = tokenizer.tokenToPiece(id, renderSpecial);
        if (pendingLength + piece.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + piece.length));
        }
        System.arraycopy(piece, 0, pending, pendingLength, piece.length);
        pendingLength += piece.length;
        int ready = Utf8.completePrefix(pending, pendingLength);
        String text = new String(pending, 0, ready, StandardCharsets.UTF_8);
        System.arraycopy(pending, ready, pending, 0, pendingLength - ready);
        pendingLength -= ready;
        return text;
    }

    /** Returns what is still held back (an incomplete sequence becomes U+FFFD) and resets. */
    public String finish() {
        String text = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
        pendingLength = 0;
        return text;
    }
}
