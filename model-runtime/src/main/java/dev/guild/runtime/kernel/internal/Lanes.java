package dev.guild.runtime.kernel.internal;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Bit tricks shared by the decoders: x86 has no byte shifts, so nibbles and 2-bit fields are extracted by
 * shifting 32-bit lanes and masking every byte ({@code (v >>> 4) & 0x0F0F0F0F}), then widened to floats.
 *
 * <p>The decoders work in pieces of {@link #L} elements: 16 float lanes where the CPU has 512-bit vectors
 * (AVX-512), 8 where it has 256-bit ones (AVX2); {@link #BYTES} loads the piece's {@code L} quant bytes. Below
 * 256 bits ({@link #VECTOR} false) the scalar reference decodes instead.
 */
final class Lanes {
    /** Whether the preferred vectors are at least 256 bits wide (the decoders need 8 float lanes). */
    static final boolean VECTOR = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    private static final boolean WIDE = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    /** Float lanes of a decoded piece. */
    static final VectorSpecies<Float> F = WIDE ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    /** Elements per piece: 16 (AVX-512) or 8 (AVX2). */
    static final int L = F.length();
    /** {@link #L} bytes. */
    static final VectorSpecies<Byte> BYTES = WIDE ? ByteVector.SPECIES_128 : ByteVector.SPECIES_64;
    /** {@link #L} ints. */
    static final VectorSpecies<Integer> INTS = WIDE ? IntVector.SPECIES_512 : IntVector.SPECIES_256;
    /** {@link #L} shorts. */
    static final VectorSpecies<Short> SHORTS = WIDE ? ShortVector.SPECIES_256 : ShortVector.SPECIES_128;

    private Lanes() {
    }

    private static final VectorShuffle<Float> R16_8 = rotation(FloatVector.SPECIES_512, 8);
    private static final VectorShuffle<Float> R16_4 = rotation(FloatVector.SPECIES_512, 4);
    private static final VectorShuffle<Float> R16_2 = rotation(FloatVector.SPECIES_512, 2);
    private static final VectorShuffle<Float> R16_1 = rotation(FloatVector.SPECIES_512, 1);
    private static final VectorShuffle<Float> R8_4 = rotation(FloatVector.SPECIES_256, 4);
    private static final VectorShuffle<Float> R8_2 = rotation(FloatVector.SPECIES_256, 2);
    private static final VectorShuffle<Float> R8_1 = rotation(FloatVector.SPECIES_256, 1);
    private static final VectorShuffle<Float> R4_2 = rotation(FloatVector.SPECIES_128, 2);
    private static final VectorShuffle<Float> R4_1 = rotation(FloatVector.SPECIES_128, 1);

    private static VectorShuffle<Float> rotation(VectorSpecies<Float> species, int shift) {
        int n = species.length();
        return VectorShuffle.fromOp(species, i -> (i + shift) & (n - 1));
    }

    /**
     * The sum of the lanes in a fixed order (halves added pairwise until one lane is left), the same whether the
     * Vector API runs interpreted or compiled; {@code reduceLanes(ADD)} leaves the order to the implementation, and
     * C2's order differs from the interpreter's, so results changed with JIT state.
     */
    static float sum(FloatVector v) {
        switch (v.length()) {
            case 16 -> {
                v = v.add(v.rearrange(R16_8));
                v = v.add(v.rearrange(R16_4));
                v = v.add(v.rearrange(R16_2));
                v = v.add(v.rearrange(R16_1));
            }
            case 8 -> {
                v = v.add(v.rearrange(R8_4));
                v = v.add(v.rearrange(R8_2));
                v = v.add(v.rearrange(R8_1));
            }
            case 4 -> {
                v = v.add(v.rearrange(R4_2));
                v = v.add(v.rearrange(R4_1));
            }
            default -> throw new IllegalArgumentException("no lane sum for " + v.length() + " float lanes");
        }
        return v.lane(0);
    }

    /**
     * {@link #sum} of each of {@code n} vectors of the preferred width stored one after another in {@code t}
     * (vector k at {@code t[k * lanes]}), written to {@code t[out + k]}: the same tree, without passing vectors.
     */
    static void sums(float[] t, int n, int out) {
        VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
        for (int k = 0; k < n; k++) {
            t[out + k] = sum(FloatVector.fromArray(s, t, k * s.length()));
        }
    }

    /** {@link #L} signed bytes to {@link #L} float lanes. */
    static FloatVector widen(ByteVector v) {
        return (FloatVector) v.convertShape(VectorOperators.B2F, F, 0);
    }

    /** Low nibble of each byte. */
    static ByteVector low(ByteVector v) {
        return v.and((byte) 0x0F);
    }

    /** High nibble of each byte. */
    static ByteVector high(ByteVector v) {
        return v.reinterpretAsInts().lanewise(VectorOperators.LSHR, 4).and(0x0F0F0F0F).reinterpretAsBytes();
    }

    /** Bits {@code shift, shift+1} of each byte, moved to bits 4..5 (the high part of a 6-bit level). */
    static ByteVector twoBitsHigh(ByteVector v, int shift) {
        IntVector i = v.reinterpretAsInts().lanewise(VectorOperators.LSHR, shift).and(0x03030303);
        return i.lanewise(VectorOperators.LSHL, 4).reinterpretAsBytes();
    }

    /** Q6_K levels minus 32 of 16 elements: low nibbles of {@code ql} with bits {@code shift..shift+1} of {@code qh}. */
    static ByteVector q6Low(ByteVector ql, ByteVector qh, int shift) {
        return low(ql).or(twoBitsHigh(qh, shift)).sub((byte) 32);
    }

    /** Q6_K levels minus 32 of 16 elements: high nibbles of {@code ql} with bits {@code shift+4..shift+5} of {@code qh}. */
    static ByteVector q6High(ByteVector ql, ByteVector qh, int shift) {
        return high(ql).or(twoBitsHigh(qh, shift + 4)).sub((byte) 32);
    }
}
