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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static Model model;

    @BeforeAll
    static void load() {
        model = ModelLoader.load(RandomModel.generate(ModelShape.tiny("qwen3moe"), 160, 7).inMemory());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static int[] prompt(long seed, int length) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] p = new int[length];
        p[0] = 0;
        for (int i = 1; i < length; i++) {
            p[i] = 2 + r.nextInt(150);
        }
        return p;
    }

    private static GenerationJob greedy(int[] prompt, int maxTokens, TokenListener listener) {
        return new GenerationJob(prompt, maxTokens, SamplingParams.greedy(), Set.of(), Optional.empty(), listener);
    }

    private static int[] alone(int[] prompt, int maxTokens) {
        return Generator.generate(model, GenerationRequest.greedy(prompt, maxTokens, Set.of()), t -> { }).tokens();
    }

    @Test
    void greedy_tokens_are_identical_alone_and_in_a_batch_of_eight() throws Exception {
        SchedulerConfig config = SchedulerConfig.DEFAULTS.withMaxSequences(8).withPrefillChunk(5);
        try (Scheduler scheduler = new Scheduler(model, config)) {
            List<int[]> prompts = new ArrayList<>();
            List<RequestHandle> handles = new ArrayList<>();
            List<List<Integer>> streamed = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int[] p = prompt(100 + i, 6 + 3 * i);
                prompts.add(p);
                List<Integer> got = new ArrayList<>();
                streamed.add(got);
                handles.add(scheduler.submit(greedy(p, 12 + i, got::add)));
            }
            for (int i = 0; i < 8; i++) {
                Completion c = handles.get(i).result().get(60, TimeUnit.SECONDS);
                int[] expected = alone(prompts.get(i), 12 + i);
                assertThat(c.tokens()).as("request %d", i).containsExactly(expected);
                assertThat(streamed.get(i)).containsExactly(java.util.Arrays.stream(expected).boxed().toArray(Integer[]::new));
                assertThat(c.reason()).isEqualTo(FinishReason.LENGTH);
                assertThat(c.promptTokens()).isEqualTo(prompts.get(i).length);
            }
            SchedulerMetrics m = scheduler.metrics();
            assertThat(m.completed()).isEqualTo(8);
            assertThat(m.running()).isZero();
            assertThat(m.kvReservedTokens()).isZero();
            assertThat(m.firstTokenCount()).isEqualTo(8);
            assertThat(m.generatedTokens()).isEqualTo(8 * 12 + 28);
        }
    }

    @Test
    void sampled_tokens_depend_only_on_the_request_seed_not_on_the_batch() throws Exception {
        SamplingParams sampling = SamplingParams.DEFAULT.withTemperature(1.5f).withSeed(99);
        int[] p = prompt(5, 10);
        int[] first;
        try (Scheduler scheduler = new Scheduler(model, SchedulerConfig.DEFAULTS)) {
            first = scheduler.submit(new GenerationJob(p, 10, sampling, Set.of(), Optional.empty(), TokenListener.NONE))
                    .result().get(60, TimeUnit.SECONDS).tokens();
            List<RequestHandle> others = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                others.add(scheduler.submit(greedy(prompt(60 + i, 7), 10, TokenListener.NONE)));
            }
            int[] again = scheduler.submit(new GenerationJob(p, 10, sampling, Set.of(), Optional.empty(),
                    TokenListener.NONE)).result().get(60, TimeUnit.SECONDS).tokens();
            assertThat(again).containsExactly(first);
            for (RequestHandle h : others) {
                h.result().get(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void a_stop_token_ends_the_request_without_being_emitted() throws Exception {
        int[] p = prompt(9, 8);
        int[] expected = alone(p, 6);
        try (Scheduler scheduler = new Scheduler(model, SchedulerConfig.DEFAULTS)) {
            Completion c = scheduler.submit(new GenerationJob(p, 6, SamplingParams.greedy(), Set.of(expected[2]),
                    Optional.empty(), TokenListener.NONE)).result().get(60, TimeUnit.SECONDS);
            int stopAt = 0;
            while (expected[stopAt] != expected[2]) {
                stopAt++;
            }
            assertThat(c.tokens()).containsExactly(java.util.Arrays.copyOf(expected, stopAt));
            assertThat(c.reason()).isEqualTo(FinishReason.STOP);
        }
    }

    @Test
    void a_listener_that_returns_false_stops_the_request() throws Exception {
        try (Scheduler scheduler = new Scheduler(model, SchedulerConfig.DEFAULTS)) {
            int[] count = {0};
            Completion c = scheduler.submit(greedy(prompt(3, 5), 50, t -> ++count[0] < 3))
                    .result().get(60, TimeUnit.SECONDS);
            assertThat(c.tokens()).hasSize(3);
            assertThat(c.reason()).isEqualTo(FinishReason.STOP);
        }
    }

    @Test
    void a_cancelled_request_leaves_the_batch_and_frees_its_cache() throws Exception {
        try (Scheduler scheduler = new Scheduler(model, SchedulerConfig.DEFAULTS)) {
            CountDownLatch started = new CountDownLatch(1);
            RequestHandle h = scheduler.submit(greedy(prompt(11, 6), 200, t -> {
                started.countDown();
                return true;
            }));
            int[] other = prompt(12, 6);
            RequestHandle survivor = scheduler.submit(greedy(other, 20, TokenListener.NONE));
            assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
            h.cancel();
            Completion c = h.result().get(60, TimeUnit.SECONDS);
            assertThat(c.reason()).isEqualTo(FinishReason.CANCELLED);
            assertThat(c.tokens().length).isLessThan(200);
            assertThat(survivor.result().get(60, TimeUnit.SECONDS).tokens()).containsExactly(alone(other, 20));
            SchedulerMetrics m = scheduler.metrics();
            assertThat(m.cancelled()).isEqualTo(1);
            assertThat(m.running()).isZero();
            assertThat(m.kvReservedTokens()).isZero();
        }
    }

    @Test
    void a_full_queue_rejects_at_once_and_a_full_kv_budget_makes_requests_wait() throws Exception {
        SchedulerConfig config = SchedulerConfig.DEFAULTS.withMaxSequences(4).withMaxQueued(1).withKvBudgetTokens(40);
        try (Scheduler scheduler = new Scheduler(model, config)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            int[] p1 = prompt(21, 10);
            RequestHandle first = scheduler.submit(greedy(p1, 20, t -> {
                running.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS); // holds the scheduler thread: the batch is full meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return true;
            }));
            assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
            int[] p2 = prompt(22, 10);
            RequestHandle second = scheduler.submit(greedy(p2, 20, TokenListener.NONE)); // 30 > 40 - 30: waits
            assertThatThrownBy(() -> scheduler.submit(greedy(prompt(23, 4), 4, TokenListener.NONE)))
                    .isInstanceOf(OverloadedException.class)
                    .hasMessageContaining("1 requests queued")
                    .satisfies(e -> assertThat(((OverloadedException) e).retryAfterSeconds()).isPositive());
            assertThat(scheduler.metrics().queued()).isEqualTo(1);
            assertThat(scheduler.metrics().rejected()).isEqualTo(1);
            release.countDown();
            assertThat(first.result().get(60, TimeUnit.SECONDS).tokens()).containsExactly(alone(p1, 20));
            assertThat(second.result().get(60, TimeUnit.SECONDS).tokens()).containsExactly(alone(p2, 20));
        }
    }

    @Test
    void impossible_requests_are_refused_with_the_numbers() {
        try (Scheduler scheduler = new Scheduler(model, SchedulerConfig.DEFAULTS.withContextLength(32))) {
            assertThatThrownBy(() -> scheduler.submit(greedy(prompt(1, 40), 4, TokenListener.NONE)))
                    .isInstanceOf(RequestRejectedException.class)
                    .hasMessageContaining("40 tokens").hasMessageContaining("context length is 32");
            assertThatThrownBy(() -> scheduler.submit(greedy(prompt(1, 4), 5000, TokenListener.NONE)))
                    .isInstanceOf(RequestRejectedException.class)
                    .hasMessageContaining("max_tokens is 5000").hasMessageContaining("at most 4096");
        }
    }

    @Test
    void a_sequence_that_reaches_the_context_length_ends_with_context_full() throws Exception {
        try (Scheduler scheduler = new Scheduler(model, SchedulerConfig.DEFAULTS.withContextLength(16))) {
            Completion c = scheduler.submit(greedy(prompt(2, 10), 100, TokenListener.NONE)).result()
                    .get(60, TimeUnit.SECONDS);
            assertThat(c.reason()).isEqualTo(FinishReason.CONTEXT_FULL);
            assertThat(c.tokens()).hasSize(6);
        }
    }
}
