package dev.guild.bench.constrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guild.runtime.constrain.GrammarMatcher;
import dev.guild.runtime.constrain.GrammarOptions;
import dev.guild.runtime.constrain.JsonGrammar;
import dev.guild.runtime.constrain.TokenMasker;
import dev.guild.runtime.constrain.ToolSchema;
import dev.guild.runtime.constrain.Vocabulary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Cost per generated token of JSON-schema constrained decoding in tool-call mode (three realistic
 * tools): computing the allowed-token mask and advancing by a randomly chosen allowed token, on a
 * synthetic BPE-like vocabulary of {@code vocab} tokens. {@code warm}: the grammar's caches are
 * filled by earlier generations (the steady state of a server); {@code cold}: a fresh masker per
 * invocation (first request with a new schema).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class MaskBenchmark {
    private static final int STEPS = 32;
    private static final String TOOLS = """
            [{"name": "get_weather", "parameters": {"type": "object", "properties": {
                "city": {"type": "string", "maxLength": 64}, "unit": {"enum": ["celsius", "fahrenheit"]},
                "days": {"type": "integer"}}, "required": ["city"], "additionalProperties": false}},
             {"name": "book_table", "parameters": {"type": "object", "properties": {
                "restaurant": {"type": "string"}, "people": {"type": "integer"}, "time": {"type": "string", "pattern": "^[0-9:]{5}$"},
                "notes": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                "guests": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"},
                   "vegetarian": {"type": "boolean"}}, "required": ["name"], "additionalProperties": false}, "maxItems": 8}},
                "required": ["restaurant", "people", "time"], "additionalProperties": false}},
             {"name": "search", "parameters": {"type": "object", "properties": {"query": {"type": "string"},
                "limit": {"type": "integer"}, "filters": {"type": "object"}}, "required": ["query"]}}]""";

    @Param({"32000", "128000"})
    public int vocab;

    private Vocabulary vocabulary;
    private JsonGrammar grammar;
    private TokenMasker warm;
    private TokenMasker cold;
    private GrammarMatcher matcher;
    private Random random;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        vocabulary = syntheticVocabulary(vocab, 42);
        List<ToolSchema> tools = new ArrayList<>();
        for (JsonNode t : new ObjectMapper().readTree(TOOLS)) {
            tools.add(new ToolSchema(t.get("name").asText(), t.get("parameters")));
        }
        grammar = JsonGrammar.toolCall(tools, "", "", GrammarOptions.DEFAULTS);
        warm = TokenMasker.create(grammar, vocabulary);
        random = new Random(1);
        matcher = warm.newMatcher();
    }

    @Setup(Level.Invocation)
    public void freshMasker() {
        cold = TokenMasker.create(grammar, vocabulary);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public int warmMaskAndAdvance() {
        return walk(warm);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public int coldMaskAndAdvance() {
        matcher = cold.newMatcher();
        return walk(cold);
    }

    private int walk(TokenMasker masker) {
        int chosen = 0;
        for (int step = 0; step < STEPS; step++) {
            if (matcher.isTerminated()) {
                matcher = masker.newMatcher();
            }
            long[] mask = matcher.allowedTokens();
            int id = pick(mask);
            matcher.accept(id);
            chosen += id;
        }
        return chosen;
    }

    /** A uniformly random allowed token, end-of-generation whenever allowed. */
    private int pick(long[] mask) {
        if ((mask[0] & 1) != 0) {
            return 0;
        }
        int count = 0;
        for (long w : mask) {
            count += Long.bitCount(w);
        }
        int target = random.nextInt(count);
        for (int w = 0; w < mask.length; w++) {
            int c = Long.bitCount(mask[w]);
            if (target < c) {
                long bits = mask[w];
                for (int k = 0; k < target; k++) {
                    bits &= bits - 1;
                }
                return w * 64 + Long.numberOfTrailingZeros(bits);
            }
            target -= c;
        }
        throw new IllegalStateException("empty mask");
    }

    /** EOS (id 0), the 256 bytes, JSON fragments, then words with and without a leading space, like a BPE vocabulary. */
    static Vocabulary syntheticVocabulary(int size, long seed) {
        Random random = new Random(seed);
        Set<String> texts = new LinkedHashSet<>();
        for (String f : List.of("{", "}", "[", "]", ":", ",", "\"", "{\"", "\"}", "\":", "\":\"", "\",\"", "\": ",
                "\", \"", "},", "],", "true", "false", "null", "\n", "  ", "name", "arguments", "\"name\"", "\"arguments\"")) {
            texts.add(f);
        }
        String letters = "etaoinshrdlcumwfgypbvkjxqz";
        while (texts.size() < size - 257) {
            StringBuilder w = new StringBuilder(random.nextInt(4) == 0 ? "" : " ");
            int len = 1 + random.nextInt(random.nextInt(3) == 0 ? 12 : 6);
            for (int i = 0; i < len; i++) {
                w.append(letters.charAt(Math.min(letters.length() - 1, (int) Math.abs(random.nextGaussian() * 8))));
            }
            if (random.nextInt(10) == 0) {
                w.setCharAt(w.length() > 1 ? 1 : 0, Character.toUpperCase(w.charAt(w.length() > 1 ? 1 : 0)));
            }
            if (random.nextInt(20) == 0) {
                w.append("\",.:;!?0123456789{}[]()".charAt(random.nextInt(23)));
            }
            texts.add(w.toString());
        }
        List<byte[]> tokens = new ArrayList<>();
        tokens.add("</s>".getBytes(StandardCharsets.UTF_8));
        for (int b = 0; b < 256; b++) {
            tokens.add(new byte[] {(byte) b});
        }
        for (String t : texts) {
            tokens.add(t.getBytes(StandardCharsets.UTF_8));
        }
        BitSet eos = new BitSet();
        eos.set(0);
        return Vocabulary.of(tokens, new BitSet(), eos);
    }
}
