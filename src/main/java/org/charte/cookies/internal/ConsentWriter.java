package org.charte.cookies.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.charte.common.FailureText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the proofs of cookie choices with group commit (L3: acknowledged means committed).
 * A request queues its proof and waits; a writer thread takes whatever has queued (at most
 * {@code charte.cookies.batch-size} proofs), inserts them all in one transaction (multi-row INSERTs),
 * commits, and only then lets every waiting request answer. If the transaction fails, every
 * request of the batch is told ({@link NotRecordedException}) and none of its proofs is stored:
 * no request is acknowledged for a proof that is not there. The more requests at once, the bigger
 * the batches: one commit (one WAL flush) per batch, not per proof. {@code charte.cookies.writers}
 * (2) such threads take turns, each with its own transaction, so that a batch is written while the
 * previous one waits for its commit's flush to disk.
 *
 * <p>Requests hold no database connection while they wait: only the writers take one, per batch.
 * On shutdown no new proof is accepted, the queue is drained, then the threads end.
 */
@Component
class ConsentWriter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsentWriter.class);

    /** A proof waiting for its batch's commit. */
    record Pending(JdbcConsentRecords.Row row, CompletableFuture<Void> done) {

        Pending(JdbcConsentRecords.Row row) {
            this(row, new CompletableFuture<>());
        }
    }

    /** The proof was not stored (its batch's transaction failed): the request may be sent again. */
    static final class NotRecordedException extends RuntimeException {
        NotRecordedException(Throwable cause) {
            super("the choice was not recorded", cause);
        }
    }

    private static final Pending STOP = new Pending(new JdbcConsentRecords.Row(new UUID(0, 0), new UUID(0, 0), "", "", "", "", "",
            OffsetDateTime.MIN, Map.of()));

    private final JdbcConsentRecords rows;
    private final NavigationData navigation;
    private final TransactionTemplate transaction;
    private final int batchSize;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Writes enqueue under the read lock; shutdown closes under the write lock, so nothing is queued after STOP. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private boolean closed;
    private final AtomicLong batches = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    ConsentWriter(JdbcConsentRecords rows, NavigationData navigation, PlatformTransactionManager transactions,
            @Value("${charte.cookies.batch-size:1000}") int batchSize, @Value("${charte.cookies.writers:2}") int writers) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("charte.cookies.batch-size must be between 1 and 10000, not " + batchSize);
        }
        if (writers < 1 || writers > 8) {
            throw new IllegalArgumentException("charte.cookies.writers must be between 1 and 8, not " + writers);
        }
        this.rows = rows;
        this.navigation = navigation;
        this.transaction = new TransactionTemplate(transactions);
        this.batchSize = batchSize;
        for (int i = 0; i < writers; i++) {
            threads.add(Thread.ofPlatform().name("charte-consent-writer-" + i).daemon(true).start(this::run));
        }
    }

    /**
     * Queues the proof and waits until its batch is committed.
     *
     * @throws NotRecordedException when its batch's transaction failed: nothing of it is stored
     */
    void write(JdbcConsentRecords.Row row) {
        Pending pending = new Pending(row);
        gate.readLock().lock();
        try {
            if (closed) {
                throw new NotRecordedException(new IllegalStateException("shutting down"));
            }
            queue.add(pending);
        } finally {
            gate.readLock().unlock();
        }
        try {
            // Not interruptible: the request learns the outcome, whatever it is.
            pending.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof NotRecordedException notRecorded ? notRecorded : new NotRecordedException(e.getCause());
        }
    }

    /** How many batches were committed or failed since start (the tests see batching through it). */
    long batches() {
        return batches.get();
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
            while (batch.size() < batchSize && (next = queue.poll()) != null) {
                if (next == STOP) {
                    queue.add(STOP);
                    break;
                }
                batch.add(next);
            }
            write(batch);
            batch.clear();
        }
    }

    private Pending take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Only shutdown ends the writer, through STOP, after the queue is drained.
            }
        }
    }

    /** R3.4: a choice refusing audience measurement erases what was kept under its consent id, in the commit that records it. */
    private void eraseWithdrawnAudience(List<JdbcConsentRecords.Row> proofs) {
        String audience = navigation.audiencePurpose();
        Set<UUID> withdrawn = new HashSet<>();
        for (JdbcConsentRecords.Row proof : proofs) {
            if (Boolean.FALSE.equals(proof.choices().get(audience))) {
                withdrawn.add(proof.consentId());
            }
        }
        navigation.withdrawn(withdrawn); // one statement for the batch, not one per proof
    }

    /** Stores a batch in one transaction, then answers each of its requests: all stored, or none and each told. */
    void write(List<Pending> batch) {
        batches.incrementAndGet();
        List<JdbcConsentRecords.Row> proofs = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            proofs.add(pending.row());
        }
        try {
            transaction.executeWithoutResult(status -> {
                rows.insertAll(proofs);
                eraseWithdrawnAudience(proofs);
            });
        } catch (Throwable e) {
            // The kind and SQL state only: a driver's message may quote a row's values.
            log.error("Proofs of cookie choices not recorded ({} requests told): {}", batch.size(), FailureText.of(e));
            NotRecordedException failure = new NotRecordedException(e);
            for (Pending pending : batch) {
                pending.done().completeExceptionally(failure);
            }
            return;
        }
        for (Pending pending : batch) {
            pending.done().complete(null);
        }
    }


    /** Refuses new proofs, lets the writer drain what is queued, and waits for it. */
    @Override
    public void destroy() throws InterruptedException {
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
                log.warn("A consent writer did not finish draining within 60 s; {} proofs still queued", queue.size() - 1);
            }
        }
    }
}
