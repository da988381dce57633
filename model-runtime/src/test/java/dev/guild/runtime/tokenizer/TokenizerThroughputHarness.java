package dev.guild.runtime.tokenizer;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Encode throughput of Guild's tokenizer and llama.cpp's (de.kherud:llama, b4916) on the same
 * vocabulary and the same ~1 MB text, one pre-tokenizer per row. A harness, not a test: run it
 * with {@code main} (the command is in docs/model-runtime.md, section Tokenizer). It also checks
 * that both produce the same ids on that text.
 */
public final class TokenizerThroughputHarness {
    private static final int REPETITIONS = 5;

    private TokenizerThroughputHarness() {
    }

    public static void main(String[] args) throws Exception {
        String text = text(args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000);
        Path dir = Files.createTempDirectory("tokenizer-bench");
        System.out.printf("%-14s %9s %10s %12s %12s %s%n", "vocabulary", "chars", "tokens", "guild ms", "llama.cpp ms", "same ids");
        for (String pre : List.of("llama-bpe", "gpt-2", "qwen2", "refact", "olmo", "deepseek-v3", "deepseek-llm", "spm")) {
            Map<String, Object> metadata = pre.equals("spm") ? TestVocabularies.spm() : TestVocabularies.bpe(pre);
            Tokenizer tokenizer = Tokenizer.fromGgufMetadata(metadata);
            int[] ours = tokenizer.encode(text, false, true);
            long start = System.nanoTime();
            for (int i = 0; i < REPETITIONS; i++) {
                ours = tokenizer.encode(text, false, true);
            }
            double guildMs = (System.nanoTime() - start) / 1e6 / REPETITIONS;
            Path file = dir.resolve(pre + ".gguf");
            LlamaCppReference.writeLlamaModel(file, metadata);
            int[] theirs;
            double llamaMs;
            try (LlamaModel model = new LlamaModel(new ModelParameters().setModel(file.toString()).setCtxSize(256)
                    .setThreads(1).skipWarmup().disableLog())) {
                theirs = model.encode(text);
                start = System.nanoTime();
                for (int i = 0; i < REPETITIONS; i++) {
                    theirs = model.encode(text);
                }
                llamaMs = (System.nanoTime() - start) / 1e6 / REPETITIONS;
            }
            Files.delete(file);
            System.out.printf("%-14s %9d %10d %12.1f %12.1f %s%n", pre, text.length(), ours.length, guildMs, llamaMs,
                    Arrays.equals(ours, theirs));
        }
        Files.delete(dir);
        // llama.cpp's server threads are not daemons; end the JVM explicitly.
        System.exit(0);
    }

    private static String text(int chars) {
        List<String> random = TestCorpus.random(7, 3000, 30);
        StringBuilder sb = new StringBuilder(chars + 4096);
        for (int i = 0; sb.length() < chars; i++) {
            sb.append(TestCorpus.TRAINING).append('\n').append(random.get(i % random.size())).append(' ');
        }
        return sb.toString();
    }
}
