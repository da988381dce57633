package dev.guild.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guild.runtime.generate.GenerationRequest;
import dev.guild.runtime.generate.Generator;
import dev.guild.runtime.generate.SamplingParams;
import dev.guild.runtime.model.Model;
import dev.guild.runtime.model.ModelLoader;
import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import dev.guild.runtime.serve.internal.Throughput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Admission control: the KV block budget, the sequence limit, the bounded queue and the Retry-After estimate. */
class AdmissionTest {

    private static Model model;

    @BeforeAll
    static void load() {
        model = ModelLoader.load(RandomModel.generate(ModelShape.tiny("olmoe"), 160, 17).inMemory());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static int[] prompt(long seed, int length) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] p = new int[length];
        for (int i = 0; i < length; i++) {
            p[i] = 2 + r.nextInt(150);
        }
        return p;
    }

    private static GenerationJob greedy(int[] prompt, int maxTokens, TokenListener listener) {
        return new GenerationJob(prompt, maxTokens, SamplingParams.greedy(), Set.of(), Optional.empty(), listener);
    }

    /** A request whose first token holds the scheduler thread until {@code release} opens. */
    private static RequestHandle blocker(Scheduler s, CountDownLatch holding, CountDownLatch release) {
        return s.submit(greedy(prompt(1, 4), 2, t -> {
            holding.countDown();
            try {
                return release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
    }

    private static int[] alone(int[] prompt, int maxTokens) {
        return Generator.generate(model, GenerationRequest.greedy(prompt, maxTokens, Set.of()), t -> { }).tokens();
    }

    @Test
    void when_the_kv_budget_is_full_requests_wait_and_every_one_completes_with_its_own_tokens() throws Exception {
        // 8 blocks of 8: the blocker takes 1, each request 4 (prompt 12 + 20 tokens), so one or two run at a time
        SchedulerConfig config = SchedulerConfig.DEFAULTS.withKvBudgetTokens(64).withKvBlockTokens(8)
                .withPrefillChunk(8);
        try (Scheduler s = new Scheduler(model, config)) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            RequestHandle first = blocker(s, holding, release);
            assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();
            AtomicInteger maxRunning = new AtomicInteger();
            AtomicInteger maxQueued = new AtomicInteger();
            AtomicInteger maxPinned = new AtomicInteger();
            List<int[]> prompts = new ArrayList<>();
            List<RequestHandle> handles = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int[] p = prompt(40 + i, 12);
                prompts.add(p);
                handles.add(s.submit(greedy(p, 20, t -> {
                    SchedulerMetrics m = s.metrics();
                    maxRunning.accumulateAndGet(m.running(), Math::max);
                    maxQueued.accumulateAndGet(m.queued(), Math::max);
                    maxPinned.accumulateAndGet((int) m.kvReservedTokens(), Math::max);
                    return true;
                })));
            }
            assertThat(s.metrics().queued()).isEqualTo(6);
            release.countDown();
            first.result().get(60, TimeUnit.SECONDS);
            for (int i = 0; i < 6; i++) {
                Completion c = handles.get(i).result().get(60, TimeUnit.SECONDS);
                assertThat(c.tokens()).as("request %d", i).containsExactly(alone(prompts.get(i), 20));
                assertThat(c.reason()).isEqualTo(FinishReason.LENGTH);
            }
            SchedulerMetrics m = s.metrics();
            assertThat(m.failed()).isZero();
            assertThat(m.rejected()).isZero();
            assertThat(maxRunning.get()).isEqualTo(2);
            assertThat(maxQueued.get()).isGreaterThanOrEqualTo(3);
            assertThat(maxPinned.get()).isLessThanOrEqualTo(64);
            assertThat(m.kvReservedTokens()).isZero();
            assertThat(m.kvUsedTokens()).isZero();
        }
    }

    @Test
    void no_more_than_max_sequences_run_at_once() throws Exception {
        try (Scheduler s = new Scheduler(model, SchedulerConfig.DEFAULTS.withMaxSequences(3))) {
            AtomicInteger maxRunning = new AtomicInteger();
            List<RequestHandle> handles = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                handles.add(s.submit(greedy(prompt(70 + i, 6), 10, t -> {
                    maxRunning.accumulateAndGet(s.metrics().running(), Math::max);
                    return true;
                })));
            }
            for (RequestHandle h : handles) {
                assertThat(h.result().get(60, TimeUnit.SECONDS).tokens()).hasSize(10);
            }
            assertThat(maxRunning.get()).isBetween(1, 3);
        }
    }

    @Test
    void retry_after_grows_with_the_queued_work_at_the_measured_throughput() throws Exception {
        SchedulerConfig config = SchedulerConfig.DEFAULTS.withMaxSequences(1).withMaxQueued(3);
        try (Scheduler s = new Scheduler(model, config)) {
            assertThat(s.metrics().estimatedWaitSeconds()).as("nothing measured yet").isNaN();
            s.submit(greedy(prompt(2, 20), 8, TokenListener.NONE)).result().get(60, TimeUnit.SECONDS);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            RequestHandle first = blocker(s, holding, release);
            assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();
            double before = s.metrics().estimatedWaitSeconds();
            assertThat(before).isPositive().isFinite();
            List<RequestHandle> queued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                queued.add(s.submit(greedy(prompt(80 + i, 100), 50, TokenListener.NONE)));
                double now = s.metrics().estimatedWaitSeconds();
                assertThat(now).as("after queueing %d", i + 1).isGreaterThan(before);
                before = now;
            }
            double wait = before;
            long started = System.nanoTime();
            assertThatThrownBy(() -> s.submit(greedy(prompt(90, 4), 4, TokenListener.NONE)))
                    .isInstanceOf(OverloadedException.class)
                    .hasMessageContaining("3 requests queued (max 3)")
                    .satisfies(e -> assertThat(((OverloadedException) e).retryAfterSeconds())
                            .isEqualTo(Throughput.retryAfterSeconds(wait)));
            assertThat(System.nanoTime() - started).as("a 429 is immediate").isLessThan(TimeUnit.SECONDS.toNanos(1));
            release.countDown();
            first.result().get(60, TimeUnit.SECONDS);
            for (RequestHandle h : queued) {
                h.result().get(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void retry_after_is_the_estimated_wait_rounded_up_within_bounds() {
        Throughput t = new Throughput();
        assertThat(t.secondsFor(100)).isNaN();
        assertThat(Throughput.retryAfterSeconds(Double.NaN)).isEqualTo(1);
        t.record(1000, TimeUnit.SECONDS.toNanos(1));
        assertThat(t.tokensPerSecond()).isEqualTo(1000.0);
        assertThat(t.secondsFor(4200)).isEqualTo(4.2);
        assertThat(Throughput.retryAfterSeconds(4.2)).isEqualTo(5);
        assertThat(Throughput.retryAfterSeconds(0.3)).isEqualTo(1);
        assertThat(Throughput.retryAfterSeconds(1e9)).isEqualTo(600);
        for (int i = 0; i < 200; i++) {
            t.record(100, TimeUnit.SECONDS.toNanos(1)); // the server slows down: the estimate follows
        }
        assertThat(t.tokensPerSecond()).isBetween(100.0, 101.0);
    }

    @Test
    void a_request_larger_than_the_whole_kv_budget_is_refused_with_the_numbers() {
        try (Scheduler s = new Scheduler(model, SchedulerConfig.DEFAULTS.withKvBudgetTokens(32).withKvBlockTokens(8))) {
            assertThatThrownBy(() -> s.submit(greedy(prompt(3, 10), 30, TokenListener.NONE)))
                    .isInstanceOf(RequestRejectedException.class)
                    .hasMessageContaining("needs 40 KV cache positions").hasMessageContaining("KV budget is 32");
        }
    }
}
