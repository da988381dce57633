package dev.guild.runtime.gguf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A typed GGUF array value: the element type and the elements in their Java representation (see
 * {@link GgufValueType}): {@code int[]} for UINT8, INT8, UINT16, INT16, UINT32 and INT32 elements,
 * {@code long[]} for UINT64 and INT64, {@code float[]} for FLOAT32, {@code double[]} for FLOAT64,
 * {@code boolean[]} for BOOL, {@code List<String>} for STRING and {@code List<GgufArray>} for nested
 * arrays (element type ARRAY). The constructor checks the representation and the range of every
 * element (a UINT8 element must be 0..255, ...). A UINT32 element above {@link Integer#MAX_VALUE} is
 * stored as the negative int with the same 32 bits.
 *
 * <p>The arrays are not copied: do not modify an array after handing it over or after reading it.
 */
public record GgufArray(GgufValueType elementType, Object values) {

    public GgufArray {
        if (elementType == null || values == null) {
            throw new IllegalArgumentException("a GGUF array needs an element type and values, got " + elementType + " and " + values);
        }
        String problem = check(elementType, values);
        if (problem != null) {
            throw new IllegalArgumentException("invalid GGUF array of " + elementType + ": " + problem);
        }
        if (values instanceof List<?> list) {
            values = Collections.unmodifiableList(new ArrayList<>(list));
        }
    }

    /** Number of elements. */
    public int length() {
        return switch (values) {
            case int[] a -> a.length;
            case long[] a -> a.length;
            case float[] a -> a.length;
            case double[] a -> a.length;
            case boolean[] a -> a.length;
            case List<?> l -> l.size();
            default -> throw new IllegalStateException("unreachable: " + values.getClass());
        };
    }

    /** The contract representation: {@link #values()}, except nested arrays become {@code List<Object>}. */
    public Object javaValue() {
        if (elementType != GgufValueType.ARRAY) {
            return values;
        }
        List<Object> out = new ArrayList<>();
        for (Object inner : (List<?>) values) {
            out.add(((GgufArray) inner).javaValue());
        }
        return Collections.unmodifiableList(out);
    }

    private static String check(GgufValueType type, Object values) {
        return switch (type) {
            case UINT8 -> checkInts(values, 0, 255);
            case INT8 -> checkInts(values, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case UINT16 -> checkInts(values, 0, 65535);
            case INT16 -> checkInts(values, Short.MIN_VALUE, Short.MAX_VALUE);
            case UINT32, INT32 -> checkInts(values, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT64, INT64 -> values instanceof long[] ? null : expected("long[]", values);
            case FLOAT32 -> values instanceof float[] ? null : expected("float[]", values);
            case FLOAT64 -> values instanceof double[] ? null : expected("double[]", values);
            case BOOL -> values instanceof boolean[] ? null : expected("boolean[]", values);
            case STRING -> checkList(values, String.class);
            case ARRAY -> checkList(values, GgufArray.class);
        };
    }

    private static String checkInts(Object values, int min, int max) {
        if (!(values instanceof int[] ints)) {
            return expected("int[]", values);
        }
        for (int i = 0; i < ints.length; i++) {
            if (ints[i] < min || ints[i] > max) {
                return "element " + i + " is " + ints[i] + ", outside " + min + ".." + max;
            }
        }
        return null;
    }

    private static String checkList(Object values, Class<?> elementClass) {
        if (!(values instanceof List<?> list)) {
            return expected("List<" + elementClass.getSimpleName() + ">", values);
        }
        for (int i = 0; i < list.size(); i++) {
            if (!elementClass.isInstance(list.get(i))) {
                return "element " + i + " is " + (list.get(i) == null ? "null" : list.get(i).getClass().getSimpleName())
                        + ", expected " + elementClass.getSimpleName();
            }
        }
        return null;
    }

    private static String expected(String what, Object values) {
        return "values must be a " + what + ", got " + values.getClass().getSimpleName();
    }
}
