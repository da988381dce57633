package dev.guild.runtime.gguf.internal;

import dev.guild.runtime.gguf.GgufFormatException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A little-endian cursor over a memory segment whose every read is bounds-checked: running past the
 * end gives a {@link GgufFormatException} that names the part being read and its offset.
 */
final class SegmentReader {
    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment segment;
    private final String file;
    private long position;

    SegmentReader(MemorySegment segment, String file) {
        this.segment = segment;
        this.file = file;
    }

    MemorySegment segment() {
        return segment;
    }

    long position() {
        return position;
    }

    void seek(long newPosition) {
        position = newPosition;
    }

    long size() {
        return segment.byteSize();
    }

    long remaining() {
        return segment.byteSize() - position;
    }

    String file() {
        return file;
    }

    GgufFormatException error(String detail) {
        return new GgufFormatException(file, detail);
    }

    /** Fails unless {@code n} more bytes can be read for {@code what}. */
    void need(long n, String what) {
        if (n > remaining()) {
            throw error("file is truncated: reading " + what + " at offset " + position + " needs " + n
                    + " bytes, but only " + remaining() + " remain (file size " + size()
                    + " bytes); the download or copy was probably cut short, fetch the file again");
        }
    }

    int u8(String what) {
        need(1, what);
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, position++));
    }

    short i16(String what) {
        need(2, what);
        short v = segment.get(I16, position);
        position += 2;
        return v;
    }

    int i32(String what) {
        need(4, what);
        int v = segment.get(I32, position);
        position += 4;
        return v;
    }

    long i64(String what) {
        need(8, what);
        long v = segment.get(I64, position);
        position += 8;
        return v;
    }

    float f32(String what) {
        need(4, what);
        float v = segment.get(F32, position);
        position += 4;
        return v;
    }

    double f64(String what) {
        need(8, what);
        double v = segment.get(F64, position);
        position += 8;
        return v;
    }

    byte[] bytes(int n, String what) {
        need(n, what);
        byte[] out = new byte[n];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, position, out, 0, n);
        position += n;
        return out;
    }

    /**
     * A GGUF string: u64 length then UTF-8 bytes. Fails if the length is beyond the file or above
     * {@code maxLength}; malformed UTF-8 is decoded with replacement characters.
     */
    String string(String what, long maxLength) {
        long start = position;
        long length = i64("length of " + what);
        if (length < 0 || length > remaining()) {
            throw error("absurd string length " + Long.toUnsignedString(length) + " for " + what + " at offset " + start
                    + ": only " + remaining() + " bytes remain in the file; the file is truncated or corrupt");
        }
        if (length > maxLength) {
            throw error(what + " at offset " + start + " is " + length + " bytes long, more than the limit of " + maxLength + " bytes");
        }
        return new String(bytes((int) length, what), StandardCharsets.UTF_8);
    }

    /** Fills {@code out} (a primitive array of {@code count} elements) with little-endian values of {@code layout}. */
    <T> T array(T out, ValueLayout layout, int count, String what) {
        long bytes = layout.byteSize() * count;
        need(bytes, what);
        MemorySegment.copy(segment, layout, position, out, 0, count);
        position += bytes;
        return out;
    }
}
