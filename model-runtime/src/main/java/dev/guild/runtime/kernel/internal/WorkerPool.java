package dev.guild.runtime.kernel.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of daemon worker threads that run one job at a time together with the calling thread.
 * Workers spin for {@link #SPIN_NANOS} after a job (back-to-back matmuls of a decode step find them awake)
 * and then park. No thread is created per call; one pool exists per thread count.
 *
 * <p>Jobs share their work through their own counters, so the caller finishes whatever no worker took.
 * When the caller is done it closes the run: a worker that was not scheduled in time no longer joins,
 * and the caller waits only for workers that actually started (on an oversubscribed machine a matmul
 * degrades to the caller's speed instead of waiting for a descheduled thread). The caller spins for
 * {@link #CALLER_SPIN_NANOS} and then parks until the last worker leaves: a worker descheduled in the
 * middle of its share (another process took its core) gets the caller's core instead of a spinning wait.
 */
public final class WorkerPool {
    /** How long an idle worker spins before parking. */
    static final long SPIN_NANOS = 200_000;
    /**
     * How long the caller spins for workers still inside a run before it parks. Shares of one matmul end
     * within a few microseconds of each other on a quiet machine; a longer wait usually means a descheduled
     * worker. (200 us was tried: in one run each at load 4-6, Q8_0 decode 11.9 tokens/s against 14.9 with 20 us.)
     */
    static final long CALLER_SPIN_NANOS = 20_000;
    /** Upper bound of one caller park (a safety net; the last worker out unparks the caller). */
    private static final long CALLER_PARK_NANOS = 1_000_000;
    private static final ConcurrentHashMap<Integer, WorkerPool> SHARED = new ConcurrentHashMap<>();

    /** Work split over {@code workers} participants; {@code worker} 0 is the caller. */
    public interface Job {
        void run(int worker, int workers);
    }

    private final int threads;
    private final Thread[] workers;
    private final ReentrantLock callLock = new ReentrantLock();
    private static final int CLOSED = 1 << 30;

    /**
     * One run of a job: {@code state} counts workers inside it, plus {@link #CLOSED} once the caller is done;
     * {@code parked} is set while the caller parks, so that the last worker out knows to unpark it.
     */
    private static final class Run {
        final Job job;
        final Thread caller;
        final AtomicInteger state = new AtomicInteger();
        volatile boolean parked;

        Run(Job job, Thread caller) {
            this.job = job;
            this.caller = caller;
        }

        /** Waits until every worker that entered has left: spin briefly, then park. */
        void awaitWorkers() {
            long start = System.nanoTime();
            while (state.get() != CLOSED) {
                if (System.nanoTime() - start < CALLER_SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (state.get() != CLOSED) {
                    LockSupport.parkNanos(this, CALLER_PARK_NANOS);
                }
                parked = false;
            }
        }

        /** A worker leaves; the last one out of a closed run wakes a parked caller. */
        void leave() {
            if (state.decrementAndGet() == CLOSED && parked) {
                LockSupport.unpark(caller);
            }
        }
    }

    private volatile Run current;
    private volatile long generation;
    private volatile Throwable failure;

    private WorkerPool(int threads) {
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 1; i < threads; i++) {
            int id = i;
            Thread t = new Thread(() -> loop(id), "guild-kernel-" + threads + "-" + id);
            t.setDaemon(true);
            workers[i - 1] = t;
            t.start();
        }
    }

    /** The shared pool with {@code threads} participants (the caller plus threads-1 workers). */
    public static WorkerPool shared(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a worker pool needs at least 1 thread, got " + threads);
        }
        return SHARED.computeIfAbsent(threads, WorkerPool::new);
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code task} once for each index in {@code [0, count)}, the participants taking indices in order
     * from a shared counter (put the costliest first), and returns when all are done. One pool run for the
     * lot: the way to run many small independent pieces of work (experts, attention heads) in parallel.
     * The tasks must not call {@link #run} or this method on a pool with more than one thread (a worker
     * waiting for the pool it runs on never returns); compute inside them with single-threaded kernels.
     */
    public void forEach(int count, java.util.function.IntConsumer task) {
        if (threads == 1 || count <= 1) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        run((worker, workers) -> {
            for (int i; (i = next.getAndIncrement()) < count; ) {
                task.accept(i);
            }
        });
    }

    /** Runs {@code j} on every participant and returns when all are done; rethrows a worker's failure. */
    public void run(Job j) {
        if (threads == 1) {
            j.run(0, 1);
            return;
        }
        callLock.lock();
        try {
            failure = null;
            Run run = new Run(j, Thread.currentThread());
            current = run;
            generation = generation + 1;
            for (Thread t : workers) {
                LockSupport.unpark(t);
            }
            Throwable own = null;
            try {
                j.run(0, threads);
            } catch (Throwable t) {
                own = t;
            }
            run.state.getAndUpdate(st -> st | CLOSED);
            run.awaitWorkers();
            Throwable f = own != null ? own : failure;
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error e) {
                throw e;
            }
            if (f != null) {
                throw new IllegalStateException("kernel worker failed", f);
            }
        } finally {
            callLock.unlock();
        }
    }

    private void loop(int id) {
        long seen = 0;
        while (true) {
            long spinStart = System.nanoTime();
            while (generation == seen) {
                if (System.nanoTime() - spinStart < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = generation;
            Run run = current;
            if (run == null || !enter(run.state)) {
                continue;
            }
            try {
                run.job.run(id, threads);
            } catch (Throwable t) {
                failure = t;
            } finally {
                run.leave();
            }
        }
    }

    /** Joins a run unless its caller has already closed it. */
    private static boolean enter(AtomicInteger state) {
        while (true) {
            int st = state.get();
            if ((st & CLOSED) != 0) {
                return false;
            }
            if (state.compareAndSet(st, st + 1)) {
                return true;
            }
        }
    }
}
