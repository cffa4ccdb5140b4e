package org.charte.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Which database Charte runs on: PostgreSQL (production, the suite's second lane) or H2 (the embedded demo database and
 * the suite's first lane). The one place that tells them apart; each store that writes differently on each asks here.
 */
public final class Databases {

    private Databases() {}

    /** Whether this connection is to PostgreSQL (else H2). */
    public static boolean postgres(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql");
    }

    /**
     * Whether {@code dataSource} is PostgreSQL (else H2), asked over one of its connections.
     *
     * @param holds what lives there, for the error when the database cannot be reached ("the sessions")
     * @throws IllegalStateException when it cannot tell
     */
    public static boolean postgres(DataSource dataSource, String holds) {
        try (Connection c = dataSource.getConnection()) {
            return postgres(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database holds " + holds, e);
        }
    }
}
