package dev.guild.tools;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a record component of a tool's input or output for the generated JSON Schema
 * ({@link ToolSchemas#forRecord}). Unset constraints are left out of the schema.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER})
public @interface ToolParam {
    /** What the value means, for a model. */
    String value();

    /** False makes the property optional (the record then sees null). */
    boolean required() default true;

    /** Inclusive lower bound for numbers; NaN = none. */
    double minimum() default Double.NaN;

    /** Inclusive upper bound for numbers; NaN = none. */
    double maximum() default Double.NaN;

    /** Minimum length of a string or minimum items of an array; -1 = none. */
    int minLength() default -1;

    /** Maximum length of a string or maximum items of an array; -1 = none. */
    int maxLength() default -1;

    /** ECMA-262 regular expression a string must match; empty = none. */
    String pattern() default "";
}
