package dev.guild.runtime.quant.internal;

import dev.guild.runtime.quant.ActivationRows;
import dev.guild.runtime.tensor.GgmlType;

/**
 * Activation conversion as ggml-cpu does it on x86 before a dot product: Q8_0 and Q8_1 as the AVX2
 * {@code quantize_row_q8_0}/{@code quantize_row_q8_1} (d = amax/127, id = 127/amax, round half to even),
 * Q8_K as {@code quantize_row_q8_K_ref}, F16/BF16 by rounding to nearest even.
 */
public final class ActivationQuantizer {
    private ActivationQuantizer() {
    }

    public static void checkType(GgmlType type) {
        switch (type) {
            case F32, F16, BF16, Q8_0, Q8_1, Q8_K -> {
            }
            default -> throw new IllegalArgumentException("activations cannot be converted to " + type
                    + "; use one of F32, F16, BF16, Q8_0, Q8_1, Q8_K");
        }
    }

    public static void quantizeRow(ActivationRows a, float[] x, int off, int row) {
        int n = a.cols();
        float[] v = a.values();
        int vo = row * n;
        switch (a.type()) {
            case F32 -> System.arraycopy(x, off, v, vo, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    v[vo + i] = Bytes.roundF16(x[off + i]);
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    v[vo + i] = Bytes.roundBf16(x[off + i]);
                }
            }
            case Q8_0, Q8_1 -> q8_0(a, x, off, row);
            case Q8_K -> q8_K(a, x, off, row);
            default -> throw new IllegalStateException("unreachable: " + a.type());
        }
    }

    private static void q8_0(ActivationRows a, float[] x, int off, int row) {
        int n = a.cols();
        byte[] q = a.quants();
        float[] v = a.values();
        boolean withSum = a.type() == GgmlType.Q8_1;
        for (int b = 0; b < n / 32; b++) {
            int xb = off + b * 32;
            int qb = row * n + b * 32;
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[xb + j]));
            }
            float d = amax / 127.f;
            float dh = Bytes.roundF16(d);
            float id = amax != 0.0f ? 127.f / amax : 0.0f;
            int sum = 0;
            for (int j = 0; j < 32; j++) {
                int qi = (int) Math.rint(x[xb + j] * id);
                qi = Math.max(-128, Math.min(127, qi));
                q[qb + j] = (byte) qi;
                v[qb + j] = dh * qi;
                sum += qi;
            }
            int blk = row * (n / 32) + b;
            a.scales()[blk] = dh;
            if (withSum) {
                a.sums()[blk] = Bytes.roundF16(d * sum);
            }
        }
    }

    private static void q8_K(ActivationRows a, float[] x, int off, int row) {
        int n = a.cols();
        byte[] q = a.quants();
        float[] v = a.values();
        short[] bs = a.blockSums();
        for (int b = 0; b < n / 256; b++) {
            int xb = off + b * 256;
            int qb = row * n + b * 256;
            int blk = row * (n / 256) + b;
            float max = 0;
            float amax = 0;
            for (int j = 0; j < 256; j++) {
                float ax = Math.abs(x[xb + j]);
                if (ax > amax) {
                    amax = ax;
                    max = x[xb + j];
                }
            }
            if (amax == 0) {
                a.scales()[blk] = 0;
                for (int j = 0; j < 256; j++) {
                    q[qb + j] = 0;
                    v[qb + j] = 0;
                }
                for (int j = 0; j < 16; j++) {
                    bs[qb / 16 + j] = 0;
                }
                continue;
            }
            float iscale = -127.f / max;
            float d = 1 / iscale;
            for (int j = 0; j < 256; j++) {
                int qi = Math.min(127, Bytes.nearestInt(iscale * x[xb + j]));
                q[qb + j] = (byte) qi;
                v[qb + j] = d * qi;
            }
            for (int j = 0; j < 16; j++) {
                int sum = 0;
                for (int i = 0; i < 16; i++) {
                    sum += q[qb + j * 16 + i];
                }
                bs[qb / 16 + j] = (short) sum;
            }
            a.scales()[blk] = d;
        }
    }
}
