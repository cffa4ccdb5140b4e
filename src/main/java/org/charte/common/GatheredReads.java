package org.charte.common;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads by key of many concurrent callers made by one statement: the reading counterpart of
 * {@link GroupCommit}. A round trip to the database was measured at about 0.1 ms of PostgreSQL's CPU
 * and as much of the JVM's on this kind of machine, whatever the query (bench/RESULTS.md); a read done
 * on every request pays it once per request, gathered once per batch.
 *
 * <p>The callers that come while a read is under way wait for it to end, and are then read together
 * by one call of the batch reader over their keys. While reads are busy (the last one began within the
 * gathering window before), the first of them also waits up to that window for more; a quiet reader
 * reads at once. No thread of its own: the first waiting caller (the leader) reads for all, then hands
 * the lead to the next one waiting. <b>Nothing is copied or kept</b>: each caller's key is read by a
 * batch that begins after the caller asked, so it sees everything committed before, exactly as a read
 * of its own would. The batch reader must read outside any caller's transaction (its own connection,
 * in auto-commit): the leader is whichever caller came first.
 *
 * <p>A failure of the batch reader is the failure of every caller of the batch (the same exception),
 * as it would have been each one's own; the next callers are not held. An interrupt does not abandon
 * a read under way: the caller's interrupt flag is kept for it.
 *
 * @param <K> the key read
 * @param <V> what is read for a key
 */
public final class GatheredReads<K, V> {

    /** The longest gathering window: a read waits at most this long more for others. */
    public static final Duration MAX_GATHER = Duration.ofMillis(100);

    private final long gatherNanos;
    private final int maxBatch;
    private final Function<Set<K>, Map<K, V>> reader;
    private final ReentrantLock lock = new ReentrantLock();
    /** Callers waiting, the leader's first (guarded by {@link #lock}). */
    private final ArrayDeque<Pending<K, V>> queue = new ArrayDeque<>();
    /** The caller that reads the next batch, while there is one (guarded by {@link #lock}). */
    private @Nullable Pending<K, V> leader;
    private volatile long lastRead;
    private final LongAdder batches = new LongAdder();
    private final LongAdder reads = new LongAdder();

    /**
     * @param setting the window's configuration key, for the message of a window out of bounds
     * @param gather how long a busy reader's first waiting caller waits for others (0 to {@link #MAX_GATHER})
     * @param maxBatch the most keys in one batch (1 to 10,000)
     * @param reader reads the keys, in one statement outside any caller's transaction, answering what it found
     *     (a key not in the map: nothing found)
     */
    public GatheredReads(String setting, Duration gather, int maxBatch, Function<Set<K>, Map<K, V>> reader) {
        if (gather.isNegative() || gather.compareTo(MAX_GATHER) > 0) {
            throw new IllegalArgumentException(setting + " must be between 0 and " + MAX_GATHER.toMillis() + " ms, not " + gather);
        }
        if (maxBatch < 1 || maxBatch > 10_000) {
            throw new IllegalArgumentException("a batch of reads holds 1 to 10,000 keys, not " + maxBatch);
        }
        this.gatherNanos = gather.toNanos();
        this.maxBatch = maxBatch;
        this.reader = reader;
        this.lastRead = System.nanoTime() - gatherNanos - 1;
    }

    /** Batches read (tests and diagnostics). */
    public long batches() {
        return batches.sum();
    }

    /** Reads asked for and answered by those batches. */
    public long reads() {
        return reads.sum();
    }

    private static final class Pending<K, V> {
        static final int WAITING = 0, LEADING = 1, DONE = 2;

        final K key;
        final Thread thread = Thread.currentThread();
        volatile int state = WAITING;
        @Nullable V value;
        @Nullable Throwable failure;

        Pending(K key) {
            this.key = key;
        }
    }

    /** What is read for the key (null: nothing), by a batch that begins after this call. */
    public @Nullable V read(K key) {
        Pending<K, V> me = new Pending<>(key);
        lock.lock();
        try {
            queue.add(me);
            if (leader == null) {
                leader = me;
                me.state = Pending.LEADING;
            } else if (queue.size() >= maxBatch) {
                LockSupport.unpark(leader.thread); // a full batch: a gathering leader need not wait longer
            }
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (me.state == Pending.WAITING) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        try {
            if (me.state == Pending.LEADING) {
                lead();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable failure = me.failure;
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException("the read failed", failure);
        }
        return me.value;
    }

    /** Reads the waiting callers' keys (the leader's first), then hands the lead to the next one waiting. */
    private void lead() {
        List<Pending<K, V>> batch = new ArrayList<>();
        try {
            gather();
            lock.lock();
            try {
                Pending<K, V> next;
                while (batch.size() < maxBatch && (next = queue.poll()) != null) {
                    batch.add(next);
                }
            } finally {
                lock.unlock();
            }
            lastRead = System.nanoTime();
            Set<K> keys = new LinkedHashSet<>();
            for (Pending<K, V> p : batch) {
                keys.add(p.key);
            }
            Map<K, V> found = reader.apply(keys);
            batches.increment();
            reads.add(batch.size());
            for (Pending<K, V> p : batch) {
                p.value = found.get(p.key);
            }
        } catch (Throwable t) {
            for (Pending<K, V> p : batch) {
                p.failure = t;
            }
        } finally {
            Pending<K, V> next;
            lock.lock();
            try {
                next = queue.peek();
                leader = next;
                if (next != null) {
                    next.state = Pending.LEADING;
                }
            } finally {
                lock.unlock();
            }
            Thread self = Thread.currentThread();
            for (Pending<K, V> p : batch) {
                p.state = Pending.DONE;
                if (p.thread != self) {
                    LockSupport.unpark(p.thread);
                }
            }
            if (next != null) {
                LockSupport.unpark(next.thread);
            }
        }
    }

    /** While reads are busy, waits up to the window for more callers (unless a batch is full). */
    private void gather() {
        if (gatherNanos == 0 || System.nanoTime() - lastRead >= gatherNanos) {
            return;
        }
        long deadline = System.nanoTime() + gatherNanos;
        long left;
        boolean interrupted = false;
        while ((left = deadline - System.nanoTime()) > 0 && waiting() < maxBatch) {
            LockSupport.parkNanos(this, left);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }
}
