package dev.guild.runtime.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * How the next token is chosen from the logits, applied in llama.cpp's order: repetition penalty,
 * top-k, top-p, min-p, temperature, then a seeded draw. A temperature of 0 is greedy (argmax after
 * the penalty).
 *
 * @param temperature       divides the logits; 0 = greedy. Default 0.8
 * @param topK              keep the k most likely tokens; 0 = all. Default 40
 * @param topP              keep the smallest set whose probability reaches p; 1 = all. Default 0.95
 * @param minP              drop tokens less likely than minP × the best; 0 = none. Default 0.05
 * @param repetitionPenalty divide positive (multiply negative) logits of recent tokens; 1 = none. Default 1
 * @param repeatLastN       how many recent tokens (prompt included) the penalty looks at. Default 64
 * @param seed              seed of the draw; the same seed and logits give the same tokens. Default 0
 */
public record SamplingParams(float temperature, int topK, float topP, float minP, float repetitionPenalty,
                             int repeatLastN, long seed) {

    public static final SamplingParams DEFAULT = new SamplingParams(0.8f, 40, 0.95f, 0.05f, 1f, 64, 0);

    public SamplingParams {
        List<String> problems = new ArrayList<>();
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            problems.add("temperature must be a finite number >= 0, got " + temperature);
        }
        if (topK < 0) {
            problems.add("topK must be >= 0 (0 = off), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            problems.add("topP must be in (0, 1], got " + topP);
        }
        if (!(minP >= 0 && minP <= 1)) {
            problems.add("minP must be in [0, 1], got " + minP);
        }
        if (!(repetitionPenalty > 0) || Float.isInfinite(repetitionPenalty)) {
            problems.add("repetitionPenalty must be a finite number > 0 (1 = off), got " + repetitionPenalty);
        }
        if (repeatLastN < 0) {
            problems.add("repeatLastN must be >= 0, got " + repeatLastN);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid sampling parameters: " + String.join("; ", problems));
        }
    }

    /** Argmax decoding, no penalty. */
    public static SamplingParams greedy() {
        return new SamplingParams(0f, 0, 1f, 0f, 1f, 64, 0);
    }

    public SamplingParams withTemperature(float t) {
        return new SamplingParams(t, topK, topP, minP, repetitionPenalty, repeatLastN, seed);
    }

    public SamplingParams withSeed(long s) {
        return new SamplingParams(temperature, topK, topP, minP, repetitionPenalty, repeatLastN, s);
    }

    public SamplingParams withTopK(int k) {
        return new SamplingParams(temperature, k, topP, minP, repetitionPenalty, repeatLastN, seed);
    }

    public SamplingParams withTopP(float p) {
        return new SamplingParams(temperature, topK, p, minP, repetitionPenalty, repeatLastN, seed);
    }

    public SamplingParams withMinP(float p) {
        return new SamplingParams(temperature, topK, topP, p, repetitionPenalty, repeatLastN, seed);
    }

    public SamplingParams withRepetitionPenalty(float penalty, int lastN) {
        return new SamplingParams(temperature, topK, topP, minP, penalty, lastN, seed);
    }
}
