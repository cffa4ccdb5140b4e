package org.charte.common;

import java.sql.SQLException;

/**
 * What a log line may say of a failure: its kind and, for the database, its SQL state. Never its
 * message, which a driver fills with the values of the row it refused (personal data, submitted text).
 */
public final class FailureText {

    private FailureText() {}

    public static String of(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return e.getClass().getSimpleName() + ", SQL state " + sql.getSQLState();
            }
        }
        return e.getClass().getSimpleName();
    }
}
