package org.charte.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Group commit: callers submit items and wait; writer threads take whatever has queued (at most {@code maxBatch}
 * items), hand them to the {@link BatchWriter} (which writes them all in one transaction of its own and commits), and
 * only then complete each caller's future with its result. Many callers share one commit (one WAL flush), and callers
 * hold no database connection while they wait. Several writers take turns, so that a batch is written while the
 * previous one waits for its commit's flush to disk.
 *
 * <p><b>Failures.</b> If a batch of several items fails, each of its items is written again alone (its own call to
 * the batch writer, its own transaction): one bad item fails only its own caller, with the exception its write threw,
 * and the others are committed. A batch of one that fails completes its caller's future with the exception. A failure
 * to reach the database at all (no connection, no transaction begun: {@link CannotCreateTransactionException},
 * {@link DataAccessResourceFailureException}) is no item's fault: every caller of the batch is told at once, without
 * retrying each alone (which would only wait for the database once per item).
 *
 * <p><b>Shutdown</b> ({@link #close()}): nothing new is accepted (a submit fails at once with {@link ClosedException}),
 * the writers write what is queued, then end. If they have not finished within the time given, whatever is still
 * queued is failed with {@link ClosedException}: no caller is left waiting. Nothing is logged with a stack trace.
 *
 * @param <T> what a caller submits
 * @param <R> what its write answers (one result per item, in the batch's order)
 */
public final class GroupCommit<T, R> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** Writes a batch, in one transaction of its own, and answers one result per item in the batch's order. */
    @FunctionalInterface
    public interface BatchWriter<T, R> {
        List<R> write(List<T> batch) throws Exception;
    }

    /** The item was not written because the group commit is shut down: nothing of it is stored. */
    public static final class ClosedException extends IllegalStateException {
        ClosedException(String name) {
            super(name + ": shutting down, not written");
        }
    }

    private static final class Pending<T, R> {
        final T item;
        final CompletableFuture<R> done = new CompletableFuture<>();

        Pending(T item) {
            this.item = item;
        }
    }

    private final Pending<T, R> stop = new Pending<>(null);
    private final String name;
    private final int maxBatch;
    private final BatchWriter<T, R> writer;
    private final LinkedBlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
    /** Submits enqueue under the read lock; close() takes the write lock, so nothing is queued after the stop. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private boolean closed;
    private final AtomicLong batches = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param name what is written, for thread names and log lines (never a value)
     * @param writers how many writer threads (1 to 16)
     * @param maxBatch the most items in one batch (1 to 100,000)
     */
    public GroupCommit(String name, int writers, int maxBatch, BatchWriter<T, R> writer) {
        if (writers < 1 || writers > 16) {
            throw new IllegalArgumentException(name + ": writers must be between 1 and 16, not " + writers);
        }
        if (maxBatch < 1 || maxBatch > 100_000) {
            throw new IllegalArgumentException(name + ": the batch size must be between 1 and 100000, not " + maxBatch);
        }
        this.name = name;
        this.maxBatch = maxBatch;
        this.writer = writer;
        for (int i = 0; i < writers; i++) {
            threads.add(Thread.ofPlatform().name("charte-" + name + "-writer-" + i).daemon(true).start(this::run));
        }
    }

    /** Queues the item; the future completes once its batch is committed (or exceptionally with what its write threw). */
    public CompletableFuture<R> submit(T item) {
        Pending<T, R> pending = new Pending<>(item);
        gate.readLock().lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new ClosedException(name));
            }
            queue.add(pending);
        } finally {
            gate.readLock().unlock();
        }
        return pending.done;
    }

    /**
     * Queues the item and waits, not interruptibly (the caller learns the outcome, whatever it is), until it is
     * committed; answers its result or throws what its write threw (a checked exception wrapped in a
     * {@link CompletionException}).
     */
    public R write(T item) {
        try {
            return submit(item).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Writes these items as one batch on the calling thread, exactly as a writer thread would (the retry alone
     * included), and answers their futures, all complete.
     */
    public List<CompletableFuture<R>> writeBatch(List<T> items) {
        List<Pending<T, R>> batch = new ArrayList<>(items.size());
        for (T item : items) {
            batch.add(new Pending<>(item));
        }
        write(batch);
        List<CompletableFuture<R>> futures = new ArrayList<>(batch.size());
        for (Pending<T, R> pending : batch) {
            futures.add(pending.done);
        }
        return futures;
    }

    /** How many batches were written or failed since start, retries alone included (tests see batching through it). */
    public long batches() {
        return batches.get();
    }

    private void run() {
        List<Pending<T, R>> batch = new ArrayList<>();
        while (true) {
            Pending<T, R> first = take();
            if (first == stop) {
                queue.add(stop); // for the other writers
                return;
            }
            batch.add(first);
            Pending<T, R> next;
            while (batch.size() < maxBatch && (next = queue.poll()) != null) {
                if (next == stop) {
                    queue.add(stop);
                    break;
                }
                batch.add(next);
            }
            write(batch);
            batch.clear();
        }
    }

    private Pending<T, R> take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // only close() ends a writer, through the stop, once the queue is drained
            }
        }
    }

    private void write(List<Pending<T, R>> batch) {
        batches.incrementAndGet();
        List<T> items = new ArrayList<>(batch.size());
        for (Pending<T, R> pending : batch) {
            items.add(pending.item);
        }
        List<R> results;
        try {
            results = writer.write(items);
            if (results == null || results.size() != batch.size()) {
                throw new IllegalStateException(name + ": the batch writer answered " + (results == null ? "nothing" : results.size() + " results")
                        + " for " + batch.size() + " items");
            }
        } catch (Throwable e) {
            if (batch.size() == 1 || unreachable(e)) {
                if (batch.size() > 1) {
                    log.warn("A batch of {} {} was not written ({}): each caller told", batch.size(), name, FailureText.of(e));
                }
                for (Pending<T, R> pending : batch) {
                    pending.done.completeExceptionally(e);
                }
                return;
            }
            // the kind and SQL state only: a driver's message may quote a row's values
            log.warn("A batch of {} {} was not written ({}); writing each alone", batch.size(), name, FailureText.of(e));
            for (Pending<T, R> pending : batch) {
                write(List.of(pending));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done.complete(results.get(i));
        }
    }

    /** Whether the failure is the database's, not an item's: no connection, no transaction begun. */
    private static boolean unreachable(Throwable e) {
        return e instanceof CannotCreateTransactionException || e instanceof DataAccessResourceFailureException;
    }

    /** {@link #close(long, TimeUnit)} with a minute. */
    @Override
    public void close() {
        close(60, TimeUnit.SECONDS);
    }

    /**
     * Refuses new items, lets the writers write what is queued, and waits for them at most {@code timeout}; what is
     * still queued then is failed with {@link ClosedException}. Idempotent.
     */
    public void close(long timeout, TimeUnit unit) {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(stop);
        } finally {
            gate.writeLock().unlock();
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        int failed = 0;
        Pending<T, R> left;
        while ((left = queue.poll()) != null) {
            if (left != stop && left.done.completeExceptionally(new ClosedException(name))) {
                failed++;
            }
        }
        queue.add(stop); // a writer still busy ends after its batch
        if (failed > 0) {
            log.warn("The {} writers did not finish within {} {}: {} items not written, their callers told", name, timeout,
                    unit.name().toLowerCase(Locale.ROOT), failed);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
