package org.charte;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * A node that stops (a deployment, {@code ./charte demo} ended) stops quietly: a scheduled task that
 * is running when it stops (the session cleanup's query, the audit checkpoint) ends before the
 * connection pool it uses is closed, instead of failing on a closed pool with a stack trace in the
 * log; the tasks not started yet are dropped. Here a task of the test's, as slow as a query the
 * database is slow to answer, runs when the node is told to stop, among Charte's own tasks running
 * at every turn.
 */
@Tag("db")
@ExtendWith(OutputCaptureExtension.class)
class ShutdownTests {

    @Test
    @DisplayName("R6.5 R8.5 a node stopping while its scheduled tasks run lets them end first: no error, no stack trace in its log")
    void quietShutdown(CapturedOutput output) throws InterruptedException {
        List<String> properties = new ArrayList<>(TestDatabase.sharedDatabaseProperties());
        properties.addAll(List.of("server.port=0", "charte.rate-limit.flush=PT0.005S", "charte.opendsr.callbacks.poll-delay=PT0.005S",
                "charte.audit.checkpoint-interval=PT0.005S", "charte.mail.retry-delay=PT0.005S", "charte.breaches.check-interval=PT0.005S",
                "charte.breaches.check-delay=PT0.005S", "charte.subjects.accepted-phrases.refresh-interval=5ms",
                "charte.access.session-cleanup-cron=* * * * * *", "charte.sms.poll-delay=PT0.005S"));
        ConfigurableApplicationContext node = new SpringApplicationBuilder(CharteApplication.class, SlowTask.class)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        assertThat(SlowTask.RUNNING.await(60, TimeUnit.SECONDS)).as("the slow task runs").isTrue();
        int before = output.toString().length();
        assertThat(SlowTask.DONE.getCount()).as("the slow task still runs as the node begins to stop").isOne();
        node.close();
        String stopping = output.toString().substring(before);
        assertThat(SlowTask.DONE.getCount()).as("the slow task ended its query before the pool closed").isZero();
        assertThat(stopping).as("what the node logged while stopping").doesNotContain("Unexpected error occurred in scheduled task")
                .doesNotContain(" ERROR ").doesNotContainPattern("(?m)^\\s+at [a-zA-Z_$][\\w$.]*\\(");
    }

    /**
     * A scheduled task that waits two seconds (the node is told to stop as soon as it runs), deaf to interruption as a socket read is, then queries the database: told to
     * stop by an interruption (the scheduler's {@code shutdownNow}), it fails there, as Charte's own did on a closed connection.
     */
    static class SlowTask {

        static final CountDownLatch RUNNING = new CountDownLatch(1);
        static final CountDownLatch DONE = new CountDownLatch(1);

        private final JdbcClient jdbc;

        SlowTask(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @Scheduled(initialDelay = 200, fixedDelay = 600_000)
        void run() {
            RUNNING.countDown();
            if (TestDatabase.postgres()) {
                // on PostgreSQL, a query the database is slow to answer: the thread waits in the socket's read
                jdbc.sql("SELECT 1 FROM (SELECT pg_sleep(2)) AS slow").query(Integer.class).single();
                DONE.countDown();
                return;
            }
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2000);
            boolean interrupted = false;
            for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt(); // as a task interrupted in the middle of its work carries on with it
            }
            jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single();
            DONE.countDown();
        }
    }
}
