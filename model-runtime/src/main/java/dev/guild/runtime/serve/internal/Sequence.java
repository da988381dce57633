package dev.guild.runtime.serve.internal;

import dev.guild.runtime.generate.Sampler;
import dev.guild.runtime.model.KvCache;
import dev.guild.runtime.model.Model;
import dev.guild.runtime.serve.Completion;
import dev.guild.runtime.serve.FinishReason;
import dev.guild.runtime.serve.GenerationJob;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The scheduler's state of one request: its KV cache, sampler, tokens so far and progress through the
 * prompt. Touched only by the scheduler thread, except {@link #cancel()}.
 */
public final class Sequence {

    private final GenerationJob job;
    private final int[] prompt;
    private final int contextLength;
    private final int reservation;
    private final long submitted;
    private final CompletableFuture<Completion> result = new CompletableFuture<>();
    private volatile boolean cancelled;
    private KvCache cache;
    private Sampler sampler;
    private int[] history;
    private int length;
    private int prefilled;
    private int generated;
    private boolean emitted;
    private long firstTokenNanos = -1;
    private FinishReason reason;
    private boolean failed;

    public Sequence(GenerationJob job, int contextLength, long submittedNanos) {
        this.job = job;
        this.prompt = job.prompt();
        this.contextLength = contextLength;
        this.reservation = (int) Math.min((long) prompt.length + job.maxTokens(), contextLength);
        this.submitted = submittedNanos;
    }

    /** The prompt (not a copy: do not modify). */
    public int[] promptTokens() {
        return prompt;
    }

    /** KV positions this sequence may use: prompt plus max tokens, capped at the context length. */
    public int reservation() {
        return reservation;
    }

    /**
     * Takes a cache and a sampler: the sequence joins the batch. With a prefix-cache match the cache
     * already holds the first {@code match.length()} prompt tokens, which are not prefilled again.
     * Caches are made for the whole context (they grow as used) so that any later request can reuse them.
     */
    public void start(Model model, Optional<PrefixPool.Match> match) {
        cache = match.map(PrefixPool.Match::cache).orElseGet(() -> model.newCache(contextLength));
        prefilled = match.map(PrefixPool.Match::length).orElse(0);
        sampler = new Sampler(job.sampling(), Set.of());
        history = Arrays.copyOf(prompt, reservation + 1);
        length = prompt.length;
    }

    public KvCache cache() {
        return cache;
    }

    public boolean prefilling() {
        return prefilled < prompt.length;
    }

    public int[] nextPrefillChunk(int max) {
        return Arrays.copyOfRange(prompt, prefilled, Math.min(prompt.length, prefilled + max));
    }

    public int lastToken() {
        return history[length - 1];
    }

    /**
     * Takes the result of a forward step that appended {@code n} tokens: while the prompt is not
     * prefilled it only advances; otherwise it chooses the next token and decides whether to end.
     */
    public void afterStep(int n, float[] logits, long nowNanos) {
        emitted = false;
        if (prefilling()) {
            prefilled += n;
            if (prefilling()) {
                return;
            }
        }
        try {
            job.constraint().ifPresent(c -> c.mask(logits));
            int next = sampler.sample(logits, history, length);
            if (job.stopTokens().contains(next)) {
                finish(FinishReason.STOP);
                return;
            }
            job.constraint().ifPresent(c -> c.accept(next));
            history[length++] = next;
            generated++;
            emitted = true;
            if (generated == 1) {
                firstTokenNanos = nowNanos - submitted;
            }
            if (!job.listener().onToken(next)) {
                finish(FinishReason.STOP);
            } else if (generated >= job.maxTokens()) {
                finish(FinishReason.LENGTH);
            } else if (length >= contextLength) {
                finish(FinishReason.CONTEXT_FULL);
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    public boolean emittedThisStep() {
        return emitted;
    }

    public int generated() {
        return generated;
    }

    public long firstTokenNanos() {
        return firstTokenNanos;
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public boolean done() {
        return reason != null;
    }

    /** True when the request ended with an error (its listener or constraint threw). */
    public boolean failed() {
        return failed;
    }

    public FinishReason reason() {
        return reason;
    }

    public CompletableFuture<Completion> result() {
        return result;
    }

    /** The tokens the cache holds and the cache, for the prefix pool, once the request ended; empty after a failure. */
    public Optional<Map.Entry<int[], KvCache>> detachCache() {
        KvCache c = cache;
        cache = null;
        if (c == null || failed || c.length() > length) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(Arrays.copyOf(history, c.length()), c));
    }

    /**
     * Ends the request; the scheduler then frees or pools its cache ({@link #detachCache()}) and
     * {@link #publish() publishes} the result, so that a caller who sees the result also sees the metrics.
     */
    public void finish(FinishReason why) {
        if (reason != null) {
            return;
        }
        reason = why;
    }

    /** Completes the result future of a finished request. */
    public void publish() {
        if (reason != null && !failed && !result.isDone()) {
            int[] out = history == null ? new int[0] : Arrays.copyOfRange(history, prompt.length, length);
            result.complete(new Completion(out, reason, prompt.length, firstTokenNanos));
        }
    }

    /** Ends the request with an error and frees its cache. */
    public void fail(Throwable cause) {
        if (reason == null) {
            reason = FinishReason.CANCELLED;
            failed = true;
        }
        cache = null;
        result.completeExceptionally(cause);
    }
}
