package dev.guild.runtime.kernel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link WorkerPool#forEach}: every index exactly once, on any number of threads, failures reach the caller. */
class WorkerPoolForEachTest {

    @Test
    void every_index_runs_exactly_once() {
        for (int threads : new int[] {1, 2, 3}) {
            WorkerPool pool = WorkerPool.shared(threads);
            for (int count : new int[] {0, 1, 2, 5, 64, 1000}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, count));
                for (int round = 0; round < 20; round++) {
                    pool.forEach(count, i -> runs.incrementAndGet(i));
                }
                for (int i = 0; i < count; i++) {
                    assertThat(runs.get(i)).as("index %d of %d on %d threads", i, count, threads).isEqualTo(20);
                }
            }
        }
    }

    @Test
    void a_failing_task_fails_the_call_and_the_pool_keeps_working() {
        WorkerPool pool = WorkerPool.shared(2);
        assertThatThrownBy(() -> pool.forEach(50, i -> {
            if (i == 37) {
                throw new IllegalArgumentException("task 37 failed");
            }
        })).hasMessageContaining("task 37 failed");
        AtomicIntegerArray runs = new AtomicIntegerArray(10);
        pool.forEach(10, runs::incrementAndGet);
        for (int i = 0; i < 10; i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
    }
}
