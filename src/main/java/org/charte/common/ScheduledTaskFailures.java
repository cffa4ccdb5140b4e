package org.charte.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * What a scheduled task's failure leaves in the log, for every {@code @Scheduled} task at once. A task that could not
 * reach the database (an outage, a failover: each task tries again at its next time) writes one warning with the
 * failure's kind and SQL state, not Spring's stack trace every few seconds, and never the driver's message, which may
 * quote a row's values. Any other failure is a fault of the code: an error with its stack trace.
 */
@Configuration(proxyBeanMethods = false)
public class ScheduledTaskFailures {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTaskFailures.class);

    @Bean
    static ThreadPoolTaskSchedulerCustomizer scheduledTaskFailureLog() {
        return scheduler -> scheduler.setErrorHandler(ScheduledTaskFailures::logged);
    }

    static void logged(Throwable failure) {
        // a transaction that could not begin or roll back (its connection lost) is the database's failure too
        if (failure instanceof DataAccessException || failure instanceof TransactionException) {
            log.warn("A scheduled task could not use the database ({}); it runs again at its next time", FailureText.of(failure));
        } else {
            log.error("A scheduled task failed; it runs again at its next time", failure);
        }
    }
}
