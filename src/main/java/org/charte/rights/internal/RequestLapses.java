package org.charte.rights.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.UUID;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.charte.common.Zones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes the requests whose sender never proved who they are ({@link UnverifiedLapse}), instead of
 * letting them pile up as overdue: each is closed as cancelled, outcome {@code lapsed}, with the
 * reason in its history, and nobody is written to (the sender never proved the address is theirs;
 * a code sent for it is no longer accepted). Every night (Paris) after midnight, under a ShedLock
 * lock so one node of a cluster runs it; running it again changes nothing.
 */
@Component
class RequestLapses {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLapses.class);
    static final String OUTCOME = "lapsed";

    // Beans with @Scheduled are made at start even in the command line's lazy context: the store (and the vault
    // behind it) and the locks are taken when the job runs, so that reading the log makes no key.
    private final ObjectProvider<RequestStore> stores;
    private final TransactionTemplate transactions;
    private final UnverifiedLapse rule;
    private final ObjectProvider<LockingTaskExecutor> locks;

    RequestLapses(ObjectProvider<RequestStore> stores, TransactionTemplate transactions, @Value("${charte.rights.unverified-lapse:P1M}") Period after,
            ObjectProvider<LockingTaskExecutor> locks) {
        this.stores = stores;
        this.transactions = transactions;
        this.rule = new UnverifiedLapse(after);
        this.locks = locks;
    }

    UnverifiedLapse rule() {
        return rule;
    }

    @Scheduled(cron = "${charte.rights.lapse-cron:0 5 0 * * *}", zone = Zones.PARIS_ID)
    void scheduled() {
        locks.getObject().executeWithLock((Runnable) this::run,
                new LockConfiguration(ClockProvider.now(), "rights-unverified-lapse", Duration.ofMinutes(10), Duration.ofSeconds(30)));
    }

    /** Closes every request lapsed as of today; returns how many. */
    int run() {
        RequestStore store = stores.getObject();
        LocalDate today = store.today();
        int lapsed = 0;
        for (UUID id : store.unverifiedReceivedBy(rule.receivedOnOrBefore(today))) {
            lapsed += Boolean.TRUE.equals(transactions.execute(status -> lapse(id, today))) ? 1 : 0;
        }
        if (lapsed > 0) {
            LOG.info("{} rights request(s) lapsed, identity never verified", lapsed);
        }
        return lapsed;
    }

    /** One request, locked and read again: a code checked meanwhile wins. */
    private boolean lapse(UUID id, LocalDate today) {
        RequestStore store = stores.getObject();
        RightsRequest request = store.lock(id).orElse(null);
        if (request == null || !rule.lapsed(request, today)) {
            return false;
        }
        LocalDate waitedUntil = rule.waitsUntil(request).orElseThrow();
        store.close(id, RequestStatus.CANCELLED, OUTCOME, Steps.SYSTEM);
        // the step's label says why in the page's language; the note gives the day and the setting, no words
        store.step(id, Steps.SYSTEM, OUTCOME, waitedUntil + " (charte.rights.unverified-lapse=" + rule.after() + ")");
        return true;
    }
}
