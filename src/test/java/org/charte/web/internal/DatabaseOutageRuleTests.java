package org.charte.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean "the database cannot be reached now" (503), decided from the JDBC cause whatever wraps it. */
class DatabaseOutageRuleTests {

    @Test
    @DisplayName("R8.5 no connection within Hikari's timeout, a refused connection, a server shutting down or starting up: an outage, however Spring wrapped it")
    void outages() {
        SQLTransientConnectionException hikari = new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "08001");
        assertThat(DatabaseOutage.in(hikari)).isTrue();
        assertThat(DatabaseOutage.in(new CannotCreateTransactionException("Could not open JDBC Connection", hikari))).isTrue();
        assertThat(DatabaseOutage.in(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", hikari))).isTrue();
        assertThat(DatabaseOutage.in(new RuntimeException(new SQLException("An I/O error occurred while sending to the backend", "08006")))).isTrue();
        assertThat(DatabaseOutage.in(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseOutage.in(new SQLException("the database system is starting up", "57P03"))).isTrue();
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new RuntimeException(new SQLException("An I/O error occurred while sending to the backend", "08006")));
        assertThat(DatabaseOutage.in(rollbackFailed)).as("a rollback failed on the connection the outage closed").isTrue();
        assertThat(DatabaseOutage.in(new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"))))
                .as("a failed rollback alone says nothing").isFalse();
        assertThat(DatabaseOutage.kind(new CannotCreateTransactionException("x", hikari))).isEqualTo("SQLTransientConnectionException, SQL state 08001");
    }

    @Test
    @DisplayName("R8.5 a constraint, a value too long, a statement timeout or a bug are not an outage: they keep their own answers")
    void notOutages() {
        assertThat(DatabaseOutage.in(new DataIntegrityViolationException("dup", new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(DatabaseOutage.in(new SQLException("value too long", "22001"))).isFalse();
        assertThat(DatabaseOutage.in(new QueryTimeoutException("canceling statement due to statement timeout", new SQLException("x", "57014")))).isFalse();
        assertThat(DatabaseOutage.in(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseOutage.in(null)).isFalse();
    }
}
