package dev.guild.tools.booking;

import dev.guild.tools.ToolEnvironment;

/**
 * Makes a {@link BookingProvider}; listed in {@code META-INF/services/dev.guild.tools.booking.BookingProviderFactory}
 * and chosen by {@code guild.tools.booking.provider} (default {@code sql}, the built-in reservation service).
 */
public interface BookingProviderFactory {

    /** The value of {@code guild.tools.booking.provider} that selects this factory: lower case, e.g. {@code sql}. */
    String name();

    /**
     * The provider, with its settings read from {@code environment}; throws {@link IllegalArgumentException} naming
     * the key, the value and the fix when they are wrong.
     */
    BookingProvider create(ToolEnvironment environment);
}
