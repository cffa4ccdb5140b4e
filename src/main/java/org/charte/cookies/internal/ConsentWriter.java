package org.charte.cookies.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.charte.common.FailureText;
import org.charte.common.GroupCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the proofs of cookie choices with group commit ({@link GroupCommit}; L3: acknowledged means committed).
 * A request queues its proof and waits; a writer thread takes whatever has queued (at most
 * {@code charte.cookies.batch-size} proofs), inserts them all in one transaction (multi-row INSERTs),
 * commits, and only then lets every waiting request answer. If the transaction fails, each proof of the batch is
 * written again alone, so that one bad proof fails only its own request ({@link NotRecordedException}, nothing of it
 * stored): no request is acknowledged for a proof that is not there. The more requests at once, the bigger
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

    /** The proof was not stored (its transaction failed, or the writer is shut down): the request may be sent again. */
    static final class NotRecordedException extends RuntimeException {
        NotRecordedException(Throwable cause) {
            super("the choice was not recorded", cause);
        }
    }

    private final JdbcConsentRecords rows;
    private final NavigationData navigation;
    private final TransactionTemplate transaction;
    private final GroupCommit<JdbcConsentRecords.Row, Boolean> commits;

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
        this.commits = new GroupCommit<>("consent", writers, batchSize, this::store);
    }

    /**
     * Queues the proof and waits until it is committed.
     *
     * @throws NotRecordedException when its transaction failed: nothing of it is stored
     */
    void write(JdbcConsentRecords.Row row) {
        try {
            commits.submit(row).join(); // not interruptible: the request learns the outcome, whatever it is
        } catch (CompletionException e) {
            throw notRecorded(e.getCause());
        }
    }

    /** Writes these proofs as one batch on the calling thread (tests): each future complete, or failed with {@link NotRecordedException}. */
    List<CompletableFuture<Void>> writeBatch(List<JdbcConsentRecords.Row> batch) {
        List<CompletableFuture<Void>> answers = new ArrayList<>(batch.size());
        for (CompletableFuture<Boolean> done : commits.writeBatch(batch)) {
            answers.add(done.<Void>handle((ok, e) -> {
                if (e != null) {
                    throw notRecorded(e);
                }
                return null;
            }));
        }
        return answers;
    }

    private static NotRecordedException notRecorded(Throwable e) {
        if (e instanceof NotRecordedException notRecorded) {
            return notRecorded;
        }
        // The kind and SQL state only: a driver's message may quote a row's values.
        log.error("A proof of cookie choices was not recorded (its request told): {}", FailureText.of(e));
        return new NotRecordedException(e);
    }

    /** How many batches were committed or failed since start (the tests see batching through it). */
    long batches() {
        return commits.batches();
    }

    /** One transaction: the proofs, and the navigation data their refusals erase (R3.4). */
    private List<Boolean> store(List<JdbcConsentRecords.Row> proofs) {
        transaction.executeWithoutResult(status -> {
            rows.insertAll(proofs);
            eraseWithdrawnAudience(proofs);
        });
        List<Boolean> stored = new ArrayList<>(proofs.size());
        for (int i = 0; i < proofs.size(); i++) {
            stored.add(Boolean.TRUE);
        }
        return stored;
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

    /** Refuses new proofs, lets the writers drain what is queued, and waits for them (what is left after a minute is told). */
    @Override
    public void destroy() {
        commits.close();
    }
}
