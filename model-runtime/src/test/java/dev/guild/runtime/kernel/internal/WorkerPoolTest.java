package dev.guild.runtime.kernel.internal;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerPoolTest {

    @Test
    void shared_work_is_done_exactly_once_by_the_caller_and_the_workers_that_join() {
        WorkerPool pool = WorkerPool.shared(3);
        assertThat(WorkerPool.shared(3)).isSameAs(pool);
        for (int round = 0; round < 200; round++) {
            ConcurrentHashMap<Integer, Integer> participants = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            int[] done = new int[500];
            pool.run((worker, workers) -> {
                assertThat(workers).isEqualTo(3);
                participants.merge(worker, 1, Integer::sum);
                for (int u; (u = next.getAndIncrement()) < done.length; ) {
                    done[u]++;
                }
            });
            assertThat(done).containsOnly(1);
            assertThat(participants).containsKey(0).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
            assertThat(participants.keySet()).allSatisfy(k -> assertThat(k).isBetween(0, 2));
        }
    }

    @Test
    void a_worker_failure_reaches_the_caller_and_the_pool_keeps_working() {
        WorkerPool pool = WorkerPool.shared(2);
        assertThatThrownBy(() -> pool.run((worker, workers) -> {
            throw new IllegalArgumentException("bad row 7");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad row 7");
        AtomicInteger runs = new AtomicInteger();
        pool.run((worker, workers) -> runs.incrementAndGet());
        assertThat(runs.get()).isBetween(1, 2);
        assertThatThrownBy(() -> WorkerPool.shared(0)).hasMessageContaining("0");
    }

    @Test
    void the_caller_waits_for_a_slow_worker_without_spinning_for_the_whole_time() throws Exception {
        WorkerPool pool = WorkerPool.shared(2);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) {
            CountDownLatch entered = new CountDownLatch(1);
            AtomicInteger finished = new AtomicInteger();
            long cpu0 = mx.getCurrentThreadCpuTime();
            pool.run((worker, workers) -> {
                try {
                    if (worker == 0) {
                        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the worker joined the run").isTrue();
                    } else {
                        entered.countDown();
                        Thread.sleep(100);
                        finished.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted", e);
                }
            });
            long cpuMillis = (mx.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
            assertThat(finished.get()).as("run returns only after the worker that entered has left").isEqualTo(1);
            assertThat(cpuMillis).as("caller CPU while a worker slept 100 ms (parked, not spinning)").isLessThan(50);
        }
    }
}
