package org.charte.rights.internal;

import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every few seconds ({@code charte.opendsr.callbacks.poll-delay}): queues the callbacks of status
 * changes and calls those due, on one node of a cluster at a time (ShedLock). Touches nothing until
 * it runs (the command line's lazy contexts).
 */
@Component
class OpenDsrCallbackSchedule {

    private final ObjectProvider<OpenDsrCallbacks> callbacks;
    private final ObjectProvider<LockingTaskExecutor> locks;

    OpenDsrCallbackSchedule(ObjectProvider<OpenDsrCallbacks> callbacks, ObjectProvider<LockingTaskExecutor> locks) {
        this.callbacks = callbacks;
        this.locks = locks;
    }

    @Scheduled(fixedDelayString = "${charte.opendsr.callbacks.poll-delay:PT10S}", initialDelayString = "${charte.opendsr.callbacks.poll-delay:PT10S}")
    void run() {
        locks.getObject().executeWithLock((Runnable) () -> {
            callbacks.getObject().queueChanges();
            callbacks.getObject().deliverDue();
        }, new LockConfiguration(ClockProvider.now(), "rights-opendsr-callbacks", Duration.ofMinutes(5), Duration.ZERO));
    }
}
