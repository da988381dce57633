package dev.guild.runtime.serve;

import dev.guild.runtime.kv.BlockPool;
import dev.guild.runtime.kv.PagedKvCache;
import dev.guild.runtime.model.Batch;
import dev.guild.runtime.model.Model;
import dev.guild.runtime.serve.internal.Sequence;
import dev.guild.runtime.serve.internal.Throughput;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Continuous batching: one thread owns the model and runs forward steps; at every step waiting
 * requests join the batch (while the sequence limit and the paged KV cache's block budget allow,
 * first come first served) and finished or cancelled ones leave it, giving their blocks back (full
 * blocks stay in the prefix cache for later requests with the same token prefix). Each step is one {@link Batch} mixing prefill chunks (at most
 * {@link SchedulerConfig#prefillChunk()} tokens per sequence) and one decode token per generating
 * sequence. Other threads only submit and cancel, through a lock-protected queue.
 */
public final class Scheduler implements AutoCloseable {

    private final Model model;
    private final SchedulerConfig config;
    private final int contextLength;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final ArrayDeque<Sequence> queue = new ArrayDeque<>();
    private final List<Sequence> running = new ArrayList<>();
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Counters counters = new Counters();
    private final BlockPool blocks;
    private final Throughput throughput = new Throughput();

    public Scheduler(Model model, SchedulerConfig config) {
        this.model = model;
        this.config = config;
        int trained = model.config().contextLength();
        this.contextLength = config.contextLength() == 0 ? trained : Math.min(trained, config.contextLength());
        this.blocks = new BlockPool(model.kvShape(), config.kvBlockTokens(), config.kvBlocks(), config.prefixCaching());
        this.thread = Thread.ofPlatform().name("guild-scheduler").daemon(true).start(this::loop);
    }

    /** The longest sequence (prompt plus generated tokens) this scheduler serves. */
    public int contextLength() {
        return contextLength;
    }

    public SchedulerConfig config() {
        return config;
    }

    /**
     * Queues a request.
     *
     * @throws RequestRejectedException when it can never be served (prompt too long, too many tokens asked)
     * @throws OverloadedException      when the queue is full
     */
    public RequestHandle submit(GenerationJob job) {
        if (job.promptLength() >= contextLength) {
            throw new RequestRejectedException("messages", ("the prompt has %d tokens but the context length is %d"
                    + " tokens (prompt plus at least one generated token); shorten the conversation or serve with a"
                    + " larger context").formatted(job.promptLength(), contextLength));
        }
        if (job.maxTokens() > config.maxTokensPerRequest()) {
            throw new RequestRejectedException("max_tokens", "max_tokens is %d but this server allows at most %d per"
                    .formatted(job.maxTokens(), config.maxTokensPerRequest()) + " request; ask for fewer tokens");
        }
        Sequence seq = new Sequence(job, contextLength, System.nanoTime());
        if (blocks.blocksFor(seq.reservation()) > blocks.totalBlocks()) {
            throw new RequestRejectedException("max_tokens", ("the request needs %d KV cache positions (prompt %d +"
                    + " max_tokens, capped at the context) but the server's KV budget is %d; ask for fewer tokens")
                    .formatted(seq.reservation(), job.promptLength(), blocks.totalBlocks() * blocks.blockTokens()));
        }
        lock.lock();
        try {
            if (closed.get()) {
                throw new IllegalStateException("the scheduler is closed; no more requests are accepted");
            }
            if (queue.size() >= config.maxQueued() && !(queue.isEmpty() && canAdmit(seq))) {
                counters.rejected++;
                int retryAfter = Throughput.retryAfterSeconds(estimatedWaitSeconds());
                throw new OverloadedException(("the server is busy: %d sequences running and %d requests queued"
                        + " (max %d); retry in about %d s").formatted(running.size(), queue.size(), config.maxQueued(),
                        retryAfter), retryAfter);
            }
            queue.addLast(seq);
            work.signal();
        } finally {
            lock.unlock();
        }
        return new Handle(seq);
    }

    /**
     * Seconds until the work now queued and running is done, at the throughput measured over the recent
     * steps (prompt and generated tokens per second of step time): queued requests count their prompt
     * plus the mean generated length seen so far (their max tokens before any request finished). NaN
     * before any step was measured. Called under the lock.
     */
    private double estimatedWaitSeconds() {
        double mean = counters.completed == 0 ? Double.MAX_VALUE : (double) counters.completedGenerated / counters.completed;
        long work = 0;
        for (Sequence s : queue) {
            work += s.expectedWork(mean);
        }
        for (Sequence s : running) {
            work += s.expectedWork(mean);
        }
        return throughput.secondsFor(work);
    }

    private boolean canAdmit(Sequence seq) {
        return running.size() < config.maxSequences() && blocks.fits(seq.reservation());
    }

    public SchedulerMetrics metrics() {
        lock.lock();
        try {
            Counters c = counters;
            BlockPool.Stats kv = blocks.stats();
            int b = kv.blockTokens();
            return new SchedulerMetrics(queue.size(), running.size(), c.lastBatchTokens, c.lastBatchSequences,
                    (long) kv.pinnedBlocks() * b, (long) kv.usedBlocks() * b, (long) kv.totalBlocks() * b, c.steps,
                    c.promptTokens, c.generatedTokens, c.completed, c.cancelled, c.rejected, c.failed,
                    c.firstTokenNanos / 1e9, c.firstTokenCount, c.busyNanos / 1e9, c.promptTokensReused,
                    (long) kv.cachedBlocks() * b, estimatedWaitSeconds());
        } finally {
            lock.unlock();
        }
    }

    private final class Handle implements RequestHandle {
        private final Sequence seq;

        Handle(Sequence seq) {
            this.seq = seq;
        }

        @Override
        public CompletableFuture<Completion> result() {
            return seq.result();
        }

        @Override
        public void cancel() {
            seq.cancel();
            lock.lock();
            try {
                work.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    private void loop() {
        while (!closed.get()) {
            try {
                if (!admit()) {
                    continue;
                }
                step();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                failAll(e);
            }
        }
        failAll(new IllegalStateException("the scheduler was closed before the request finished"));
    }

    /** Moves queued requests into the batch; waits while there is nothing to run. */
    private boolean admit() throws InterruptedException {
        lock.lock();
        try {
            dropCancelledQueued();
            while (!queue.isEmpty() && running.size() < config.maxSequences()) {
                Sequence seq = queue.peekFirst();
                Optional<PagedKvCache> cache = blocks.open(seq.promptTokens(), seq.reservation());
                if (cache.isEmpty()) {
                    break; // the head waits for blocks; later requests wait behind it (first come, first served)
                }
                queue.pollFirst();
                counters.promptTokensReused += cache.get().reusedTokens();
                seq.start(cache.get());
                running.add(seq);
            }
            if (running.isEmpty()) {
                work.await(100, TimeUnit.MILLISECONDS);
                return false;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void dropCancelledQueued() {
        for (Iterator<Sequence> it = queue.iterator(); it.hasNext(); ) {
            Sequence seq = it.next();
            if (seq.cancelled()) {
                it.remove();
                counters.cancelled++;
                seq.finish(FinishReason.CANCELLED);
                seq.publish();
            }
        }
    }

    private void step() {
        List<Sequence> members = new ArrayList<>();
        List<Batch.Entry> entries = new ArrayList<>();
        List<Boolean> prefill = new ArrayList<>();
        int decoding = 0;
        for (Sequence seq : running) {
            if (!seq.cancelled() && !seq.prefilling()) {
                decoding++;
            }
        }
        int prefillBudget = Math.max(0, config.stepTokens() - decoding);
        for (Sequence seq : running) {
            if (seq.cancelled()) {
                continue;
            }
            int[] tokens;
            if (seq.prefilling()) {
                int n = Math.min(config.prefillChunk(), prefillBudget);
                if (n == 0) {
                    continue;
                }
                tokens = seq.nextPrefillChunk(n);
                prefillBudget -= tokens.length;
            } else {
                tokens = new int[] {seq.lastToken()};
            }
            members.add(seq);
            prefill.add(seq.prefilling());
            entries.add(new Batch.Entry(seq.cache(), tokens, false));
        }
        if (!entries.isEmpty()) {
            long start = System.nanoTime();
            List<float[][]> logits = model.forward(new Batch(entries));
            long now = System.nanoTime();
            int batchTokens = 0;
            for (Batch.Entry e : entries) {
                batchTokens += e.tokens().length;
            }
            for (int i = 0; i < members.size(); i++) {
                Sequence seq = members.get(i);
                int n = entries.get(i).tokens().length;
                seq.afterStep(n, logits.get(i)[0], now);
                record(seq, prefill.get(i) ? n : 0);
            }
            lock.lock();
            try {
                counters.steps++;
                counters.busyNanos += now - start;
                counters.lastBatchTokens = batchTokens;
                throughput.record(batchTokens, now - start);
                counters.lastBatchSequences = entries.size();
            } finally {
                lock.unlock();
            }
        }
        retireFinished();
    }

    private void record(Sequence seq, int prefillTokens) {
        lock.lock();
        try {
            counters.promptTokens += prefillTokens;
            if (seq.emittedThisStep()) {
                counters.generatedTokens++;
                if (seq.generated() == 1) {
                    counters.firstTokenNanos += seq.firstTokenNanos();
                    counters.firstTokenCount++;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void retireFinished() {
        lock.lock();
        try {
            for (Iterator<Sequence> it = running.iterator(); it.hasNext(); ) {
                Sequence seq = it.next();
                if (seq.cancelled() && !seq.done()) {
                    seq.finish(FinishReason.CANCELLED);
                }
                if (seq.done()) {
                    it.remove();
                    seq.releaseCache();
                    if (seq.failed()) {
                        counters.failed++;
                    } else if (seq.reason() == FinishReason.CANCELLED) {
                        counters.cancelled++;
                    } else {
                        counters.completed++;
                        counters.completedGenerated += seq.generated();
                    }
                    seq.publish();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void failAll(Throwable cause) {
        lock.lock();
        try {
            for (Sequence seq : running) {
                seq.fail(cause);
                seq.releaseCache();
                counters.failed++;
            }
            running.clear();
            if (closed.get()) {
                for (Sequence seq : queue) {
                    seq.fail(cause);
                    counters.failed++;
                }
                queue.clear();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the scheduler thread; unfinished requests fail. Does not close the model. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            lock.lock();
            try {
                work.signalAll();
            } finally {
                lock.unlock();
            }
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Counters {
        int lastBatchTokens;
        int lastBatchSequences;
        long steps;
        long promptTokens;
        long generatedTokens;
        long completed;
        long completedGenerated;
        long cancelled;
        long rejected;
        long failed;
        long firstTokenNanos;
        long firstTokenCount;
        long promptTokensReused;
        long busyNanos;
    }
}
