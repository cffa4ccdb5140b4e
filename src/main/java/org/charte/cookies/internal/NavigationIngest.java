package org.charte.cookies.internal;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.charte.common.Zones;
import org.charte.cookies.ChoiceLifetime;
import org.charte.cookies.PageView;
import org.charte.cookies.PageView.Consented;
import org.charte.cookies.PageView.Exempt;
import org.charte.cookies.internal.JdbcNavigation.CountKey;
import org.charte.cookies.internal.JdbcNavigation.VisitorKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes page views in batches (R3.4, L8): the beacon's requests queue their view and wait; a
 * writer takes what has queued (up to {@code charte.navigation.batch-size}) and, in one transaction,
 * re-checks that each consented view's consent id still accepts audience measurement on record (a
 * view without it keeps only what exempt measurement keeps; the ids locked first, so that a withdrawal committing
 * meanwhile erases the batch's views or is seen by the check: {@link JdbcNavigation#lockConsents}), inserts the raw events, the day's new
 * visitors and the counts; then every request of the batch is answered (group commit). An answer of
 * success means committed. A full queue refuses at once (the caller answers 503), so memory stays
 * bounded. On PostgreSQL {@code charte.navigation.writers} writers (2) take turns on the queue, so that a batch is
 * written while another waits for its commit's flush; each writes its visitors and then its counts in
 * key order, so two writers wait on each other (a visitor or a counter both touch) but never in a circle,
 * and a visitor both batches hold is inserted, and counted, by one of them only.
 * What a view keeps in each mode ({@link Exempt}, {@link Consented}) is worked out by the request's
 * thread, before it queues: the writers only choose between the two.
 */
@Service
class NavigationIngest {

    private static final Logger LOG = LoggerFactory.getLogger(NavigationIngest.class);

    /** The dimensions counted per day and site. */
    static final List<String> DIMENSIONS = List.of("day", "page", "entry", "referrer", "browser", "system", "country");
    /** The item of a country no range holds. */
    static final String NO_COUNTRY = "--";

    /** A view's two forms, worked out before it queues: the consented one only if it came with a consent id. */
    private record Pending(Exempt exempt, @Nullable Consented consented, CompletableFuture<Void> done) {}

    private final JdbcNavigation rows;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ChoiceLifetime lifetime;
    private final String audiencePurpose;
    private final int batchSize;
    private final BlockingQueue<Pending> queue;
    private final Set<YearMonth> partitioned = ConcurrentHashMap.newKeySet();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;
    private final AtomicLong batches = new AtomicLong();

    NavigationIngest(JdbcNavigation rows, PlatformTransactionManager transactions, Clock clock, ConsentBanner banner,
            @Value("${charte.navigation.batch-size:5000}") int batchSize,
            @Value("${charte.navigation.queue-capacity:200000}") int capacity, @Value("${charte.navigation.writers:2}") int writers) {
        if (writers < 1 || writers > 16) {
            throw new IllegalArgumentException("charte.navigation.writers must be between 1 and 16");
        }
        this.rows = rows;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        this.lifetime = banner.lifetime();
        this.audiencePurpose = PageView.AUDIENCE_PURPOSE;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(capacity);
        // H2 answers a key another open transaction is inserting with an error, not a wait: one writer there
        for (int i = 0; i < (rows.postgres() ? writers : 1); i++) {
            this.writers.add(Thread.ofPlatform().name("navigation-writer-" + i).daemon().start(this::write));
        }
    }

    /** The consent purpose whose acceptance allows the consented mode. */
    String audiencePurpose() {
        return audiencePurpose;
    }

    /** Queues a view; completes once committed, exceptionally if it could not be. Null when the queue is full. */
    @Nullable CompletableFuture<Void> submit(PageView view) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending(view.exempt(), view.consented(), done))) {
            return null;
        }
        return done;
    }

    /** How many batches were committed since the start (each one commit). */
    long batches() {
        return batches.get();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        long until = System.nanoTime() + 10_000_000_000L;
        for (Thread writer : writers) {
            writer.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                partitions(batch);
                transactions.executeWithoutResult(status -> store(batch));
                batches.incrementAndGet();
                batch.forEach(p -> p.done().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("a batch of {} page views was not stored ({})", batch.size(), e.getClass().getSimpleName());
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /** PostgreSQL: the months' partitions, created ahead when missing (each in its own transaction). */
    private void partitions(List<Pending> views) {
        if (!rows.postgres()) {
            return;
        }
        for (Pending view : views) {
            YearMonth month = YearMonth.from(view.exempt().day());
            if (!partitioned.contains(month)) {
                ensure(month);
            }
        }
    }

    /** Creates the month's partitions unless there (another node may create them at the same time: then they are). */
    void ensure(YearMonth month) {
        if (!rows.postgres()) {
            return;
        }
        for (String parent : List.of(JdbcNavigation.EXEMPT, JdbcNavigation.CONSENTED)) {
            try {
                transactions.executeWithoutResult(s -> rows.ensurePartition(parent, month));
            } catch (RuntimeException raced) {
                transactions.executeWithoutResult(s -> rows.ensurePartition(parent, month));
            }
        }
        partitioned.add(month);
    }

    /** Forgets which partitions exist (after the retention run dropped some). */
    void forgetPartitions() {
        partitioned.clear();
    }

    private void store(List<Pending> batch) {
        Set<UUID> asked = new LinkedHashSet<>();
        batch.forEach(v -> {
            if (v.consented() != null) {
                asked.add(v.consented().consentId());
            }
        });
        Instant now = clock.instant();
        rows.lockConsents(asked, false); // before the check: a withdrawal's erasure then waits for this commit, or this check for its
        Set<UUID> accepting = rows.accepting(asked, audiencePurpose, now.atZone(Zones.PARIS).minus(lifetime.lifetime()).toInstant());
        List<Exempt> exempt = new ArrayList<>();
        List<Consented> consented = new ArrayList<>();
        Map<CountKey, long[]> counts = new HashMap<>(); // sorted once below: a comparator chain per insertion was a fifth of the writer
        Set<VisitorKey> visitors = new HashSet<>();
        for (Pending view : batch) {
            Consented withConsent = view.consented() != null && accepting.contains(view.consented().consentId()) ? view.consented() : null;
            Exempt e = view.exempt();
            if (withConsent != null) {
                consented.add(withConsent);
            } else {
                exempt.add(e);
            }
            int visit = e.entry() ? 1 : 0;
            count(counts, e, "day", "", visit);
            count(counts, e, "page", e.page(), visit);
            if (e.entry()) {
                count(counts, e, "entry", e.page(), visit);
                if (e.referrerHost() != null) {
                    count(counts, e, "referrer", e.referrerHost(), visit);
                }
            }
            count(counts, e, "browser", e.browser(), visit);
            count(counts, e, "system", e.system(), visit);
            count(counts, e, "country", e.country() == null ? NO_COUNTRY : e.country(), visit);
            visitors.add(new VisitorKey(e.day(), e.site(), e.visitor()));
        }
        if (!exempt.isEmpty()) {
            rows.insertExempt(exempt);
        }
        if (!consented.isEmpty()) {
            rows.insertConsented(consented);
        }
        List<VisitorKey> sorted = new ArrayList<>(visitors);
        sorted.sort(null); // in key order, as the counters below: two writers never wait on each other in a circle
        Map<CountKey, Long> newVisitors = new HashMap<>();
        for (VisitorKey added : rows.addVisitors(sorted)) {
            newVisitors.merge(new CountKey(added.day(), added.site(), "day", ""), 1L, Long::sum);
        }
        newVisitors.forEach((key, n) -> counts.get(key)[2] += n);
        List<CountKey> keys = new ArrayList<>(counts.keySet());
        keys.sort(null);
        List<long[]> sums = new ArrayList<>(keys.size());
        keys.forEach(key -> sums.add(counts.get(key)));
        rows.addCounts(keys, sums);
    }

    private static void count(Map<CountKey, long[]> counts, Exempt e, String dimension, String item, int visit) {
        long[] sums = counts.computeIfAbsent(new CountKey(e.day(), e.site(), dimension, item), k -> new long[3]);
        sums[0]++;
        sums[1] += visit;
    }
}
