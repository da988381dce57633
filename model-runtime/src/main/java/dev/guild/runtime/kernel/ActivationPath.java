package dev.guild.runtime.kernel;

/** How activations meet quantized weights in a matmul. */
public enum ActivationPath {
    /**
     * As ggml-cpu: activations are converted once per call to the weight type's vec_dot type (Q8_0, Q8_1,
     * Q8_K, F16, BF16) before the dot products, so results track llama.cpp's CPU backend.
     */
    GGML,
    /** Activations stay float32; weights are dequantized on the fly. Slightly more accurate. */
    F32
}
