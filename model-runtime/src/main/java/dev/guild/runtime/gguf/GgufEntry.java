package dev.guild.runtime.gguf;

/**
 * One metadata key-value pair with its GGUF type. {@code value} is in the Java representation
 * documented on {@link GgufValueType}, except that an ARRAY value is a {@link GgufArray} (which keeps
 * the element type); {@link #javaValue()} gives the plain representation. The constructor checks that
 * the value matches the type and its range (UINT8 0..255, UINT32 as an Integer >= 0 or a Long in
 * 2^31..2^32-1, ...).
 */
public record GgufEntry(String key, GgufValueType type, Object value) {

    public GgufEntry {
        if (key == null || type == null || value == null) {
            throw new IllegalArgumentException("a GGUF metadata entry needs a key, a type and a value, got "
                    + key + ", " + type + ", " + value);
        }
        String problem = check(type, value);
        if (problem != null) {
            throw new IllegalArgumentException("invalid value for GGUF metadata key '" + key + "' of type " + type + ": " + problem);
        }
    }

    /** The value as {@link GgufMetadata#asMap()} gives it. */
    public Object javaValue() {
        return value instanceof GgufArray a ? a.javaValue() : value;
    }

    /** The element type of an ARRAY entry, or null for a scalar. */
    public GgufValueType elementType() {
        return value instanceof GgufArray a ? a.elementType() : null;
    }

    private static String check(GgufValueType type, Object value) {
        return switch (type) {
            case UINT8 -> intIn(value, 0, 255);
            case INT8 -> intIn(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case UINT16 -> intIn(value, 0, 65535);
            case INT16 -> intIn(value, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT32 -> intIn(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT32 -> switch (value) {
                case Integer i when i >= 0 -> null;
                case Long l when l > Integer.MAX_VALUE && l <= 0xFFFF_FFFFL -> null;
                default -> "a UINT32 is an Integer 0.." + Integer.MAX_VALUE + " or a Long 2^31..2^32-1, got " + describe(value);
            };
            case UINT64, INT64 -> value instanceof Long ? null : "expected a Long, got " + describe(value);
            case FLOAT32 -> value instanceof Float ? null : "expected a Float, got " + describe(value);
            case FLOAT64 -> value instanceof Double ? null : "expected a Double, got " + describe(value);
            case BOOL -> value instanceof Boolean ? null : "expected a Boolean, got " + describe(value);
            case STRING -> value instanceof String ? null : "expected a String, got " + describe(value);
            case ARRAY -> value instanceof GgufArray ? null : "expected a GgufArray, got " + describe(value);
        };
    }

    private static String intIn(Object value, long min, long max) {
        if (value instanceof Integer i && i >= min && i <= max) {
            return null;
        }
        return "expected an Integer in " + min + ".." + max + ", got " + describe(value);
    }

    private static String describe(Object value) {
        return value.getClass().getSimpleName() + " " + value;
    }
}
