package dev.guild.runtime.chat;

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
