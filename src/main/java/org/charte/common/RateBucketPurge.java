package org.charte.common;

import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every ten minutes, on one node at a time: forgets the rate limits' buckets that are full again,
 * so the table holds only the clients of the last refill period.
 */
@Component
class RateBucketPurge {

    private final ObjectProvider<JdbcRateBuckets> buckets;
    private final ObjectProvider<LockingTaskExecutor> locks;

    RateBucketPurge(ObjectProvider<JdbcRateBuckets> buckets, ObjectProvider<LockingTaskExecutor> locks) {
        this.buckets = buckets;
        this.locks = locks;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
    void purge() {
        locks.getObject().executeWithLock((Runnable) () -> buckets.getObject().purge(),
                new LockConfiguration(ClockProvider.now(), "common-rate-bucket-purge", Duration.ofMinutes(5), Duration.ofSeconds(30)));
    }
}
