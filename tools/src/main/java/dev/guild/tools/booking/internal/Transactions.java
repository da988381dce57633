package dev.guild.tools.booking.internal;

import dev.guild.tools.ToolUnavailableException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Runs work in one PostgreSQL transaction (READ COMMITTED), retrying it on a serialization failure or deadlock;
 * other SQL errors become {@link ToolUnavailableException} (the database is the platform's infrastructure).
 * Runtime exceptions of the work roll it back and pass through.
 */
final class Transactions {

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final int ATTEMPTS = 5;

    private final DataSource dataSource;

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T inTransaction(String what, Work<T> work) {
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                last = e;
                String state = e.getSQLState();
                if (!"40001".equals(state) && !"40P01".equals(state)) {
                    break;
                }
            }
        }
        throw new ToolUnavailableException("booking database failed to " + what + ": " + last.getMessage()
                + " (SQL state " + last.getSQLState() + "); the call can be retried", last);
    }

    /**
     * Serializes this transaction with every other that takes the same key, until it ends (a PostgreSQL advisory
     * transaction lock: held by the database, so it works across processes).
     */
    static void lock(Connection connection, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))")) {
            statement.setString(1, key);
            statement.execute();
        }
    }
}
