package dev.guild.runtime.kernel.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of daemon worker threads that run one job at a time together with the calling thread.
 * Workers spin for {@link #SPIN_NANOS} after a job (back-to-back matmuls of a decode step find them awake)
 * and then park. No thread is created per call; one pool exists per thread count.
 */
public final class WorkerPool {
    /** How long an idle worker spins before parking. */
    static final long SPIN_NANOS = 200_000;
    private static final ConcurrentHashMap<Integer, WorkerPool> SHARED = new ConcurrentHashMap<>();

    /** Work split over {@code workers} participants; {@code worker} 0 is the caller. */
    public interface Job {
        void run(int worker, int workers);
    }

    private final int threads;
    private final Thread[] workers;
    private final ReentrantLock callLock = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Job job;
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

    /** Runs {@code j} on every participant and returns when all are done; rethrows a worker's failure. */
    public void run(Job j) {
        if (threads == 1) {
            j.run(0, 1);
            return;
        }
        callLock.lock();
        try {
            failure = null;
            pending.set(threads - 1);
            job = j;
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
            while (pending.get() != 0) {
                Thread.onSpinWait();
            }
            job = null;
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
            Job j = job;
            try {
                if (j != null) {
                    j.run(id, threads);
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                pending.decrementAndGet();
            }
        }
    }
}
