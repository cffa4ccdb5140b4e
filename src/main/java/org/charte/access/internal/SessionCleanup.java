package org.charte.access.internal;

import java.time.Clock;
import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every minute, on one node at a time: deletes the staff sessions past their expiry time (the idle
 * timeout after their last access written). An expired session is refused at its next request
 * anyway (the store checks its expiry when it reads it); this keeps the table to the live ones.
 */
@Component
class SessionCleanup {

    // Beans with @Scheduled are made at start even in the command line's lazy context: the table's
    // class is asked for only when the job runs.
    private final ObjectProvider<JdbcSessionCleanup> sessions;
    private final ObjectProvider<LockingTaskExecutor> locks;
    private final ObjectProvider<Clock> clock;

    SessionCleanup(ObjectProvider<JdbcSessionCleanup> sessions, ObjectProvider<LockingTaskExecutor> locks, ObjectProvider<Clock> clock) {
        this.sessions = sessions;
        this.locks = locks;
        this.clock = clock;
    }

    @Scheduled(cron = "${charte.access.session-cleanup-cron:0 * * * * *}")
    void scheduled() {
        locks.getObject().executeWithLock((Runnable) this::deleteExpired,
                new LockConfiguration(ClockProvider.now(), "access-session-cleanup", Duration.ofMinutes(5), Duration.ofSeconds(10)));
    }

    /** Deletes the expired sessions now; how many. */
    int deleteExpired() {
        return sessions.getObject().deleteExpiredBefore(clock.getObject().millis());
    }
}
