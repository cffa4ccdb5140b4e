package org.charte.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditEvent;
import org.charte.common.Ids;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.stereotype.Component;

/**
 * Appends to the chain with group commit. Callers queue their events and wait; one writer thread
 * takes whatever has queued (up to {@code charte.audit.batch-size} entries) and, in one
 * transaction, locks the head row ({@code SELECT ... FOR UPDATE}, so the nodes of a cluster take
 * turns), chains and inserts the batch with one JDBC batch, moves the head and commits; only then
 * are the callers answered. If the transaction fails, every caller of the batch gets the
 * exception and nothing of it is written. The more callers at once, the bigger the batches, so
 * the chain costs one round of locks and one commit per batch, not per entry.
 *
 * <p>The writer keeps a connection of its own: callers that wait for it while holding pool
 * connections (inside their own transactions) can never starve it.
 *
 * <p>On shutdown no new append is accepted, the queue is drained, then the thread ends.
 */
@Component
class ChainWriter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChainWriter.class);

    static final String LOCK_HEAD = "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE";
    static final String INSERT = "INSERT INTO audit_entry (" + AuditEntries.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String MOVE_HEAD = "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1";

    /** A connection idle longer than this is checked before use. */
    private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record Pending(List<AuditEvent> events, CompletableFuture<List<AuditEntry>> done) {}

    private static final Pending STOP = new Pending(List.of(), new CompletableFuture<>());

    private final DataSource dataSource;
    private final Ids ids;
    private final Clock clock;
    private final int batchSize;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Appends enqueue under the read lock; shutdown closes under the write lock, so nothing is queued after STOP. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private boolean closed;
    private final SQLExceptionSubclassTranslator translator = new SQLExceptionSubclassTranslator();
    private final Thread thread;

    // Touched by the writer thread only (and by the constructor before it starts).
    private @Nullable Connection connection;
    private long lastUsed;

    /** JdbcClient is asked for only so that the schema (Flyway) is in place before the first append. */
    ChainWriter(DataSource dataSource, JdbcClient schemaReady, Ids ids, Clock clock,
            @Value("${charte.audit.batch-size:1000}") int batchSize) {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("charte.audit.batch-size must be between 1 and 100000, not " + batchSize);
        }
        this.dataSource = dataSource;
        this.ids = ids;
        this.clock = clock;
        this.batchSize = batchSize;
        try {
            this.connection = open();
        } catch (SQLException e) {
            throw translate(e);
        }
        this.thread = Thread.ofPlatform().name("charte-audit-writer").daemon(true).start(this::run);
    }

    /** Queues the events and waits until they are committed, all together, in this order. */
    List<AuditEntry> append(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Pending pending = new Pending(List.copyOf(events), new CompletableFuture<>());
        gate.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the audit log is shut down: nothing more can be recorded");
            }
            queue.add(pending);
        } finally {
            gate.readLock().unlock();
        }
        try {
            // Not interruptible: the caller learns the outcome, whatever it is.
            return pending.done().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the audit entries were not recorded", cause);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            Pending first = take();
            if (first == STOP) {
                break;
            }
            batch.add(first);
            int size = first.events().size();
            Pending next;
            // Only this thread removes from the queue, so what peek sees is what poll takes.
            while (size < batchSize && (next = queue.peek()) != null) {
                if (next == STOP) {
                    queue.poll();
                    stopping = true;
                    break;
                }
                if (size + next.events().size() > batchSize) {
                    break;
                }
                queue.poll();
                batch.add(next);
                size += next.events().size();
            }
            write(batch);
            batch.clear();
        }
        discardConnection();
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

    private void write(List<Pending> batch) {
        List<List<AuditEntry>> results;
        try {
            results = commit(batch);
        } catch (Throwable e) {
            log.error("Audit entries not recorded ({} callers told): {}", batch.size(), e.toString());
            for (Pending pending : batch) {
                pending.done().completeExceptionally(e);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(results.get(i));
        }
    }

    private List<List<AuditEntry>> commit(List<Pending> batch) {
        Connection c;
        try {
            c = connection();
        } catch (SQLException e) {
            throw translate(e);
        }
        boolean committed = false;
        try {
            long seq;
            String previous;
            try (PreparedStatement lock = c.prepareStatement(LOCK_HEAD); ResultSet head = lock.executeQuery()) {
                if (!head.next()) {
                    throw new IllegalStateException("the audit chain's head (audit_head) is missing: nothing can be appended; run 'charte audit verify'");
                }
                seq = head.getLong(1);
                previous = head.getString(2);
            }
            List<List<AuditEntry>> results = new ArrayList<>(batch.size());
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                int unsent = 0;
                for (Pending pending : batch) {
                    List<AuditEntry> entries = new ArrayList<>(pending.events().size());
                    for (AuditEvent event : pending.events()) {
                        StoredEntry row = StoredEntry.chained(++seq, ids.next(), clock.instant(), event, previous);
                        bind(insert, row);
                        insert.addBatch();
                        if (++unsent == batchSize) {
                            insert.executeBatch();
                            unsent = 0;
                        }
                        previous = row.hash();
                        entries.add(new AuditEntry(row.seq(), row.id(), row.at(), event, row.previousHash(), row.hash()));
                    }
                    results.add(entries);
                }
                if (unsent > 0) {
                    insert.executeBatch();
                }
            }
            try (PreparedStatement move = c.prepareStatement(MOVE_HEAD)) {
                move.setLong(1, seq);
                move.setString(2, previous);
                move.executeUpdate();
            }
            c.commit();
            committed = true;
            return results;
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            if (!committed) {
                rollbackAndDiscard(c);
            }
        }
    }

    private static void bind(PreparedStatement insert, StoredEntry row) throws SQLException {
        insert.setLong(1, row.seq());
        insert.setObject(2, row.id());
        insert.setObject(3, row.at().atOffset(ZoneOffset.UTC));
        insert.setString(4, row.actor());
        insert.setString(5, row.action());
        insert.setString(6, row.purpose());
        insert.setString(7, row.resourceType());
        insert.setString(8, row.resourceId());
        insert.setObject(9, row.subjectId());
        insert.setString(10, row.joinedCategories());
        insert.setString(11, row.outcome());
        insert.setString(12, row.reason());
        insert.setString(13, row.previousHash());
        insert.setString(14, row.hash());
    }

    private Connection connection() throws SQLException {
        Connection c = connection;
        if (c != null && System.nanoTime() - lastUsed > IDLE_CHECK_NANOS && !c.isValid(5)) {
            discardConnection();
            c = null;
        }
        if (c == null) {
            c = open();
            connection = c;
        }
        lastUsed = System.nanoTime();
        return c;
    }

    private Connection open() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        lastUsed = System.nanoTime();
        return c;
    }

    /** After a failure the connection may be broken: roll back, and take a fresh one next time. */
    private void rollbackAndDiscard(Connection c) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            log.debug("Rollback of a failed audit batch failed too", e);
        }
        discardConnection();
    }

    private void discardConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                log.debug("Closing the audit writer's connection failed", e);
            }
        }
    }

    private DataAccessException translate(SQLException e) {
        DataAccessException translated = translator.translate("append to the audit log", null, e);
        return translated != null ? translated : new UncategorizedSQLException("append to the audit log", null, e);
    }

    /** Refuses new appends, lets the writer drain what is queued, and waits for it. */
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
        thread.join(TimeUnit.SECONDS.toMillis(60));
        if (thread.isAlive()) {
            log.warn("The audit writer did not finish draining within 60 s; {} batches still queued", queue.size());
        }
    }
}
