package org.charte.hosting.internal;

import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every ten minutes, on one node at a time: forgets the client sign-in failures whose window and lock have passed. */
@Component
class ClientAttemptPurge {

    private final ObjectProvider<JdbcClientAttempts> attempts;
    private final ObjectProvider<LockingTaskExecutor> locks;

    ClientAttemptPurge(ObjectProvider<JdbcClientAttempts> attempts, ObjectProvider<LockingTaskExecutor> locks) {
        this.attempts = attempts;
        this.locks = locks;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
    void purge() {
        locks.getObject().executeWithLock((Runnable) () -> attempts.getObject().purge(),
                new LockConfiguration(ClockProvider.now(), "hosting-client-attempt-purge", Duration.ofMinutes(5), Duration.ofSeconds(30)));
    }
}
