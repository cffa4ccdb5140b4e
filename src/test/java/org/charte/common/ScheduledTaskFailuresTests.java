package org.charte.common;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.charte.testing.CharteIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.TransactionSystemException;

@CharteIntegrationTest
class ScheduledTaskFailuresTests {

    @Autowired
    TaskScheduler scheduler;

    @Test
    @DisplayName("R6.5 a scheduled task that cannot reach the database logs one warning with the failure's kind and SQL state, no stack trace and no driver message (a failed rollback on a lost connection too); a fault of the code keeps its stack trace")
    void failuresLogged() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ScheduledTaskFailures.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            String secret = "dupont@example.org";
            run(lines, 1, () -> {
                throw new DataAccessResourceFailureException("refused for " + secret,
                        new SQLTransientConnectionException("Connection to 127.0.0.1 refused " + secret, "08001"));
            });
            run(lines, 2, () -> {
                throw new IllegalStateException("a bug");
            });
            run(lines, 3, () -> {
                // a rollback after the connection was lost (as PostgreSQL stopping under a task gives)
                throw new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed " + secret));
            });
            assertThat(lines.list).hasSize(3);
            ILoggingEvent rollback = lines.list.get(2);
            assertThat(rollback.getLevel()).isEqualTo(Level.WARN);
            assertThat(rollback.getFormattedMessage()).contains("TransactionSystemException").doesNotContain(secret);
            assertThat(rollback.getThrowableProxy()).isNull();
            ILoggingEvent outage = lines.list.getFirst();
            assertThat(outage.getLevel()).isEqualTo(Level.WARN);
            assertThat(outage.getFormattedMessage()).contains("DataAccessResourceFailureException, SQL state 08001").doesNotContain(secret);
            assertThat(outage.getThrowableProxy()).isNull();
            ILoggingEvent bug = lines.list.get(1);
            assertThat(bug.getLevel()).isEqualTo(Level.ERROR);
            assertThat(bug.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
        } finally {
            logger.detachAppender(lines);
        }
    }

    /** Runs the task as a repeating scheduled task of the application's scheduler, once, and waits for its failure's line. */
    private void run(ListAppender<ILoggingEvent> lines, int expected, Runnable failing) throws InterruptedException {
        ScheduledFuture<?> task = scheduler.scheduleWithFixedDelay(failing, Instant.now(), Duration.ofHours(1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lines.list.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        task.cancel(false);
    }
}
