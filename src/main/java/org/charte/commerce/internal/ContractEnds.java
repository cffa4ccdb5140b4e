package org.charte.commerce.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.charte.commerce.Subscriptions;
import org.charte.common.Zones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every night, fixed-term contracts that have run out make their client inactive (§5: the
 * inactive period counts from the end of the contract). Under a ShedLock lock, so one node of a
 * cluster runs it; idempotent anyway (a person already inactive is left alone).
 */
@Component
class ContractEnds {

    private static final Logger LOG = LoggerFactory.getLogger(ContractEnds.class);

    private final ObjectProvider<Subscriptions> subscriptions;
    private final Clock clock;
    private final ObjectProvider<LockingTaskExecutor> locks;

    ContractEnds(ObjectProvider<Subscriptions> subscriptions, Clock clock, ObjectProvider<LockingTaskExecutor> locks) {
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.locks = locks;
    }

    @Scheduled(cron = "${charte.commerce.contract-ends-cron:0 15 3 * * *}", zone = Zones.PARIS_ID)
    void scheduled() {
        locks.getObject().executeWithLock((Runnable) this::review,
                new LockConfiguration(ClockProvider.now(), "commerce-contract-ends", Duration.ofMinutes(30), Duration.ofMinutes(1)));
    }

    void review() {
        int changed = subscriptions.getObject().endExpiredContracts(LocalDate.ofInstant(clock.instant(), Zones.PARIS));
        if (changed > 0) {
            LOG.info("{} client(s) whose last contract ran out are now inactive", changed);
        }
    }
}
