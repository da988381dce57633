package dev.guild.server.sql;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** One-statement JDBC helpers with text parameters; failures name what was being done. */
public final class Sql {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet row) throws Exception;
    }

    /**
     * Runs an INSERT/UPDATE/DELETE.
     *
     * @param what what it does, for the error message ("storing a workflow version")
     * @return the number of rows changed
     */
    public static int update(DataSource dataSource, String what, String sql, String... values) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, values)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(what + " in PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    /** Runs a SELECT and maps every row. */
    public static <T> List<T> query(DataSource dataSource, String what, Row<T> mapper, String sql, String... values) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, values);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        } catch (Exception e) {
            throw new IllegalStateException(what + " from PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, String... values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setString(i + 1, values[i]);
        }
        return statement;
    }

    private Sql() {
    }
}
