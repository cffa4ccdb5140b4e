package org.charte.web.internal;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * A database error said without its values: drivers quote the row they refused (H2: "Value too
 * long for column ... 'the value'", PostgreSQL: "Key (login)=(the value) already exists"), and a
 * value may be a name or an e-mail. What is kept: the exception's kind, the SQL state, and the
 * constraint or column named by the driver, when it names one.
 */
final class DatabaseErrors {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseErrors.class);
    /** An identifier the driver quotes after these words: a constraint, an index or a column name, never a value. */
    private static final Pattern NAMED = Pattern.compile(
            "(?i)(constraint|column|index|violation:)\\s+\"([A-Za-z_][A-Za-z0-9_.$]{0,127})");

    private DatabaseErrors() {}

    record Described(String kind, String sqlState, @Nullable String name) {
        String sqlStateClass() {
            return sqlState.length() >= 2 ? sqlState.substring(0, 2) : "";
        }
    }

    static Described describe(DataAccessException e) {
        SQLException sql = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException s) {
                sql = s;
                break;
            }
        }
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        return new Described(e.getClass().getSimpleName(), state, sql == null ? null : name(sql.getMessage()));
    }

    /** The first constraint, index, column or table the message names, never anything quoted as a value. */
    static @Nullable String name(@Nullable String message) {
        if (message == null) {
            return null;
        }
        Matcher m = NAMED.matcher(message);
        return m.find() ? (m.group(1).equalsIgnoreCase("violation:") ? "constraint" : m.group(1).toLowerCase(Locale.ROOT))
                + " " + m.group(2) : null;
    }

    static void log(Described described, int status) {
        String line = "Database refused a request (" + described.kind() + ", SQL state " + described.sqlState()
                + (described.name() == null ? "" : ", " + described.name()) + "): answered " + status;
        if (status >= 500) {
            LOG.error(line);
        } else {
            LOG.warn(line);
        }
    }
}
