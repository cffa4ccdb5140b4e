package org.charte.marketing.internal;

import java.time.Clock;
import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import java.time.LocalDate;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.charte.common.Zones;
import org.charte.marketing.Solicitations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes the suppression list's entries past their end ({@link org.charte.marketing.SuppressionRetention},
 * 3 years from the objection, L9) every night, on one node of a cluster (ShedLock). Not a step of
 * the retention run: the policy file has no retention rule for the list yet, and an entry names
 * nobody, so there is no person's record to prove the erasure of.
 */
@Component
class SuppressionPurge {

    private static final Logger log = LoggerFactory.getLogger(SuppressionPurge.class);

    private final ObjectProvider<Solicitations> solicitations;
    private final ObjectProvider<LockingTaskExecutor> locks;
    private final Clock clock;

    SuppressionPurge(ObjectProvider<Solicitations> solicitations, ObjectProvider<LockingTaskExecutor> locks, Clock clock) {
        this.solicitations = solicitations;
        this.locks = locks;
        this.clock = clock;
    }

    @Scheduled(cron = "${charte.marketing.suppression-purge-cron:0 45 2 * * *}", zone = Zones.PARIS_ID)
    void purge() {
        LocalDate day = LocalDate.now(clock.withZone(Zones.PARIS));
        locks.getObject().executeWithLock((Runnable) () -> {
            int purged = solicitations.getObject().purgeSuppressions(day);
            if (purged > 0) {
                log.info("suppression list: {} entries past their end removed", purged);
            }
        }, new LockConfiguration(ClockProvider.now(), "marketing-suppression-purge", Duration.ofMinutes(10), Duration.ZERO));
    }
}
