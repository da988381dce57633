package dev.guild.tools.booking;

import dev.guild.tools.Tool;
import dev.guild.tools.ToolDescriptor;
import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.ToolProvider;
import dev.guild.tools.booking.internal.BookingContext;
import dev.guild.tools.booking.internal.CancelBookingTool;
import dev.guild.tools.booking.internal.ConfirmBookingTool;
import dev.guild.tools.booking.internal.HoldBookingTool;
import dev.guild.tools.booking.internal.ICalendar;
import dev.guild.tools.booking.internal.ListBookingsTool;
import dev.guild.tools.booking.internal.SearchAvailabilityTool;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The booking tools ({@code search_availability}, {@code hold_booking}, {@code confirm_booking},
 * {@code cancel_booking}, {@code list_bookings}) on the provider named by {@code guild.tools.booking.provider}.
 * Settings (docs/tools.md, Booking):
 * <ul>
 *   <li>{@code guild.tools.booking.provider}, default {@code sql}: a {@link BookingProviderFactory#name()};</li>
 *   <li>{@code guild.tools.booking.max-period}, default {@code 31d}: longest booking or search period;</li>
 *   <li>{@code guild.tools.booking.time-zone}, default {@code UTC}: zone of local times in searches and lists;</li>
 *   <li>{@code guild.tools.booking.organizer}, default {@code bookings@guild.localhost}: ORGANIZER of invites;</li>
 *   <li>the provider's own keys (the SQL provider: {@code catalog}, {@code hold-ttl}).</li>
 * </ul>
 */
public final class BookingToolProvider implements ToolProvider {

    public static final String PREFIX = "guild.tools.booking.";

    @Override
    public List<Tool> tools(ToolEnvironment env) {
        return unavailable(env).isPresent() ? List.of() : tools(env, true);
    }

    /** The same tools and settings checks as {@link #tools}, without creating the provider (no database needed). */
    @Override
    public List<ToolDescriptor> descriptors(ToolEnvironment env) {
        return tools(env, false).stream().map(ToolDescriptor::of).toList();
    }

    /** @param live create the booking provider; false: the tools have none and serve only as descriptions */
    private static List<Tool> tools(ToolEnvironment env, boolean live) {
        String name = env.settings().string(PREFIX + "provider", SqlBookingProviderFactory.NAME);
        BookingProviderFactory factory = factories().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("setting " + PREFIX + "provider = '" + name
                        + "' names no booking provider; registered: " + factories().stream()
                        .map(BookingProviderFactory::name).toList()));
        Duration maxPeriod = env.settings().duration(PREFIX + "max-period", Duration.ofDays(31));
        String zoneName = env.settings().string(PREFIX + "time-zone", "UTC");
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("setting " + PREFIX + "time-zone = '" + zoneName
                    + "' is not a time zone; write a region such as Europe/Berlin or UTC");
        }
        String organizer = env.settings().string(PREFIX + "organizer", "bookings@guild.localhost");
        if (!ICalendar.isAddress(organizer)) {
            throw new IllegalArgumentException("setting " + PREFIX + "organizer = '" + organizer
                    + "' is not an e-mail address; write one such as bookings@example.com");
        }
        BookingContext context = new BookingContext(live ? factory.create(env) : null, env.artifacts(), env.clock(), maxPeriod, zone,
                organizer);
        return List.of(new SearchAvailabilityTool(context), new HoldBookingTool(context),
                new ConfirmBookingTool(context), new CancelBookingTool(context), new ListBookingsTool(context));
    }

    @Override
    public Optional<String> unavailable(ToolEnvironment env) {
        boolean sql = env.settings().string(PREFIX + "provider", SqlBookingProviderFactory.NAME)
                .equals(SqlBookingProviderFactory.NAME);
        return sql && env.dataSource().isEmpty()
                ? Optional.of("booking tools off: the sql booking provider needs PostgreSQL and this environment has none")
                : Optional.empty();
    }

    private static List<BookingProviderFactory> factories() {
        List<BookingProviderFactory> all = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ServiceLoader.load(BookingProviderFactory.class, context != null ? context : BookingToolProvider.class.getClassLoader())
                .forEach(all::add);
        return all;
    }
}
