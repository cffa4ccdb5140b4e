package org.charte.web.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.TransactionSystemException;

/**
 * When a failure means "the database cannot be reached now" rather than "this request is wrong"
 * or "Charte has a bug": the answer is then 503 with {@code Retry-After}, never 500 (a restart,
 * a failover to the standby, a pool with no connection to give). Decided from the JDBC cause
 * alone, whatever Spring wrapped it in (CannotGetJdbcConnectionException,
 * CannotCreateTransactionException, TransientDataAccessResourceException, ...): a connection
 * exception (SQLTransientConnectionException, as Hikari throws when no connection came within its
 * timeout; SQLNonTransientConnectionException; SQL state class 08), or the server shutting down,
 * crashed or starting up (57P01, 57P02, 57P03); or a rollback that failed after such a failure
 * (Spring's TransactionSystemException, whose cause is then the rollback's, not the outage's).
 */
final class DatabaseOutage {

    /** What the caller is told to wait before trying again: about what a restart or a promotion of the standby takes. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    /** admin_shutdown, crash_shutdown, cannot_connect_now (PostgreSQL's class 57, operator intervention). */
    private static final Set<String> SERVER_GOING = Set.of("57P01", "57P02", "57P03");
    /** A cause chain longer than this is not followed further (a cycle, or an absurd nesting). */
    private static final int MAX_DEPTH = 32;

    private DatabaseOutage() {}

    /** Whether {@code failure}, or one of its causes, says the database is unreachable. */
    static boolean in(@Nullable Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GOING.contains(sql.getSQLState()))) {
                return true;
            }
            // A rollback that failed because the connection was already lost (Hikari's closed connection
            // says "Connection is closed" without a SQL state): the failure it rolled back for tells.
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != rollback
                    && in(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /** What a log line may say of the outage: the JDBC exception's kind and SQL state, never its message (it may quote a value). */
    static String kind(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLException sql) {
                return sql.getClass().getSimpleName() + (sql.getSQLState() == null ? "" : ", SQL state " + sql.getSQLState());
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** The {@code Retry-After} header's value, in seconds. */
    static String retryAfter() {
        return Long.toString(RETRY_AFTER.toSeconds());
    }
}
