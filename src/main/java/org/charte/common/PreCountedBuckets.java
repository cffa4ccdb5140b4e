package org.charte.common;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The node's {@link PreCountedRateLimit}s and their flush: every {@code charte.rate-limit.flush} (a second), each
 * client's requests let through on this node are paid into the shared bucket and its shared count read back. Every node
 * flushes its own (no job lock: each pays what only it knows), every client of a limit in one transaction
 * ({@link JdbcRateBuckets#spendAll}: one commit per flush, not one per client). A failed flush (the database unreachable) keeps what is
 * owed for the next one; meanwhile each node goes on deciding from its copies.
 */
@Component
public class PreCountedBuckets {

    private static final Logger LOG = LoggerFactory.getLogger(PreCountedBuckets.class);

    private final ObjectProvider<JdbcRateBuckets> buckets;
    private final Clock clock;
    private final int maxClients;
    private final List<PreCountedRateLimit> limits = new CopyOnWriteArrayList<>();

    public PreCountedBuckets(ObjectProvider<JdbcRateBuckets> buckets, Clock clock, @Value("${charte.rate-limit.max-clients:100000}") int maxClients) {
        this.buckets = buckets;
        this.clock = clock;
        this.maxClients = maxClients;
    }

    /** A limit counted on this node first and flushed to the shared buckets (its owner, at start). */
    public PreCountedRateLimit register(RateLimit limit) {
        buckets.getObject().register(limit);
        PreCountedRateLimit counted = new PreCountedRateLimit(limit, maxClients);
        limits.add(counted);
        return counted;
    }

    /** Takes a token from the client's copy on this node: no database access. */
    public boolean take(PreCountedRateLimit limit, String client) {
        return limit.take(client, clock.millis());
    }

    /** The {@code Retry-After} of a refusal, in seconds. */
    public long retryAfterSeconds(PreCountedRateLimit limit, String client) {
        return limit.retryAfterSeconds(client, clock.millis());
    }

    @Scheduled(fixedDelayString = "${charte.rate-limit.flush:PT1S}", initialDelayString = "${charte.rate-limit.flush:PT1S}")
    public void flush() {
        for (PreCountedRateLimit limit : limits) {
            List<PreCountedRateLimit.Payment> payments = limit.due(clock.millis());
            if (payments.isEmpty()) {
                continue;
            }
            Map<String, Double> shared;
            try {
                // every client of the limit at once: one transaction, not one per client
                shared = buckets.getObject().spendAll(limit.limit(), payments);
            } catch (DuplicateKeyException e) {
                // another node made one of these buckets at the same moment: nothing was kept, client by client instead
                if (!flushEach(limit, payments)) {
                    return;
                }
                continue;
            } catch (DataAccessException e) {
                payments.forEach(limit::unpaid);
                warn(limit, e);
                return;
            }
            long now = clock.millis();
            for (PreCountedRateLimit.Payment payment : payments) {
                limit.settle(payment.client(), shared.get(payment.client()), now);
            }
        }
    }

    /** Pays client by client; false when the database failed (what is left owed at the next flush). */
    private boolean flushEach(PreCountedRateLimit limit, List<PreCountedRateLimit.Payment> payments) {
        for (int i = 0; i < payments.size(); i++) {
            PreCountedRateLimit.Payment payment = payments.get(i);
            try {
                double shared = buckets.getObject().spend(limit.limit(), payment.client(), payment.requests());
                limit.settle(payment.client(), shared, clock.millis());
            } catch (DataAccessException e) {
                payments.subList(i, payments.size()).forEach(limit::unpaid);
                warn(limit, e);
                return false;
            }
        }
        return true;
    }

    private static void warn(PreCountedRateLimit limit, DataAccessException e) {
        LOG.warn("The rate limit {} could not be flushed to the database ({}): owed at the next flush", limit.limit().name(),
                e.getClass().getSimpleName());
    }
}
