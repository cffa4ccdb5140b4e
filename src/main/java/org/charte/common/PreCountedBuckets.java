package org.charte.common;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * client's requests let through on this node are paid into the shared bucket, and the shared count of every bucket some
 * node paid into since the last flush is read back (one range of rows, not one read per copy held). Every node
 * flushes its own (no job lock: each pays what only it knows), every client of a limit in one transaction
 * ({@link JdbcRateBuckets#spendAll}: one commit per flush, not one per client). A failed flush (the database unreachable) keeps what is
 * owed for the next one, and reads back from where the last read left off; meanwhile each node goes on deciding from its copies.
 */
@Component
public class PreCountedBuckets {

    private static final Logger LOG = LoggerFactory.getLogger(PreCountedBuckets.class);
    /**
     * How far back before its last read a flush reads the buckets paid into: a payment is stamped with its node's clock
     * and seen once committed, so a node's clock a little behind, or a commit still under way, is still read.
     */
    static final long CHANGED_MARGIN_MILLIS = 2_000;

    private final ObjectProvider<JdbcRateBuckets> buckets;
    private final Clock clock;
    private final int maxClients;
    private final List<PreCountedRateLimit> limits = new CopyOnWriteArrayList<>();
    /** When each limit's shared counts were last read (epoch milliseconds of this node's clock). */
    private final Map<PreCountedRateLimit, Long> readAt = new ConcurrentHashMap<>();

    public PreCountedBuckets(ObjectProvider<JdbcRateBuckets> buckets, Clock clock, @Value("${charte.rate-limit.max-clients:100000}") int maxClients) {
        this.buckets = buckets;
        this.clock = clock;
        this.maxClients = maxClients;
    }

    /** A limit counted on this node first and flushed to the shared buckets (its owner, at start). */
    public PreCountedRateLimit register(RateLimit limit) {
        buckets.getObject().register(limit);
        PreCountedRateLimit counted = new PreCountedRateLimit(limit, maxClients);
        readAt.put(counted, clock.millis()); // no copy before this: nothing older to learn
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
            long now = clock.millis();
            List<PreCountedRateLimit.Payment> payments = limit.due(now);
            if (payments.isEmpty() && limit.clients() == 0) {
                readAt.put(limit, now); // no copy to teach: a new one starts full, and is read back once paid
                continue;
            }
            // the buckets paid into since the last read (less a margin: other nodes' clocks, their commits still under way)
            // (never after now: a clock set back reads from now on, and the buckets stamped later than it are read too)
            long since = Math.min(readAt.getOrDefault(limit, now), now) - CHANGED_MARGIN_MILLIS;
            Map<String, Double> shared;
            try {
                // every client of the limit at once: one transaction, not one per client
                shared = buckets.getObject().spendAll(limit.limit(), payments, since);
            } catch (DuplicateKeyException e) {
                // another node made one of these buckets at the same moment: nothing was kept, client by client instead
                if (!flushEach(limit, payments)) {
                    return;
                }
                try {
                    shared = buckets.getObject().changedSince(limit.limit(), since, now);
                } catch (DataAccessException failed) {
                    warn(limit, failed);
                    return;
                }
            } catch (DataAccessException e) {
                payments.forEach(limit::unpaid);
                warn(limit, e);
                return;
            }
            readAt.put(limit, now);
            limit.settleShared(shared, now);
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
