package dev.guild.server.embedded;

import dev.guild.server.config.GuildConfigValidator;

/**
 * Where PostgreSQL is.
 *
 * @param jdbcUrl  JDBC URL of the database
 * @param username user to connect as
 * @param password password, possibly empty; never printed by {@link #toString()}
 * @param embedded whether this process runs the server
 */
public record PostgresEndpoint(String jdbcUrl, String username, String password, boolean embedded) {

    @Override
    public String toString() {
        return "PostgresEndpoint[jdbcUrl=" + GuildConfigValidator.redactJdbcUrl(jdbcUrl) + ", username=" + username
                + ", embedded=" + embedded + "]";
    }
}
