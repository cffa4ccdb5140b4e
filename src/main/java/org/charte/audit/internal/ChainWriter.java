package org.charte.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditEvent;
import org.charte.common.Databases;
import org.charte.common.FailureText;
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
 * takes whatever has queued (up to {@code charte.audit.batch-size} entries), chains them and writes
 * them in one transaction; only once it is committed are the callers answered. If the transaction
 * fails, every caller of the batch gets the exception and nothing of it is written. The more
 * callers at once, the bigger the batches: one commit (one WAL flush) per batch, not per entry. While
 * the log is busy, the writer waits up to {@code charte.audit.gather} (1 ms) after a batch's first
 * caller for others to join it ({@link #gather}).
 *
 * <p><b>The head.</b> {@code audit_head} holds the last seq and hash; every batch moves it, so the
 * nodes of a cluster, each with its writer, extend one chain and never fork it. Two ways:
 * <ul>
 * <li><b>Locked</b> (H2 always; PostgreSQL when this writer does not know the head, or when another
 * node moved it lately): lock the head row ({@code SELECT ... FOR UPDATE}, the other nodes wait),
 * chain the batch from it, insert the rows and move the head, commit.</li>
 * <li><b>Known head</b> (PostgreSQL, while no other writer has moved the head since this one last
 * did): the batch is chained and hashed from the head this writer wrote last, before any lock,
 * then sent as <em>one</em> statement in its own transaction ({@link #APPEND_PG}): the head moves
 * only if it still is what this writer wrote ({@code UPDATE ... WHERE last_seq = ? AND last_hash = ?};
 * under a concurrent move PostgreSQL re-reads the row once the other transaction ends), and the
 * rows are inserted only if it moved. One round trip and one flush per batch instead of four round
 * trips. If another node moved the head, nothing is written (0 rows) and the batch goes the locked
 * way; the writer then stays on the locked way until it finds the head, under the lock, as it left it.</li>
 * </ul>
 *
 * <p>The writer keeps a connection of its own: callers that wait for it while holding pool
 * connections (inside their own transactions) can never starve it. On PostgreSQL the rows go as
 * arrays ({@code unnest}): one statement, however many rows.
 *
 * <p>On shutdown no new append is accepted, the queue is drained, then the thread ends.
 */
@Component
class ChainWriter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChainWriter.class);

    static final String LOCK_HEAD = "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE";
    static final String INSERT = "INSERT INTO audit_entry (" + AuditEntries.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String MOVE_HEAD = "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1";

    /**
     * PostgreSQL: moves the head from (seq, hash) to the batch's last (seq, hash) and inserts the
     * batch's rows, given as one array per column, only if it moved; the update count is the rows
     * inserted (0 when the head was not where this writer expected it).
     */
    static final String APPEND_PG = "WITH moved AS (UPDATE audit_head SET last_seq = ?, last_hash = ?"
            + " WHERE id = 1 AND last_seq = ? AND last_hash = ? RETURNING id)"
            + " INSERT INTO audit_entry (" + AuditEntries.COLUMNS + ")"
            + " SELECT r.seq, r.id, r.at, r.actor, r.action, r.purpose, r.resource_type, r.resource_id, r.subject_id,"
            + " r.categories, r.outcome, r.reason, r.previous_hash, r.hash"
            + " FROM unnest(?::text[]::bigint[], ?::text[]::uuid[], ?::text[]::timestamptz[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[]::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS r(" + AuditEntries.COLUMNS + ")"
            + " WHERE EXISTS (SELECT 1 FROM moved)";

    /** The chain's end: the last seq and hash. */
    private record Head(long seq, String hash) {}

    /** A batch chained from a head: the rows to insert, each caller's entries, and the head after it. */
    private record Chained(List<StoredEntry> rows, List<List<AuditEntry>> results, Head end) {}

    /** The longest gathering window: an append waits at most this long more for its commit. */
    static final Duration MAX_GATHER = Duration.ofMillis(100);

    /** A connection idle longer than this is checked before use. */
    private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record Pending(List<AuditEvent> events, CompletableFuture<List<AuditEntry>> done) {}

    private static final Pending STOP = new Pending(List.of(), new CompletableFuture<>());

    private final DataSource dataSource;
    private final Ids ids;
    private final Clock clock;
    private final int batchSize;
    /** How long a busy writer waits after the first caller for others to join its batch (0: never). */
    private final long gatherNanos;
    /** Batches written, and the times the writer waited to gather one (tests and diagnostics). */
    private final LongAdder batches = new LongAdder();
    private final LongAdder gathered = new LongAdder();
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Appends enqueue under the read lock; shutdown closes under the write lock, so nothing is queued after STOP. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private boolean closed;
    private final SQLExceptionSubclassTranslator translator = new SQLExceptionSubclassTranslator();
    private final Thread thread;

    // Touched by the writer thread only (and by the constructor before it starts).
    private @Nullable Connection connection;
    private long lastUsed;
    /** When the last batch was written ({@link System#nanoTime}), to tell a busy log from a quiet one. */
    private long lastWritten = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    /** Whether the database is PostgreSQL (the known-head way and the arrays), found on the first connection. */
    private boolean postgres;
    /** The head as this writer last moved it, or null when unknown (at start, after a failure). */
    private @Nullable Head known;
    /** Another writer moved the head lately: take the lock first until the head is found as this writer left it. */
    private boolean contended;

    /** JdbcClient is asked for only so that the schema (Flyway) is in place before the first append. */
    ChainWriter(DataSource dataSource, JdbcClient schemaReady, Ids ids, Clock clock,
            @Value("${charte.audit.batch-size:1000}") int batchSize, @Value("${charte.audit.gather:1ms}") Duration gather) {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("charte.audit.batch-size must be between 1 and 100000, not " + batchSize);
        }
        if (gather.isNegative() || gather.compareTo(MAX_GATHER) > 0) {
            throw new IllegalArgumentException("charte.audit.gather must be between 0 and " + MAX_GATHER.toMillis() + " ms, not " + gather);
        }
        this.gatherNanos = gather.toNanos();
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
            gather();
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
            lastWritten = System.nanoTime();
            batches.increment();
            batch.clear();
        }
        discardConnection();
    }

    /**
     * While the log is busy — a caller came within the gathering window after the last batch was written —
     * waits up to that window for more callers before taking the batch (as PostgreSQL's {@code commit_delay}
     * does for its own commits): one commit, and one flush of the write-ahead log, for the callers of the
     * window instead of one for every one or two. Measured on a read of a person at ~2,500/s: batches of
     * about 1.6 entries without, PostgreSQL's CPU per read down by a third with a 1 ms window
     * (bench/RESULTS.md). A quiet log (the last batch older than the window) writes at once, as before.
     */
    private void gather() {
        if (gatherNanos == 0 || System.nanoTime() - lastWritten >= gatherNanos) {
            return;
        }
        gathered.increment();
        long deadline = System.nanoTime() + gatherNanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0 && queue.size() < batchSize) {
            LockSupport.parkNanos(left); // an interrupt or a spurious wake-up: wait out the rest
        }
    }

    /** Batches written since this writer started. */
    long batches() {
        return batches.sum();
    }

    /** Times this writer waited to gather a batch. */
    long gathered() {
        return gathered.sum();
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
            log.error("Audit entries not recorded ({} callers told): {}", batch.size(), FailureText.of(e));
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
            known = null;
            throw translate(e);
        }
        if (!postgres) {
            return commitLocked(c, batch);
        }
        boolean done = false;
        try {
            Head head = known;
            if (head != null && !contended) {
                Chained chained = chain(batch, head);
                int inserted = append(c, chained, head);
                if (inserted == chained.rows().size()) {
                    known = chained.end();
                    done = true;
                    return chained.results();
                }
                if (inserted != 0) {
                    throw new IllegalStateException("the audit batch was partly written (" + inserted + " of " + chained.rows().size() + " rows)");
                }
                // Another writer moved the head: nothing was written, take the lock.
                contended = true;
            }
            List<List<AuditEntry>> results = lockedPostgres(c, batch);
            done = true;
            return results;
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            if (!done) {
                known = null;
                rollbackAndDiscard(c);
            }
        }
    }

    /** PostgreSQL, the locked way: lock the head, chain from it, one statement, commit. */
    private List<List<AuditEntry>> lockedPostgres(Connection c, List<Pending> batch) throws SQLException {
        c.setAutoCommit(false);
        Head head = lockHead(c);
        if (head.equals(known)) {
            // Nobody else moved it since this writer did: the next batches may go the known-head way.
            contended = false;
        }
        Chained chained = chain(batch, head);
        int inserted = append(c, chained, head);
        if (inserted != chained.rows().size()) {
            throw new IllegalStateException("the audit head moved while locked (" + inserted + " of " + chained.rows().size() + " rows)");
        }
        c.commit();
        c.setAutoCommit(true);
        known = chained.end();
        return chained.results();
    }

    private static Head lockHead(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(LOCK_HEAD); ResultSet head = lock.executeQuery()) {
            if (!head.next()) {
                throw new IllegalStateException("the audit chain's head (audit_head) is missing: nothing can be appended; run 'charte audit verify'");
            }
            return new Head(head.getLong(1), head.getString(2));
        }
    }

    /** Chains and hashes the batch from {@code head}, in memory. */
    private Chained chain(List<Pending> batch, Head head) {
        long seq = head.seq();
        String previous = head.hash();
        List<StoredEntry> rows = new ArrayList<>();
        List<List<AuditEntry>> results = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            List<AuditEntry> entries = new ArrayList<>(pending.events().size());
            for (AuditEvent event : pending.events()) {
                StoredEntry row = StoredEntry.chained(++seq, ids.next(), clock.instant(), event, previous);
                rows.add(row);
                previous = row.hash();
                entries.add(new AuditEntry(row.seq(), row.id(), row.at(), event, row.previousHash(), row.hash()));
            }
            results.add(entries);
        }
        return new Chained(rows, results, new Head(seq, previous));
    }

    /** {@link #APPEND_PG}: the rows inserted, all of them or none. */
    private static int append(Connection c, Chained chained, Head from) throws SQLException {
        List<StoredEntry> rows = chained.rows();
        int n = rows.size();
        String[][] columns = new String[14][n];
        for (int i = 0; i < n; i++) {
            StoredEntry row = rows.get(i);
            columns[0][i] = Long.toString(row.seq());
            columns[1][i] = row.id().toString();
            columns[2][i] = EntryHash.format(row.at());
            columns[3][i] = row.actor();
            columns[4][i] = row.action();
            columns[5][i] = row.purpose();
            columns[6][i] = row.resourceType();
            columns[7][i] = row.resourceId();
            columns[8][i] = row.subjectId() == null ? null : row.subjectId().toString();
            columns[9][i] = row.joinedCategories();
            columns[10][i] = row.outcome();
            columns[11][i] = row.reason();
            columns[12][i] = row.previousHash();
            columns[13][i] = row.hash();
        }
        try (PreparedStatement append = c.prepareStatement(APPEND_PG)) {
            append.setLong(1, chained.end().seq());
            append.setString(2, chained.end().hash());
            append.setLong(3, from.seq());
            append.setString(4, from.hash());
            for (int k = 0; k < columns.length; k++) {
                append.setArray(5 + k, c.createArrayOf("text", columns[k]));
            }
            return append.executeUpdate();
        }
    }

    /** The locked way with a JDBC batch (H2): lock the head, chain, insert, move the head, commit. */
    private List<List<AuditEntry>> commitLocked(Connection c, List<Pending> batch) {
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
        postgres = Databases.postgres(c);
        // PostgreSQL: the known-head way is one statement in its own transaction; the locked way opens one.
        c.setAutoCommit(postgres);
        lastUsed = System.nanoTime();
        return c;
    }

    /** After a failure the connection may be broken: roll back, and take a fresh one next time. */
    private void rollbackAndDiscard(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
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
