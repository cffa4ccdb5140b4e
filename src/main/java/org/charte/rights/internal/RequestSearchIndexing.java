package org.charte.rights.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.charte.common.FailureText;
import org.charte.common.Zones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Indexes, for the requests list's search ({@link ClaimantSearch}), the requests recorded before
 * their sender's name and e-mail were indexed at intake (V49_2): each claimant opened once by the
 * system, in batches, every hour under a ShedLock lock until none is left; then it finds nothing to do.
 * A claimant that cannot be read is marked done without indexes (found by its reference only).
 */
@Component
class RequestSearchIndexing {

    private static final Logger LOG = LoggerFactory.getLogger(RequestSearchIndexing.class);
    static final int BATCH = 200;

    // Taken when the job runs, not at start: the command line's lazy contexts make no key to read the log.
    private final ObjectProvider<RequestStore> stores;
    private final TransactionTemplate transactions;
    private final ObjectProvider<LockingTaskExecutor> locks;

    RequestSearchIndexing(ObjectProvider<RequestStore> stores, TransactionTemplate transactions, ObjectProvider<LockingTaskExecutor> locks) {
        this.stores = stores;
        this.transactions = transactions;
        this.locks = locks;
    }

    @Scheduled(cron = "${charte.rights.search-index-cron:0 25 * * * *}", zone = Zones.PARIS_ID)
    void scheduled() {
        locks.getObject().executeWithLock((Runnable) this::run,
                new LockConfiguration(ClockProvider.now(), "rights-search-index", Duration.ofMinutes(10), Duration.ofSeconds(30)));
    }

    /** Indexes every request not indexed yet; returns how many. */
    int run() {
        RequestStore store = stores.getObject();
        int indexed = 0;
        for (List<UUID> batch = store.notIndexed(BATCH); !batch.isEmpty(); batch = store.notIndexed(BATCH)) {
            for (UUID id : batch) {
                try {
                    transactions.executeWithoutResult(status -> store.index(id, store.claimant(id)));
                    indexed++;
                } catch (RuntimeException e) {
                    LOG.warn("rights request {} not indexed for search ({}): found by its reference only", id, FailureText.of(e));
                    transactions.executeWithoutResult(status -> store.indexedWithout(id));
                }
            }
        }
        return indexed;
    }
}
