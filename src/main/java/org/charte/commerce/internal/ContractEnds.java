package org.charte.commerce.internal;

import java.time.Clock;
import java.time.LocalDate;
import org.charte.commerce.Subscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every night, fixed-term contracts that have run out make their client inactive (§5: the
 * inactive period counts from the end of the contract). Idempotent: a person already inactive is
 * left alone, so several nodes running it at once do no harm.
 */
@Component
class ContractEnds {

    private static final Logger LOG = LoggerFactory.getLogger(ContractEnds.class);

    private final ObjectProvider<Subscriptions> subscriptions;
    private final Clock clock;

    ContractEnds(ObjectProvider<Subscriptions> subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Scheduled(cron = "${charte.commerce.contract-ends-cron:0 15 3 * * *}", zone = "Europe/Paris")
    void review() {
        int changed = subscriptions.getObject().endExpiredContracts(LocalDate.ofInstant(clock.instant(), Checks.PARIS));
        if (changed > 0) {
            LOG.info("{} client(s) whose last contract ran out are now inactive", changed);
        }
    }
}
