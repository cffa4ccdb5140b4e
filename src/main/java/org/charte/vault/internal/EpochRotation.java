package org.charte.vault.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.charte.vault.VaultEpochs;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotation of key epochs (R8.4), under a cluster lock: starts an epoch, rewraps every live key under
 * it in batches of one transaction each (a key is wrapped by the old epoch or the new one, never
 * lost, so a crash anywhere leaves a state the vault reads and the next run finishes), then
 * destroys the epochs the rule says are due, oldest first, and none that still wraps a live key.
 */
@Service
class EpochRotation implements VaultEpochs {

    private static final Logger log = LoggerFactory.getLogger(EpochRotation.class);
    static final String LOCK = "vault-key-epochs";
    /** The lock is extended once a tenth of its longest hold has passed, as the retention run's. */
    private static final int EXTEND_EVERY = 10;

    private final JdbcEpochKeys keys;
    private final JdbcVault vault;
    private final Keystore keystore;
    private final Clock clock;
    private final KeyEpochs rules;
    private final ObjectProvider<LockProvider> locks;
    private final TransactionTemplate transaction;
    private final int batchSize;
    private final Duration lockAtMostFor;

    EpochRotation(JdbcEpochKeys keys, JdbcVault vault, Keystore keystore, Clock clock, ObjectProvider<LockProvider> locks,
            PlatformTransactionManager transactions, @Value("${charte.vault.epoch-length:P30D}") Duration length,
            @Value("${charte.vault.backup-horizon-epochs:2}") int horizonEpochs, @Value("${charte.vault.rewrap-batch-size:1000}") int batchSize,
            @Value("${charte.vault.lock-at-most-for:PT10M}") Duration lockAtMostFor) {
        this.keys = keys;
        this.vault = vault;
        this.keystore = keystore;
        this.clock = clock;
        this.rules = new KeyEpochs(length, horizonEpochs);
        this.locks = locks;
        this.transaction = new TransactionTemplate(transactions);
        if (batchSize < 1) {
            throw new IllegalStateException("charte.vault.rewrap-batch-size must be at least 1");
        }
        this.batchSize = batchSize;
        this.lockAtMostFor = lockAtMostFor;
    }

    KeyEpochs rules() {
        return rules;
    }

    @Override
    public Result maintain() {
        return locked(() -> run(false, batchSize, Long.MAX_VALUE));
    }

    @Override
    public Result rotateNow(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1");
        }
        return locked(() -> run(true, batchSize, Long.MAX_VALUE));
    }

    /** Rewraps at most {@code limit} keys: a run cut short stops where a crash could (tests use it). */
    Result rotateNow(int batchSize, long limit) {
        return locked(() -> run(true, batchSize, limit));
    }

    // --- the lock -------------------------------------------------------------------------------

    private @Nullable SimpleLock lock;
    private Instant extendedAt = Instant.EPOCH;

    private synchronized Result locked(Supplier<Result> work) {
        lock = locks.getObject().lock(new LockConfiguration(ClockProvider.now(), LOCK, lockAtMostFor, Duration.ZERO))
                .orElseThrow(() -> new InProgressException("another rotation of key epochs is in progress (the lock '" + LOCK
                        + "' is held); try again later"));
        extendedAt = ClockProvider.now();
        try {
            return work.get();
        } finally {
            if (lock != null) {
                try {
                    lock.unlock();
                } catch (RuntimeException e) {
                    log.warn("the lock of the key epochs could not be released; it expires by itself");
                }
            }
            lock = null;
        }
    }

    private void extendLock() {
        if (lock != null && extendedAt.plus(lockAtMostFor.dividedBy(EXTEND_EVERY)).isBefore(ClockProvider.now())) {
            SimpleLock extended = lock.extend(lockAtMostFor, Duration.ZERO).orElse(null);
            if (extended == null) {
                lock = null;
                throw new InProgressException("the rotation of key epochs lost its lock; another node may run it now");
            }
            lock = extended;
            extendedAt = ClockProvider.now();
        }
    }

    // --- the run --------------------------------------------------------------------------------

    private Result run(boolean now, int size, long limit) {
        Instant at = clock.instant();
        Keystore.Epoch current = keystore.current();
        Long started = null;
        if (current == null) {
            current = vault.wrappingEpoch(); // the first epoch: keys from before epochs move under it
            started = current.number();
        } else if (now ? pending(current) == 0 : rules.rotationDue(current.started(), at)) {
            current = keystore.create(vault.nextEpochNumber(), at);
            started = current.number();
        }
        if (started != null) {
            log.info("key epoch {} started (key {}); rewrapping every live person key under it", current.number(), current.kekId());
        }
        long rewrapped = 0;
        long unreadable = 0;
        UUID after = null;
        boolean complete = true;
        while (true) {
            if (rewrapped >= limit) {
                complete = pending(current) == 0;
                break;
            }
            List<JdbcVault.StoredKey> page = keys.page(after, (int) Math.min(size, limit - rewrapped));
            if (page.isEmpty()) {
                break;
            }
            after = page.getLast().subjectId();
            List<JdbcEpochKeys.Rewrapped> batch = new ArrayList<>(page.size());
            SecretKeySpec kek = current.key();
            for (JdbcVault.StoredKey stored : page) {
                if (stored.epoch() != null && stored.epoch() == current.number()) {
                    continue; // already under the current epoch (made since it started, or by an earlier, interrupted run)
                }
                byte[] raw;
                try {
                    raw = vault.unwrap(stored);
                } catch (EpochDestroyedException e) {
                    unreadable++; // a key of an old backup under a destroyed epoch: nothing opens it, nothing to rewrap
                    continue;
                }
                batch.add(new JdbcEpochKeys.Rewrapped(stored.subjectId(), AesGcm.seal(kek, JdbcVault.dataKeyContext(stored.subjectId()), raw),
                        current.number(), stored.epoch() == null ? -1 : stored.epoch()));
                Arrays.fill(raw, (byte) 0);
            }
            rewrapped += transaction.execute(status -> keys.rewrap(batch));
            extendLock();
        }
        if (rewrapped > 0 || started != null) {
            log.info("key epoch {}: {} person keys rewrapped{}", current.number(), rewrapped, complete ? "" : " (stopped before the end: run again)");
        }
        if (unreadable > 0) {
            log.warn("{} person keys are under destroyed epochs and never open again (this database holds a backup older than the horizon)",
                    unreadable);
        }
        List<Long> destroyed = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        destroyDue(at, destroyed, waiting);
        return new Result(started, current.number(), rewrapped, unreadable, destroyed, waiting, complete);
    }

    /** Live keys not under the current epoch, that a rewrap must move: under the master key or a live older epoch. */
    private long pending(Keystore.Epoch current) {
        Map<Long, Keystore.Epoch> known = byNumber(keystore.epochs());
        long pending = 0;
        for (var entry : keys.countByEpoch().entrySet()) {
            Long epoch = entry.getKey();
            if (epoch == null || (epoch != current.number() && known.containsKey(epoch) && known.get(epoch).live())) {
                pending += entry.getValue();
            }
        }
        return pending;
    }

    private static Map<Long, Keystore.Epoch> byNumber(List<Keystore.Epoch> epochs) {
        Map<Long, Keystore.Epoch> map = new LinkedHashMap<>();
        epochs.forEach(e -> map.put(e.number(), e));
        return map;
    }

    /** Live epochs with their end (the next epoch's start), oldest first. */
    private List<KeyEpochs.Span> liveSpans(List<Keystore.Epoch> epochs) {
        List<Keystore.Epoch> sorted = epochs.stream().sorted(Comparator.comparingLong(Keystore.Epoch::number)).toList();
        List<KeyEpochs.Span> spans = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Keystore.Epoch epoch = sorted.get(i);
            if (epoch.live()) {
                spans.add(new KeyEpochs.Span(epoch.number(), epoch.started(), i + 1 < sorted.size() ? sorted.get(i + 1).started() : null));
            }
        }
        return spans;
    }

    private void destroyDue(Instant at, List<Long> destroyed, List<String> waiting) {
        for (KeyEpochs.Span span : rules.destroyable(liveSpans(keystore.epochs()), at)) {
            long left = keys.countUnder(span.number());
            if (left > 0) {
                String why = waitReason(span, left);
                waiting.add(why);
                log.warn(why);
                return; // never destroy a younger epoch before an older one
            }
            keystore.destroy(span.number(), at);
            destroyed.add(span.number());
            log.info("key epoch {} destroyed: database backups taken before {} no longer open", span.number(), span.end());
        }
    }

    private String waitReason(KeyEpochs.Span span, long left) {
        return "the destruction of key epoch " + span.number() + " (due since " + rules.destructionDue(span.end()) + ") waits: " + left
                + " live person key(s) are still wrapped by it; the rewrap under the current epoch must finish first";
    }

    // --- status ---------------------------------------------------------------------------------

    @Override
    public Status status() {
        Instant at = clock.instant();
        List<Keystore.Epoch> epochs = keystore.epochs();
        Map<Long, Keystore.Epoch> known = byNumber(epochs);
        Map<@Nullable Long, Long> counts = new HashMap<>(keys.countByEpoch());
        long legacy = counts.getOrDefault(null, 0L);
        Keystore.Epoch current = epochs.stream().filter(Keystore.Epoch::live).max(Comparator.comparingLong(Keystore.Epoch::number)).orElse(null);
        Map<Long, Instant> ends = new HashMap<>();
        for (KeyEpochs.Span span : liveSpans(epochs)) {
            if (span.end() != null) {
                ends.put(span.number(), span.end());
            }
        }
        List<Keystore.Epoch> sorted = epochs.stream().sorted(Comparator.comparingLong(Keystore.Epoch::number)).toList();
        for (int i = 0; i + 1 < sorted.size(); i++) {
            ends.putIfAbsent(sorted.get(i).number(), sorted.get(i + 1).started());
        }
        TreeSet<Long> numbers = new TreeSet<>(known.keySet());
        counts.keySet().stream().filter(Objects::nonNull).forEach(numbers::add);
        List<Epoch> list = new ArrayList<>();
        long pending = legacy;
        long unreadable = 0;
        Instant nextDestruction = null;
        List<String> waiting = new ArrayList<>();
        for (long number : numbers) {
            Keystore.Epoch epoch = known.get(number);
            long count = counts.getOrDefault(number, 0L);
            Instant end = ends.get(number);
            boolean live = epoch != null && epoch.live();
            Instant due = live && end != null ? rules.destructionDue(end) : null;
            list.add(new Epoch(number, epoch == null ? null : epoch.kekId(), epoch == null ? null : epoch.started(), end,
                    epoch == null ? null : epoch.destroyed(), count, due, epoch != null));
            if (!live) {
                unreadable += count;
            } else if (current != null && number != current.number()) {
                pending += count;
            }
            if (due != null && (nextDestruction == null || due.isBefore(nextDestruction))) {
                nextDestruction = due;
            }
            if (due != null && !at.isBefore(due) && count > 0) {
                waiting.add(waitReason(new KeyEpochs.Span(number, epoch.started(), end), count));
            }
        }
        return new Status(keystore.directory().toString(), rules.length(), rules.horizonEpochs(), list, legacy, pending, unreadable,
                current == null ? null : rules.nextStart(current.started()), nextDestruction, waiting);
    }
}
