package org.charte.marketing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.charte.common.FailureText;
import org.charte.marketing.Basis;
import org.charte.marketing.internal.MarketingService.PendingObjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes objections decided outside any transaction (the one-click unsubscribe, L5, RFC 8058) with group commit: a
 * request queues its objection and waits; a writer thread takes whatever has queued (at most {@link #BATCH} objections),
 * writes them all in one transaction ({@code write}: a few statements whatever their number), commits, and only then
 * answers each request. The effect is durable before the answer, as with a transaction of its own, but many clicks share
 * one commit (one WAL flush) and requests hold no connection while they wait. If the batch's transaction fails, each of
 * its objections is written again alone, in its own transaction, so that one bad objection (a person erased meanwhile)
 * fails only its own request. {@link #WRITERS} threads take turns, so that a batch is written while the previous one
 * waits for its commit's flush. On shutdown nothing new is accepted and what is queued is written.
 */
final class ObjectionWriter {

    private static final Logger log = LoggerFactory.getLogger(ObjectionWriter.class);

    static final int BATCH = 500;
    static final int WRITERS = 2;

    private record Pending(PendingObjection objection, CompletableFuture<List<Basis>> done) {}

    private static final Pending STOP = new Pending(null, new CompletableFuture<>());

    private final Function<List<PendingObjection>, List<List<Basis>>> write;
    private final TransactionTemplate transaction;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Writes enqueue under the read lock; close() takes the write lock, so nothing is queued after STOP. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private boolean closed;
    private final List<Thread> threads = new ArrayList<>();

    ObjectionWriter(Function<List<PendingObjection>, List<List<Basis>>> write, PlatformTransactionManager transactions) {
        this.write = write;
        this.transaction = new TransactionTemplate(transactions);
        for (int i = 0; i < WRITERS; i++) {
            threads.add(Thread.ofPlatform().name("charte-objection-writer-" + i).daemon(true).start(this::run));
        }
    }

    /** Queues the objection and waits until it is committed; answers the entries it recorded, or throws what its write threw. */
    List<Basis> write(PendingObjection objection) {
        Pending pending = new Pending(objection, new CompletableFuture<>());
        gate.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("shutting down: the objection was not recorded");
            }
            queue.add(pending);
        } finally {
            gate.readLock().unlock();
        }
        try {
            // not interruptible: the request learns the outcome, whatever it is
            return pending.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            Pending first = take();
            if (first == STOP) {
                queue.add(STOP); // for the other writers
                return;
            }
            batch.add(first);
            Pending next;
            while (batch.size() < BATCH && (next = queue.poll()) != null) {
                if (next == STOP) {
                    queue.add(STOP);
                    break;
                }
                batch.add(next);
            }
            writeBatch(batch);
            batch.clear();
        }
    }

    private Pending take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // only close() ends a writer, through STOP, once the queue is drained
            }
        }
    }

    private void writeBatch(List<Pending> batch) {
        List<List<Basis>> recorded;
        try {
            recorded = transaction.execute(status -> write.apply(batch.stream().map(Pending::objection).toList()));
        } catch (Throwable e) {
            if (batch.size() == 1) {
                batch.getFirst().done().completeExceptionally(e);
                return;
            }
            // the kind and SQL state only: a driver's message may quote a row's values
            log.warn("A batch of {} objections was not written ({}); writing each alone", batch.size(), FailureText.of(e));
            for (Pending pending : batch) {
                writeBatch(List.of(pending));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(recorded.get(i));
        }
    }

    /** Refuses new objections, lets the writers write what is queued, and waits for them (at most a minute). */
    void close() throws InterruptedException {
        gate.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        } finally {
            gate.writeLock().unlock();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                log.warn("An objection writer did not finish within 60 s; {} objections still queued", queue.size() - 1);
            }
        }
    }
}
