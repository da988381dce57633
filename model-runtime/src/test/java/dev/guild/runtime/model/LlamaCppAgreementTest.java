package dev.guild.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.LogLevel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.CacheType;
import de.kherud.llama.args.LogFormat;
import dev.guild.runtime.generate.GenerationRequest;
import dev.guild.runtime.generate.Generator;
import dev.guild.runtime.generate.Sampler;
import dev.guild.runtime.generate.SamplingParams;
import dev.guild.runtime.kernel.KernelConfig;
import dev.guild.runtime.model.testing.ModelShape;
import dev.guild.runtime.model.testing.RandomModel;
import dev.guild.runtime.model.testing.TinyVocabulary;
import dev.guild.runtime.tensor.GgmlType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof of correctness: a seeded random model of each architecture and weight type, written
 * with the GGUF writer, is run greedily by llama.cpp (b4916, through de.kherud:llama) and by Guild;
 * the continuations of several prompts must agree token for token, with plain greedy decoding and
 * with greedy decoding under a repetition penalty (which also checks that penalty against llama.cpp's).
 */
class LlamaCppAgreementTest {

    static final int VOCAB = 256;
    static final int TOKENS = 64;
    static final int MIN_DISTINCT = 12;
    /** A repetition penalty keeps random models from settling into a loop, so continuations stay varied. */
    static final float PENALTY = 1.3f;
    /**
     * Weight types of MoE models whose default (Vector API) kernels keep the teacher-forced assertion; every other
     * case, quantized included, must agree exactly, and these agree exactly with the reference kernels, whose
     * dots, norms, softmax, SiLU and attention all follow ggml's float order ({@link #referenceCases()}). The
     * vector Q6_K dots sum in another order (as an AVX-512 or ARM build of llama.cpp would), and in 2 of the 6
     * runs that ulp-level difference, amplified by a flipped 8-bit activation rounding, decides a near-tie: mixtral
     * Q6_K at token 9 (a flipped expert: logit margin 1.87 at the miss) and 34 (margin 0.031). Q4_K is exact where
     * the vector kernels run ggml's Q4_K order (16 float lanes); with 8 lanes qwen2moe Q4_K parts at 34 in one run
     * (margin 0.021, of a logit spread of 8). See docs/model-runtime.md, "Proof of correctness".
     */
    static final Set<GgmlType> MOE_FORCED_ONLY = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length() >= 16
            ? Set.of(GgmlType.Q6_K) : Set.of(GgmlType.Q4_K, GgmlType.Q6_K);
    /**
     * The teacher-forced floor for those cases (Guild's choice at each step from llama.cpp's own prefix).
     */
    static final int MIN_FORCED = 60;
    static final List<String> REPORT = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final List<String> PROMPTS = List.of(
            "The quick brown fox",
            "public static int add(int a, int b) {",
            "Agents plan their work and call tools.");

    @BeforeAll
    static void quiet() {
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> {
            if (level == LogLevel.ERROR) {
                System.err.print("llama.cpp: " + message);
            }
        });
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("llama", ModelShape.tiny("llama"), GgmlType.F32, Map.of()),
                Arguments.of("llama", ModelShape.tiny("llama"), GgmlType.F16, Map.of()),
                Arguments.of("mixtral", ModelShape.tiny("mixtral"), GgmlType.F32, Map.of()),
                Arguments.of("granitemoe", ModelShape.tiny("granitemoe"), GgmlType.F32, Map.of()),
                Arguments.of("granitemoe tied output", ModelShape.tiny("granitemoe").withTiedOutput(true), GgmlType.F32, Map.of()),
                Arguments.of("qwen2", ModelShape.tiny("qwen2"), GgmlType.F32, Map.of()),
                Arguments.of("qwen2moe", ModelShape.tiny("qwen2moe"), GgmlType.F32, Map.of()),
                Arguments.of("olmoe", ModelShape.tiny("olmoe"), GgmlType.F32, Map.of()),
                Arguments.of("deepseek2 (attn_kv_b, q-lora, softmax)", ModelShape.tiny("deepseek2"), GgmlType.F32, Map.of()),
                Arguments.of("deepseek2 (sigmoid, exp_probs_b, norm, scale)", ModelShape.tiny("deepseek2")
                        .withVariant(new ModelShape.Variant(false, 32, true, 1, 1)), GgmlType.F32, Map.of()),
                Arguments.of("deepseek2 lite (27 layers, attn_q, no q-LoRA)", ModelShape.tiny("deepseek2")
                        .withLayers(27).withVariant(new ModelShape.Variant(false, 0, false, 1, 1)), GgmlType.F32, Map.of()),
                // quantized weights (activations are quantized as ggml-cpu does on both sides)
                Arguments.of("llama", ModelShape.tiny("llama"), GgmlType.BF16, Map.of()),
                Arguments.of("mixtral", ModelShape.tiny("mixtral"), GgmlType.Q8_0, Map.of()),
                Arguments.of("qwen2moe", ModelShape.tiny("qwen2moe"), GgmlType.Q8_0, Map.of()),
                Arguments.of("olmoe", ModelShape.tiny("olmoe"), GgmlType.Q4_0, Map.of()),
                Arguments.of("granitemoe", ModelShape.tiny("granitemoe"), GgmlType.Q5_0, Map.of()),
                Arguments.of("qwen2", ModelShape.tiny("qwen2"), GgmlType.Q5_1, Map.of()),
                Arguments.of("deepseek2", ModelShape.tiny("deepseek2"), GgmlType.Q8_0, Map.of()),
                Arguments.of("llama 256-wide", wide("llama"), GgmlType.Q4_K, Map.of()),
                Arguments.of("mixtral 256-wide", wide("mixtral"), GgmlType.Q6_K, Map.of()),
                Arguments.of("qwen2moe 256-wide", wide("qwen2moe"), GgmlType.Q4_K, Map.of()),
                // rope scaling (ggml_rope_ext's linear and YaRN angles, deepseek2's pre-scaled kq and magnitude)
                Arguments.of("llama, linear rope scaling x2", ModelShape.tiny("llama"), GgmlType.F32,
                        Map.of("llama.rope.scaling.type", "linear", "llama.rope.scaling.factor", 2f)),
                Arguments.of("qwen2, YaRN x8 from 32 positions", ModelShape.tiny("qwen2"), GgmlType.F32,
                        Map.of("qwen2.rope.scaling.type", "yarn", "qwen2.rope.scaling.factor", 8f,
                                "qwen2.rope.scaling.original_context_length", 32)),
                Arguments.of("deepseek2, YaRN x40 from 16 positions", ModelShape.tiny("deepseek2"), GgmlType.F32,
                        Map.of("deepseek2.rope.scaling.type", "yarn", "deepseek2.rope.scaling.factor", 40f,
                                "deepseek2.rope.scaling.original_context_length", 16,
                                "deepseek2.rope.scaling.yarn_log_multiplier", 0.1f)));
    }

    /** Rows of 256 values, so that K-quant types apply to every matrix rather than their fallbacks. */
    static ModelShape wide(String arch) {
        return ModelShape.tiny(arch).withEmbedding(256, 256, 256);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void greedy_continuations_match_llama_cpp(String label, ModelShape shape, GgmlType type, Map<String, Object> extra,
                                              @TempDir Path dir) throws Exception {
        compare(label, shape, type, extra, KernelConfig.defaults(),
                shape.experts() == 0 || !MOE_FORCED_ONLY.contains(type), dir);
    }

    /**
     * The root cause of the remaining quantized differences: with the scalar reference kernels, whose quantized
     * dot products sum in ggml's AVX2 lane order ({@code GgmlLanes}, bit-identical to ggml's {@code vec_dot}), and
     * the operations in ggml's order ({@code GgmlMath}), the cases that part from llama.cpp with the vector kernels
     * agree exactly, the 256-wide K-quant MoE models included.
     */
    static Stream<Arguments> referenceCases() {
        if (Boolean.getBoolean(ALL_REFERENCE)) {
            return cases();
        }
        return Stream.of(
                Arguments.of("qwen2", ModelShape.tiny("qwen2"), GgmlType.Q5_1, Map.of()),
                Arguments.of("qwen2moe", ModelShape.tiny("qwen2moe"), GgmlType.Q8_0, Map.of()),
                Arguments.of("mixtral 256-wide", wide("mixtral"), GgmlType.Q6_K, Map.of()),
                Arguments.of("qwen2moe 256-wide", wide("qwen2moe"), GgmlType.Q4_K, Map.of()));
    }

    /**
     * {@code -Dguild.agreement.allReference=true} runs every case with the reference kernels as well (about a minute
     * more; CI runs the four above).
     */
    static final String ALL_REFERENCE = "guild.agreement.allReference";

    @ParameterizedTest(name = "{0} {2} (reference kernels)")
    @MethodSource("referenceCases")
    void reference_kernels_match_llama_cpp_exactly(String label, ModelShape shape, GgmlType type,
                                                   Map<String, Object> extra, @TempDir Path dir) throws Exception {
        compare(label + " (reference kernels)", shape, type, extra,
                KernelConfig.defaults().withImplementation(KernelConfig.Implementation.REFERENCE), true, dir);
    }

    private void compare(String label, ModelShape shape, GgmlType type, Map<String, Object> extra, KernelConfig kernels,
                         boolean exact, Path dir) throws Exception {
        RandomModel random = RandomModel.generate(shape, VOCAB, 1234).withMetadata(extra);
        Path file = dir.resolve(shape.architecture() + ".gguf");
        random.writeGguf(file, type);
        TinyVocabulary vocab = TinyVocabulary.of(VOCAB);
        Map<String, Integer> idsByText = vocab.idsByText();
        ModelParameters params = new ModelParameters().setModel(file.toString()).setCtxSize(256).setThreads(2)
                .setCacheTypeK(CacheType.F32).setCacheTypeV(CacheType.F32).setBatchSize(256).setGpuLayers(0);
        try (LlamaModel reference = new LlamaModel(params); Model guild = ModelLoader.open(file, kernels)) {
            for (String prompt : PROMPTS) {
                int[] ids = reference.encode(prompt);
                int[] withBos = new int[ids.length + 1];
                withBos[0] = TinyVocabulary.BOS;
                System.arraycopy(ids, 0, withBos, 1, ids.length);
                for (float penalty : new float[] {1f, PENALTY}) {
                    List<Integer> expected = llamaCppGreedy(reference, prompt, penalty, idsByText);
                    if (penalty != 1f) {
                        assertThat(Set.copyOf(expected))
                                .as("a continuation this varied makes agreement meaningful: %s", expected)
                                .hasSizeGreaterThanOrEqualTo(MIN_DISTINCT);
                    }
                    SamplingParams sampling = SamplingParams.greedy().withRepetitionPenalty(penalty, TOKENS);
                    Set<Integer> suppressed = Set.of(TinyVocabulary.BOS, TinyVocabulary.EOS);
                    List<Integer> actual = new ArrayList<>();
                    Generator.generate(guild, new GenerationRequest(withBos, TOKENS, sampling, Set.of(), suppressed, 256),
                            actual::add);
                    int forced = Agreement.teacherForced(guild, withBos, expected, sampling, suppressed);
                    int free = 0;
                    while (free < TOKENS && actual.get(free).equals(expected.get(free))) {
                        free++;
                    }
                    String margin = free == TOKENS ? "" : "%.4f".formatted(
                            Agreement.marginAt(guild, withBos, expected, free, actual.get(free)));
                    REPORT.add("| %s | %s | %s | %.1f | %d | %d | %s |".formatted(label, type, Arrays.toString(withBos),
                            penalty, free, forced, margin));
                    String what = "%s %s, prompt %s, repetition penalty %s".formatted(label, type,
                            Arrays.toString(withBos), penalty);
                    if (exact) {
                        assertThat(actual).as(what).containsExactlyElementsOf(expected);
                    } else {
                        assertThat(forced).as("teacher-forced agreement of %s", what)
                                .isGreaterThanOrEqualTo(MIN_FORCED);
                    }
                }
            }
        }
    }

    @AfterAll
    static void printReport() {
        System.out.println("| architecture | weights | prompt | repetition penalty | free-running agreement"
                + " | teacher-forced agreement | logit margin at the first miss |");
        REPORT.forEach(System.out::println);
    }

    private static List<Integer> llamaCppGreedy(LlamaModel model, String prompt, float penalty,
                                                Map<String, Integer> idsByText) {
        InferenceParameters inference = new InferenceParameters(prompt).setTemperature(0f).setTopK(1)
                .setNPredict(TOKENS).setIgnoreEos(true).setRepeatPenalty(penalty).setRepeatLastN(TOKENS)
                .disableTokenIds(List.of(TinyVocabulary.BOS, TinyVocabulary.EOS)).setCachePrompt(false);
        List<Integer> out = new ArrayList<>();
        for (LlamaOutput piece : model.generate(inference)) {
            if (piece.text.isEmpty()) {
                continue;
            }
            Integer id = idsByText.get(piece.text);
            assertThat(id).as("llama.cpp piece '%s' is one token of the test vocabulary", piece.text).isNotNull();
            out.add(id);
        }
        assertThat(out).as("llama.cpp produced %d tokens", TOKENS).hasSize(TOKENS);
        return out;
    }
}
