package dev.guild.runtime.tokenizer;

import dev.guild.runtime.tokenizer.internal.LlamaCppTokenizer;
import java.util.Map;
import java.util.Set;

/**
 * Text to token ids and back, built from a GGUF file's {@code tokenizer.ggml.*} metadata and
 * producing the ids llama.cpp (build b4916) produces: byte-level BPE ({@code gpt2}) with the
 * pre-tokenizer named by {@code tokenizer.ggml.pre}, and SentencePiece ({@code llama}) with scores
 * and byte fallback. Instances are immutable and safe to share between threads.
 */
public interface Tokenizer {
    /** Returned by the id getters when the vocabulary has no such token. */
    int NO_TOKEN = -1;

    /**
     * Builds a tokenizer from GGUF metadata in the GGUF reader's Java mapping (strings as
     * {@code String}, string arrays as {@code List<String>}, f32 arrays as {@code float[]}, integer
     * arrays as {@code int[]}, u32 as {@code Integer} or {@code Long}, bool as {@code Boolean}).
     *
     * @throws TokenizerException when the metadata lacks a vocabulary, names an unsupported model
     *                            or pre-tokenizer (the message lists the supported ones), or is inconsistent
     */
    static Tokenizer fromGgufMetadata(Map<String, Object> metadata) {
        return LlamaCppTokenizer.fromMetadata(metadata);
    }

    /**
     * Encodes text. {@code addSpecial} adds BOS/EOS as the model asks ({@link #addsBos()},
     * {@link #addsEos()}); {@code parseSpecial} turns control-token text such as {@code <|im_end|>}
     * in the input into that token (user-defined tokens are always recognised, as in llama.cpp).
     */
    int[] encode(String text, boolean addSpecial, boolean parseSpecial);

    /** Encodes UTF-8 bytes; malformed sequences become U+FFFD, byte by byte, as in llama.cpp. */
    int[] encode(byte[] utf8, boolean addSpecial, boolean parseSpecial);

    /**
     * The bytes one token stands for (llama.cpp {@code token_to_piece}); may be part of a UTF-8
     * sequence. Control and unknown tokens render as their text only with {@code renderSpecial}.
     *
     * @throws TokenizerException when the id is outside the vocabulary
     */
    byte[] tokenToPiece(int id, boolean renderSpecial);

    /** The concatenated pieces of the ids as text; malformed UTF-8 becomes U+FFFD. */
    String decode(int[] ids, boolean renderSpecial);

    /** A decoder for a stream of generated ids that never emits half of a UTF-8 sequence. */
    default StreamingDecoder streamingDecoder(boolean renderSpecial) {
        return StreamingDecoder.of(this, renderSpecial);
    }

    int vocabularySize();

    /** The token's text as stored in the vocabulary (GPT-2 byte characters for BPE, U+2581 for SPM spaces). */
    String tokenText(int id);

    TokenType tokenType(int id);

    int bosId();

    int eosId();

    /** End-of-turn token, given in the metadata or found by its text; {@link #NO_TOKEN} when none. */
    int eotId();

    int unknownId();

    int paddingId();

    boolean addsBos();

    boolean addsEos();

    /** True for tokens that end generation: EOS, EOT, EOM, FIM pad/repo/separator and end-of-turn texts. */
    boolean isEog(int id);

    Set<Integer> eogIds();

    /** {@code gpt2} or {@code llama}. */
    String model();

    /** The pre-tokenizer group in use for BPE ({@code llama3}, {@code qwen2}, ...), {@code none} for SPM. */
    String preTokenizer();
}
