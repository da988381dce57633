package dev.guild.runtime.gguf.internal;

import dev.guild.runtime.gguf.GgufArray;
import dev.guild.runtime.gguf.GgufEntry;
import dev.guild.runtime.gguf.GgufValueType;
import dev.guild.runtime.tensor.GgmlType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes the GGUF header, metadata and tensor infos (everything before the data section), little-endian. */
public final class HeaderEncoder {

    /** A tensor info as written: {@code offset} is relative to the data section. */
    public record TensorInfo(String name, GgmlType type, long[] dims, long offset) {
    }

    private ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    private HeaderEncoder() {
    }

    /** The bytes of a version-3 header with {@code entries} and {@code tensors}, without the padding that follows. */
    public static byte[] encode(List<GgufEntry> entries, List<TensorInfo> tensors) {
        HeaderEncoder e = new HeaderEncoder();
        e.room(24).buf.put(GgufParser.MAGIC).putInt(GgufParser.VERSION).putLong(tensors.size()).putLong(entries.size());
        for (GgufEntry entry : entries) {
            e.string(entry.key());
            e.room(4).buf.putInt(entry.type().id());
            e.value(entry.type(), entry.value());
        }
        for (TensorInfo t : tensors) {
            e.string(t.name());
            e.room(4 + 8 * t.dims().length + 12).buf.putInt(t.dims().length);
            for (long d : t.dims()) {
                e.buf.putLong(d);
            }
            e.buf.putInt(t.type().id()).putLong(t.offset());
        }
        byte[] out = new byte[e.buf.position()];
        e.buf.flip().get(out);
        return out;
    }

    private HeaderEncoder room(int n) {
        if (buf.remaining() < n) {
            long wanted = Math.max((long) buf.capacity() * 2, (long) buf.position() + n);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("GGUF metadata and tensor infos exceed 2 GiB; that is not a sensible model file");
            }
            ByteBuffer bigger = ByteBuffer.allocate((int) wanted).order(ByteOrder.LITTLE_ENDIAN);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        return this;
    }

    private void string(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        room(8 + bytes.length).buf.putLong(bytes.length).put(bytes);
    }

    private void value(GgufValueType type, Object v) {
        switch (type) {
            case UINT8, INT8 -> room(1).buf.put((byte) (int) (Integer) v);
            case BOOL -> room(1).buf.put((byte) ((Boolean) v ? 1 : 0));
            case UINT16, INT16 -> room(2).buf.putShort((short) (int) (Integer) v);
            case UINT32, INT32 -> room(4).buf.putInt(((Number) v).intValue());
            case FLOAT32 -> room(4).buf.putFloat((Float) v);
            case UINT64, INT64 -> room(8).buf.putLong((Long) v);
            case FLOAT64 -> room(8).buf.putDouble((Double) v);
            case STRING -> string((String) v);
            case ARRAY -> array((GgufArray) v);
        }
    }

    private void array(GgufArray a) {
        GgufValueType t = a.elementType();
        room(12).buf.putInt(t.id()).putLong(a.length());
        switch (a.values()) {
            case int[] ints -> {
                for (int x : ints) {
                    value(t, x);
                }
            }
            case long[] longs -> {
                room(8 * longs.length).buf.asLongBuffer().put(longs);
                buf.position(buf.position() + 8 * longs.length);
            }
            case float[] floats -> {
                room(4 * floats.length).buf.asFloatBuffer().put(floats);
                buf.position(buf.position() + 4 * floats.length);
            }
            case double[] doubles -> {
                room(8 * doubles.length).buf.asDoubleBuffer().put(doubles);
                buf.position(buf.position() + 8 * doubles.length);
            }
            case boolean[] bools -> {
                for (boolean b : bools) {
                    value(GgufValueType.BOOL, b);
                }
            }
            case List<?> list -> {
                for (Object o : list) {
                    value(t == GgufValueType.ARRAY ? GgufValueType.ARRAY : GgufValueType.STRING, o);
                }
            }
            default -> throw new IllegalStateException("unreachable: " + a.values().getClass());
        }
    }
}
