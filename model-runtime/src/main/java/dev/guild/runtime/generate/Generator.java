package dev.guild.runtime.generate;

import dev.guild.runtime.model.Batch;
import dev.guild.runtime.model.ContextLimitException;
import dev.guild.runtime.model.KvCache;
import dev.guild.runtime.model.Model;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The generation loop for one sequence: prefill the prompt in chunks (matrix-matrix), then decode
 * one token per step until a stop token, maxTokens or the context limit.
 */
public final class Generator {

    /** Prompt tokens per prefill step. */
    public static final int PREFILL_CHUNK = 512;

    private Generator() {
    }

    /**
     * @param onToken receives each generated token as soon as it is chosen (for streaming)
     * @throws ContextLimitException if the prompt alone fills the context
     */
    public static GenerationResult generate(Model model, GenerationRequest request, IntConsumer onToken) {
        int[] prompt = request.prompt();
        int trained = model.config().contextLength();
        int limit = Math.min(request.contextLimit(), trained);
        if (prompt.length >= limit) {
            throw new ContextLimitException(prompt.length + 1, limit,
                    ("the prompt has %d tokens but the context limit is %d tokens (prompt plus at least one generated "
                            + "token); shorten the prompt or raise the context limit (the model was trained for %d)")
                            .formatted(prompt.length, limit, trained));
        }
        KvCache cache = model.newCache(limit);
        Sampler sampler = new Sampler(request.sampling(), request.suppressedTokens());
        int[] history = Arrays.copyOf(prompt, Math.min(limit, prompt.length + request.maxTokens()));
        int length = prompt.length;

        long start = System.nanoTime();
        float[] logits = null;
        for (int off = 0; off < prompt.length; off += PREFILL_CHUNK) {
            int[] chunk = Arrays.copyOfRange(prompt, off, Math.min(prompt.length, off + PREFILL_CHUNK));
            logits = model.forward(Batch.of(cache, chunk)).getFirst()[0];
        }
        long promptNanos = System.nanoTime() - start;
        start = System.nanoTime();
        int produced = 0;
        GenerationResult.StopReason reason;
        while (true) {
            int next = sampler.sample(logits, history, length);
            if (request.stopTokens().contains(next)) {
                reason = GenerationResult.StopReason.STOP_TOKEN;
                break;
            }
            history[length++] = next;
            produced++;
            onToken.accept(next);
            if (produced == request.maxTokens()) {
                reason = GenerationResult.StopReason.MAX_TOKENS;
                break;
            }
            if (length >= limit) {
                reason = GenerationResult.StopReason.CONTEXT_FULL;
                break;
            }
            logits = model.forward(Batch.of(cache, next)).getFirst()[0];
        }
        return new GenerationResult(Arrays.copyOfRange(history, prompt.length, length), reason, prompt.length,
                promptNanos, System.nanoTime() - start);
    }
}
