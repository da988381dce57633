package dev.guild.runtime.gguf;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Metadata value types of GGUF ({@code enum gguf_type} in ggml's {@code gguf.h}), with their wire ids.
 *
 * <p>Java representation of a value of each type (the contract of {@link GgufMetadata#asMap()}):
 * UINT8, INT8, UINT16, INT16, INT32 as {@link Integer}; UINT32 as {@link Integer} when it fits in an
 * {@code int}, otherwise {@link Long}; UINT64 and INT64 as {@link Long} (a UINT64 above
 * {@link Long#MAX_VALUE} reads as a negative long, use {@link Long#toUnsignedString(long)}); FLOAT32
 * as {@link Float}; FLOAT64 as {@link Double}; BOOL as {@link Boolean}; STRING as {@link String}.
 * Arrays: of strings {@code List<String>}; of FLOAT32 {@code float[]}; of INT32, UINT32, INT16, UINT16,
 * INT8, UINT8 {@code int[]} (a UINT32 element above {@link Integer#MAX_VALUE} reads as a negative int,
 * recover it with {@link Integer#toUnsignedLong(int)}); of INT64 and UINT64 {@code long[]}; of FLOAT64
 * {@code double[]}; of BOOL {@code boolean[]}; arrays of arrays {@code List<Object>} whose elements
 * follow the same rules.
 */
public enum GgufValueType {
    UINT8(0, 1),
    INT8(1, 1),
    UINT16(2, 2),
    INT16(3, 2),
    UINT32(4, 4),
    INT32(5, 4),
    FLOAT32(6, 4),
    BOOL(7, 1),
    /** u64 byte length followed by that many UTF-8 bytes, no terminator. */
    STRING(8, 8),
    /** u32 element type, u64 count, then the elements. */
    ARRAY(9, 12),
    UINT64(10, 8),
    INT64(11, 8),
    FLOAT64(12, 8);

    private final int id;
    private final int minBytes;

    GgufValueType(int id, int minBytes) {
        this.id = id;
        this.minBytes = minBytes;
    }

    /** The id written before each value (and as the element type of arrays). */
    public int id() {
        return id;
    }

    /**
     * Bytes one value of this type takes: exact for numbers and BOOL, the minimum for STRING (an empty
     * string) and ARRAY (an empty array).
     */
    public int minBytes() {
        return minBytes;
    }

    /** Whether values of this type are integers (UINT8 to INT64, not BOOL). */
    public boolean isInteger() {
        return switch (this) {
            case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
            default -> false;
        };
    }

    /** The type with wire id {@code id}, if any. */
    public static Optional<GgufValueType> fromId(int id) {
        for (GgufValueType t : values()) {
            if (t.id == id) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** "UINT8=0, INT8=1, ..." for error messages. */
    public static String knownIds() {
        return Arrays.stream(values()).map(t -> t.name() + "=" + t.id).collect(Collectors.joining(", "));
    }
}
