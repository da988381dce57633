package dev.guild.runtime.chat;

import dev.guild.runtime.gguf.GgufMetadata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Picks the template for a model: its own {@code tokenizer.chat_template}, else its family's built-in one. */
public final class ChatTemplates {
    private ChatTemplates() {
    }

    /** The built-in template of {@code family}. */
    public static ChatTemplate fallback(ModelFamily family, String bosToken, String eosToken) {
        return ChatTemplate.of(builtInSource(family), bosToken, eosToken);
    }

    public static String builtInSource(ModelFamily family) {
        String resource = "templates/" + family.templateResource();
        try (InputStream in = ChatTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in chat template " + resource + " is missing from the runtime jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in chat template " + resource + ": " + e, e);
        }
    }

    /**
     * The template for a GGUF model: {@code tokenizer.chat_template} when present, else the built-in one of
     * the family its {@code general.architecture} and {@code tokenizer.ggml.model} indicate; {@code bos_token}
     * and {@code eos_token} are the texts of {@code tokenizer.ggml.bos_token_id}/{@code eos_token_id}.
     *
     * @throws IllegalArgumentException when no template applies, or a token id is outside the vocabulary
     */
    public static ChatTemplate forModel(GgufMetadata metadata) {
        java.util.List<String> tokens = metadata.getStringList("tokenizer.ggml.tokens").orElse(java.util.List.of());
        return forModel(metadata.getString("tokenizer.chat_template"), metadata.getString("general.architecture", ""),
                metadata.getString("tokenizer.ggml.model", ""), tokenText(metadata, tokens, "tokenizer.ggml.bos_token_id"),
                tokenText(metadata, tokens, "tokenizer.ggml.eos_token_id"));
    }

    private static String tokenText(GgufMetadata metadata, java.util.List<String> tokens, String key) {
        Optional<Long> id = metadata.getLong(key);
        if (id.isEmpty()) {
            return "";
        }
        if (id.get() < 0 || id.get() >= tokens.size()) {
            throw new IllegalArgumentException(key + " = " + id.get() + " is outside the vocabulary of " + tokens.size()
                    + " tokens in " + metadata.source() + "; the file is inconsistent");
        }
        return tokens.get(id.get().intValue());
    }

    /**
     * The model's own template when present, else the built-in template of its detected family.
     *
     * @throws IllegalArgumentException when the model has no template and its family is unknown
     */
    public static ChatTemplate forModel(Optional<String> chatTemplate, String architecture, String tokenizerModel,
                                        String bosToken, String eosToken) {
        if (chatTemplate.isPresent() && !chatTemplate.get().isBlank()) {
            return ChatTemplate.of(chatTemplate.get(), bosToken, eosToken);
        }
        ModelFamily family = ModelFamily.detect(architecture, tokenizerModel, Optional.empty())
                .orElseThrow(() -> new IllegalArgumentException("the model has no tokenizer.chat_template and its"
                        + " architecture '" + architecture + "' has no built-in template; add a chat template to the"
                        + " GGUF metadata or pick one of the families " + java.util.Arrays.toString(ModelFamily.values())));
        return fallback(family, bosToken, eosToken);
    }
}
