package dev.guild.runtime.quant.internal;

import dev.guild.runtime.tensor.GgmlType;

/** The reference codec of each supported weight type. */
public final class Codecs {
    private static final RowCodec F32 = new FloatCodec(GgmlType.F32);
    private static final RowCodec F16 = new FloatCodec(GgmlType.F16);
    private static final RowCodec BF16 = new FloatCodec(GgmlType.BF16);
    private static final RowCodec Q8_0 = new Q8_0Codec();
    private static final RowCodec Q4_0 = new Q4_0Codec();
    private static final RowCodec Q5_0 = new Q5Codec(false);
    private static final RowCodec Q5_1 = new Q5Codec(true);
    private static final RowCodec Q4_K = new Q4_KCodec();
    private static final RowCodec Q6_K = new Q6_KCodec();

    private Codecs() {
    }

    public static RowCodec of(GgmlType type) {
        return switch (type) {
            case F32 -> F32;
            case F16 -> F16;
            case BF16 -> BF16;
            case Q8_0 -> Q8_0;
            case Q4_0 -> Q4_0;
            case Q5_0 -> Q5_0;
            case Q5_1 -> Q5_1;
            case Q4_K -> Q4_K;
            case Q6_K -> Q6_K;
            default -> throw new IllegalArgumentException("weight type " + type + " is not supported; supported: "
                    + GgmlType.supportedNames() + ". Re-quantize the model to one of them");
        };
    }
}
