package dev.guild.bench.engine;

import dev.guild.bench.StreamBandwidth;
import dev.guild.runtime.tensor.GgmlType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Guild's engine side by side with llama.cpp (de.kherud:llama 4.1.0, CPU build b4916) on the same generated
 * granitemoe model (granite-3.1-1b-a400m dimensions, see {@link BenchModel}) in Q8_0 and Q4_K, at the same
 * thread count: prefill tokens/s of a long prompt, decode tokens/s at batch 1, peak resident memory of each
 * engine's own JVM, the machine's memory bandwidth (STREAM triad) and decode as a fraction of the bandwidth
 * roofline. Prints one table of medians and Guild/llama.cpp ratios.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.guild.bench.engine.EngineBenchmark MODEL_DIR
 * [--threads N (all processors)] [--reps N (3)] [--prompt N (512)] [--decode N (128)] [--context N (1024)]
 * [--types Q8_0,Q4_K] [--guild-jvm "JVM options of Guild's JVM" (-Xmx512m)]}. Models are generated into MODEL_DIR on the first run.
 */
public final class EngineBenchmark {

    private static final List<String> CHILD_FLAGS = List.of("--add-modules", "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED");
    private static final long MB = 1_000_000;
    /**
     * Guild keeps its weights in the file mapping; its heap holds activations and the KV cache. Without a
     * bound G1 grows the heap towards a quarter of the machine's memory (garbage of earlier steps), which
     * inflates the peak RSS without making anything faster.
     */
    static final List<String> DEFAULT_GUILD_JVM = List.of("-Xmx512m");

    private EngineBenchmark() {
    }

    /** Median tokens/s per phase and the peak RSS of one engine process. */
    record Result(String engine, double[] prefill, double[] decode, int distinct, long hwmBytes) {
        double prefillMedian() {
            return median(prefill);
        }

        double decodeMedian() {
            return median(decode);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        System.out.printf("load average at start: %s%n", loadAverage());
        List<String> typeNames = o.types().stream().map(Enum::name).toList();
        List<String> gen = new ArrayList<>(List.of("-Xmx12g", EngineWorker.class.getName(), "generate",
                o.modelDir().toString()));
        gen.addAll(typeNames);
        child(gen, "");
        double[] gbs = StreamBandwidth.measure(256, o.threads(), 10);
        double bandwidth = median(gbs) * 1e9;
        Result jvm = child(List.of(EngineWorker.class.getName(), "jvm"), "jvm");
        List<String> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (GgmlType type : o.types()) {
            Path file = BenchModel.file(o.modelDir(), type);
            BenchModel.Sizes sizes = BenchModel.sizes(file, o.context());
            String[] run = {file.toString(), String.valueOf(o.threads()), String.valueOf(o.reps()),
                    String.valueOf(o.prompt()), String.valueOf(o.decode()), String.valueOf(o.context())};
            List<String> guildCmd = new ArrayList<>(o.guildJvm());
            guildCmd.addAll(List.of(EngineWorker.class.getName(), "guild"));
            guildCmd.addAll(List.of(run));
            List<String> llamaCmd = new ArrayList<>(List.of(EngineWorker.class.getName(), "llama.cpp"));
            llamaCmd.addAll(List.of(run));
            Result guild = child(guildCmd, "guild");
            Result llama = child(llamaCmd, "llama.cpp");
            double roofline = bandwidth / sizes.activeBytes();
            for (Result r : List.of(guild, llama)) {
                rows.add("| %s | %s | %s | %s | %.0f%% | %,d | %d |".formatted(type, r.engine(),
                        range(r.prefill()), range(r.decode()), 100 * r.decodeMedian() / roofline, r.hwmBytes() / MB,
                        r.distinct()));
            }
            rows.add("| %s | **Guild / llama.cpp** | **%.2fx** | **%.2fx** | | %.2fx | |".formatted(type,
                    guild.prefillMedian() / llama.prefillMedian(), guild.decodeMedian() / llama.decodeMedian(),
                    (double) guild.hwmBytes() / llama.hwmBytes()));
            long target = sizes.fileBytes() + sizes.guildKvBytes() + 512L * 1024 * 1024;
            notes.add(("%s: file %,d MB, active weights %,d MB/token (roofline %.1f tokens/s), KV cache for %d tokens "
                    + "%,d MB (Guild f32) / %,d MB (llama.cpp f16); Guild peak RSS %,d MB vs target file + KV + 512 MiB "
                    + "= %,d MB: %s").formatted(type, sizes.fileBytes() / MB, sizes.activeBytes() / MB, roofline,
                    o.context(), sizes.guildKvBytes() / MB, sizes.llamaCppKvBytes() / MB, guild.hwmBytes() / MB,
                    target / MB, guild.hwmBytes() <= target ? "met" : "MISSED"));
        }
        System.out.printf("%nEngine benchmark: granitemoe 1024 x 24 layers, 32 experts top-8, vocab %d; %d threads; "
                        + "prompt %d tokens, decode %d tokens after \"%s\"; %d repetitions after a shorter warm-up "
                        + "(median [min-max]); load average at end: %s%n",
                BenchModel.VOCAB, o.threads(), o.prompt(), o.decode(), EngineWorker.SHORT_PROMPT, o.reps(), loadAverage());
        System.out.printf("Memory bandwidth (STREAM triad, %d threads, 3 x 256 MiB): median %.1f GB/s [%.1f-%.1f]; "
                + "an idle JVM holds %,d MB%n%n", o.threads(), median(gbs), gbs[0], gbs[gbs.length - 1], jvm.hwmBytes() / MB);
        System.out.println("| weights | engine | prefill tokens/s | decode tokens/s | decode / roofline | peak RSS MB "
                + "| distinct decoded tokens |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        notes.forEach(System.out::println);
    }

    /** Runs {@code java CHILD_FLAGS args} with this classpath; returns its RESULT line parsed (null for none). */
    private static Result child(List<String> args, String engine) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(CHILD_FLAGS);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(args);
        System.out.println("> " + String.join(" ", cmd.subList(cmd.size() - args.size(), cmd.size())));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                }
                System.out.println("  " + line);
            }
        }
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IllegalStateException("child JVM " + args + " exited with " + rc + " (its output is above)");
        }
        if (engine.isEmpty()) {
            return null;
        }
        if (result == null) {
            throw new IllegalStateException("child JVM " + args + " printed no RESULT line");
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : result.split(" ")) {
            int eq = part.indexOf('=');
            kv.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return new Result(engine, doubles(kv.get("prefill")), doubles(kv.get("decode")),
                Integer.parseInt(kv.getOrDefault("distinct", "0")), Long.parseLong(kv.get("hwm_kb")) * 1024);
    }

    private static double[] doubles(String csv) {
        return csv == null || csv.isEmpty() ? new double[0]
                : Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static String range(double[] v) {
        return "%.1f [%.1f-%.1f]".formatted(median(v), Arrays.stream(v).min().orElse(0), Arrays.stream(v).max().orElse(0));
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    /** Command-line options with their defaults. */
    record Options(Path modelDir, int threads, int reps, int prompt, int decode, int context, List<GgmlType> types,
                   List<String> guildJvm) {

        static Options parse(String[] args) {
            if (args.length == 0 || args[0].startsWith("--")) {
                throw new IllegalArgumentException("the first argument must be the model directory (e.g. "
                        + "target/bench-models), got " + Arrays.toString(args));
            }
            Path dir = Path.of(args[0]);
            int threads = Runtime.getRuntime().availableProcessors();
            int reps = 3;
            int prompt = 512;
            int decode = 128;
            int context = 1024;
            List<GgmlType> types = List.of(GgmlType.Q8_0, GgmlType.Q4_K);
            List<String> guildJvm = DEFAULT_GUILD_JVM;
            for (int i = 1; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String v = args[i + 1];
                switch (args[i]) {
                    case "--threads" -> threads = positive(args[i], v);
                    case "--reps" -> reps = positive(args[i], v);
                    case "--prompt" -> prompt = positive(args[i], v);
                    case "--decode" -> decode = positive(args[i], v);
                    case "--context" -> context = positive(args[i], v);
                    case "--types" -> types = Arrays.stream(v.split(",")).map(Options::type).toList();
                    case "--guild-jvm" -> guildJvm = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --threads, "
                            + "--reps, --prompt, --decode, --context, --types, --guild-jvm");
                }
            }
            if (prompt < 8) {
                throw new IllegalArgumentException("--prompt must be at least 8 tokens (the warm-up runs a quarter of "
                        + "it), got " + prompt);
            }
            if (decode < 2) {
                throw new IllegalArgumentException("--decode must be at least 2 (the first token comes from the "
                        + "prompt step), got " + decode);
            }
            if (prompt + 1 > context || EngineWorker.SHORT_PROMPT.length() + decode + 1 > context) {
                throw new IllegalArgumentException("--context " + context + " is too small for a " + prompt
                        + "-token prompt or " + decode + " decoded tokens; raise it");
            }
            return new Options(dir, threads, reps, prompt, decode, context, types, guildJvm);
        }

        private static int positive(String option, String value) {
            try {
                int v = Integer.parseInt(value);
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " needs a positive integer, got '" + value + "'");
        }

        private static GgmlType type(String name) {
            try {
                return GgmlType.valueOf(name.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown weight type '" + name + "'; use e.g. Q8_0,Q4_K,Q6_K,Q4_0");
            }
        }
    }
}
