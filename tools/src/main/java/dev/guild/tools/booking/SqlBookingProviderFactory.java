package dev.guild.tools.booking;

import dev.guild.tools.ToolEnvironment;
import dev.guild.tools.booking.internal.SqlBookingProvider;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The built-in reservation service on the platform's PostgreSQL ({@code guild.tools.booking.provider=sql}, the
 * default). Settings: {@code guild.tools.booking.catalog} (default {@code <data dir>/booking/catalog.yaml}) and
 * {@code guild.tools.booking.hold-ttl} (default {@code 15m}).
 */
public final class SqlBookingProviderFactory implements BookingProviderFactory {

    public static final String NAME = "sql";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BookingProvider create(ToolEnvironment env) {
        Path catalog = env.settings().path(BookingToolProvider.PREFIX + "catalog")
                .orElse(env.dataDir().resolve("booking").resolve("catalog.yaml"));
        Duration ttl = env.settings().duration(BookingToolProvider.PREFIX + "hold-ttl", Duration.ofMinutes(15));
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("setting " + BookingToolProvider.PREFIX + "hold-ttl = '" + ttl
                    + "' must be positive, such as 15m");
        }
        return new SqlBookingProvider(env.dataSource().orElseThrow(() -> new IllegalArgumentException(
                "the sql booking provider needs PostgreSQL; give the tool environment a DataSource")), catalog, ttl,
                env.clock());
    }
}
