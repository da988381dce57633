package dev.guild.server.embedded;

import dev.guild.server.config.GuildConfigValidator;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import java.sql.SQLException;
import java.time.Duration;

/** A pooled {@link javax.sql.DataSource} for a {@link PostgresEndpoint}, and Guild's Flyway migrations. */
public final class PostgresDataSources {

    /**
     * Where the migrations live: {@code db/migration} in every jar on the class path, so the server's
     * ({@code server/src/main/resources/db/migration}) and the tools' ({@code tools/src/main/resources/db/migration},
     * e.g. the booking tables); named {@code V<yyyyMMddHHmm>__<what>.sql}, so they interleave in time order.
     */
    public static final String MIGRATIONS = "classpath:db/migration";

    private PostgresDataSources() {
    }

    /** Opens a pool (Agroal) of at most {@code maxPoolSize} connections; connections are made on demand. */
    public static AgroalDataSource open(PostgresEndpoint endpoint, int maxPoolSize) {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .maxSize(maxPoolSize)
                        .minSize(0)
                        .initialSize(0)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .validationTimeout(Duration.ofMinutes(1))
                        .reapTimeout(Duration.ofMinutes(5))
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(endpoint.jdbcUrl())
                                .connectionProviderClass(org.postgresql.Driver.class)
                                .principal(endpoint.username().isEmpty() ? null : new NamePrincipal(endpoint.username()))
                                .credential(new SimplePassword(endpoint.password()))));
        try {
            return AgroalDataSource.from(config);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a connection pool for "
                    + GuildConfigValidator.redactJdbcUrl(endpoint.jdbcUrl()) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies the pending migrations from {@link #MIGRATIONS}.
     *
     * @return how many migrations ran now
     */
    public static int migrate(javax.sql.DataSource dataSource) {
        MigrateResult result = Flyway.configure(PostgresDataSources.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
