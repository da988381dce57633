package dev.guild.runtime.serve.internal;

import dev.guild.runtime.generate.Sampler;
import dev.guild.runtime.kv.PagedKvCache;
import dev.guild.runtime.serve.Completion;
import dev.guild.runtime.serve.FinishReason;
import dev.guild.runtime.serve.GenerationJob;

import java.util.Arrays;
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
    private PagedKvCache cache;
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

    /** The tokens the scheduler expects this request to still cost, given the mean generated length seen. */
    public long expectedWork(double meanGenerated) {
        double gen = Math.min(job.maxTokens(), meanGenerated);
        return (long) prompt.length - prefilled + (long) Math.max(0, Math.ceil(gen) - generated);
    }

    /**
     * Takes a cache and a sampler: the sequence joins the batch. When the cache starts with blocks from
     * the prefix cache it already holds the first {@code cache.length()} prompt tokens, which are not
     * prefilled again.
     */
    public void start(PagedKvCache cache) {
        this.cache = cache;
        prefilled = cache.length();
        sampler = new Sampler(job.sampling(), Set.of());
        history = Arrays.copyOf(prompt, reservation + 1);
        length = prompt.length;
    }

    public PagedKvCache cache() {
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
        cache.commit(history);
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

    /** Gives the KV blocks back to the pool (full, committed ones stay in the prefix cache); idempotent. */
    public void releaseCache() {
        if (cache != null) {
            cache.release();
            cache = null;
        }
    }

    /**
     * Ends the request; the scheduler then {@linkplain #releaseCache() releases} its cache and
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

    /** Ends the request with an error; the scheduler then releases its cache. */
    public void fail(Throwable cause) {
        if (reason == null) {
            reason = FinishReason.CANCELLED;
            failed = true;
        }
        result.completeExceptionally(cause);
    }
}
