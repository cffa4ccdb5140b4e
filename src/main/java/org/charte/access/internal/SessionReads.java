package org.charte.access.internal;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * The staff sessions' reads ({@link SessionStore}): the template Spring Session JDBC's repository
 * reads through ({@link #operations()}), which reads the sessions of the node's concurrent requests in
 * one statement. Every signed-in request reads its
 * session (with its member's account, {@link SessionActing}); one round trip to the database each was,
 * measured, about 0.3 ms of the two cores per request (half of a person read's cost), most of it the
 * round trip and not the query. Here the requests that come while a read is under way wait for it to
 * end and are then read together, in one statement over their session ids; while reads are busy (the
 * last one began within {@code charte.access.session-gather}, 1 ms, before), the first of them also
 * waits that window for more, as the audit writer does for its commits. A quiet node reads at once.
 *
 * <p>Nothing is copied or kept: each request's session is read by a statement that begins after the
 * request asked for it, so it sees every change committed before (a sign-out, a member disabled, a grant
 * ended, on any node), exactly as a read of its own would. The statement runs on a connection of its own
 * from the pool, outside any transaction of the thread that happens to run it (the first of the waiting
 * requests runs it for all: no thread of its own). Its rows are handed to Spring Session's own extractor
 * as the single read's would be; a failure of the statement is every waiting request's failure, as it
 * would have been its own. Spring Session's other queries go through unchanged.
 */
final class SessionReads {

    /** The longest gathering window: a session read waits at most this long more for others. */
    static final Duration MAX_GATHER = Duration.ofMillis(100);
    /** Most sessions read by one statement. */
    static final int MAX_BATCH = 256;

    private static final String[] COLUMNS = {"PRIMARY_ID", "SESSION_ID", "CREATION_TIME", "LAST_ACCESS_TIME", "MAX_INACTIVE_INTERVAL",
        "ATTRIBUTE_NAME", "ATTRIBUTE_BYTES"};

    private final DataSource dataSource;
    private final Template template;
    private final String oneQuery;
    private final String manyQuery;
    private final long gatherNanos;
    private final ReentrantLock lock = new ReentrantLock();
    /** Requests waiting for their session, the leader's first (guarded by {@link #lock}). */
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** The request that will read the next batch, while there is one (guarded by {@link #lock}). */
    private @Nullable Pending leader;
    private volatile long lastRead;
    private final LongAdder statements = new LongAdder();
    private final LongAdder requests = new LongAdder();

    /**
     * @param oneQuery the query of one session by id, as Spring Session's repository sends it
     * @param manyQuery the same over an array of ids ({@link SessionActing#sessionsQuery})
     * @param gather how long a busy node's first waiting read waits for others (0 to 100 ms)
     */
    SessionReads(DataSource dataSource, String oneQuery, String manyQuery, Duration gather) {
        if (gather.isNegative() || gather.compareTo(MAX_GATHER) > 0) {
            throw new IllegalArgumentException("charte.access.session-gather must be between 0 and " + MAX_GATHER.toMillis() + " ms, not " + gather);
        }
        this.dataSource = dataSource;
        this.template = new Template(dataSource);
        this.oneQuery = oneQuery;
        this.manyQuery = manyQuery;
        this.gatherNanos = gather.toNanos();
        this.lastRead = System.nanoTime() - gatherNanos - 1;
    }

    /**
     * The template for Spring Session's repository (not a bean of its own: the application's
     * {@code JdbcTemplate} stays Spring Boot's).
     */
    JdbcOperations operations() {
        return template;
    }

    private final class Template extends JdbcTemplate {

        Template(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        public <T extends @Nullable Object> T query(String sql, @Nullable PreparedStatementSetter setter, ResultSetExtractor<T> extractor)
                throws DataAccessException {
            if (setter == null || !sql.equals(oneQuery)) {
                return super.query(sql, setter, extractor);
            }
            List<Object[]> rows = rowsOf(idOf(setter));
            try {
                return extractor.extractData(resultSet(rows));
            } catch (SQLException e) {
                throw translateException("reading a session", sql, e);
            }
        }

        DataAccessException translated(String task, String sql, SQLException e) {
            return translateException(task, sql, e);
        }
    }

    /** Statements run (tests and diagnostics). */
    long statements() {
        return statements.sum();
    }

    /** Session reads asked for and answered by those statements. */
    long requests() {
        return requests.sum();
    }

    /** The session id the repository's setter binds (its only parameter). */
    private static String idOf(PreparedStatementSetter setter) {
        String[] id = new String[1];
        PreparedStatement capture = (PreparedStatement) Proxy.newProxyInstance(SessionReads.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setString") && args != null && args.length == 2 && Integer.valueOf(1).equals(args[0])) {
                        id[0] = (String) args[1];
                        return null;
                    }
                    throw new UnsupportedOperationException("the session read binds " + method.getName() + ", not setString(1, id)");
                });
        try {
            setter.setValues(capture);
        } catch (SQLException e) {
            throw new IllegalStateException("the session read's parameter could not be taken", e);
        }
        if (id[0] == null) {
            throw new IllegalStateException("the session read bound no session id");
        }
        return id[0];
    }

    /** One request's session read: its id, then its rows or the failure of the statement. */
    private static final class Pending {
        static final int WAITING = 0, LEADING = 1, DONE = 2;

        final String id;
        final Thread thread = Thread.currentThread();
        volatile int state = WAITING;
        List<Object[]> rows = List.of();
        @Nullable Throwable failure;

        Pending(String id) {
            this.id = id;
        }
    }

    private List<Object[]> rowsOf(String id) {
        Pending me = new Pending(id);
        lock.lock();
        try {
            queue.add(me);
            if (leader == null) {
                leader = me;
                me.state = Pending.LEADING;
            } else if (queue.size() >= MAX_BATCH) {
                LockSupport.unpark(leader.thread); // a full batch: the gathering leader need not wait longer
            }
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (me.state == Pending.WAITING) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted(); // kept for the caller: a read under way is not abandoned
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
            throw new IllegalStateException("the session could not be read", failure);
        }
        return me.rows;
    }

    /** Reads the waiting requests' sessions (this request's first), then hands the lead to the next one waiting. */
    private void lead() {
        List<Pending> batch = new ArrayList<>();
        try {
            gather();
            lock.lock();
            try {
                Pending next;
                while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                    batch.add(next);
                }
            } finally {
                lock.unlock();
            }
            lastRead = System.nanoTime();
            read(batch);
        } catch (Throwable t) {
            for (Pending p : batch) {
                p.failure = t;
            }
            if (batch.isEmpty()) {
                throw t; // nothing taken: the leader's own read failed before (cannot happen: it is first in the queue)
            }
        } finally {
            Pending next;
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
            for (Pending p : batch) {
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

    /** While reads are busy, waits up to the window for more requests (unless a batch is full). */
    private void gather() {
        if (gatherNanos == 0 || System.nanoTime() - lastRead >= gatherNanos) {
            return;
        }
        long deadline = System.nanoTime() + gatherNanos;
        long left;
        boolean interrupted = false;
        while ((left = deadline - System.nanoTime()) > 0 && waiting() < MAX_BATCH) {
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

    /** One statement for the batch's sessions, on a connection of its own (never the leader's transaction). */
    private void read(List<Pending> batch) {
        Set<String> ids = new LinkedHashSet<>();
        for (Pending p : batch) {
            ids.add(p.id);
        }
        Map<String, List<Object[]>> bySession = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(manyQuery)) {
            statement.setArray(1, connection.createArrayOf("VARCHAR", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Object[] row = {rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getInt(5), rs.getString(6), rs.getBytes(7)};
                    // CHAR(36) pads; Spring Session's ids are 36 characters, and the id asked for is the key
                    bySession.computeIfAbsent(((String) row[1]).strip(), k -> new ArrayList<>()).add(row);
                }
            }
        } catch (SQLException e) {
            throw template.translated("reading sessions", manyQuery, e);
        }
        statements.increment();
        requests.add(batch.size());
        for (Pending p : batch) {
            p.rows = bySession.getOrDefault(p.id, List.of());
        }
    }

    /** The rows of one session as the forward-only result set Spring Session's extractor reads. */
    private static ResultSet resultSet(List<Object[]> rows) {
        int[] at = {-1};
        boolean[] wasNull = {false};
        return (ResultSet) Proxy.newProxyInstance(SessionReads.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "next" -> ++at[0] < rows.size();
                    case "close" -> null;
                    case "isClosed" -> false;
                    case "wasNull" -> wasNull[0];
                    case "findColumn" -> column((String) args[0]) + 1;
                    case "getString", "getLong", "getInt", "getBytes", "getObject" -> {
                        if (args == null || args.length != 1) {
                            throw new UnsupportedOperationException("ResultSet." + method.getName() + " with " + (args == null ? 0 : args.length)
                                    + " arguments");
                        }
                        int column = args[0] instanceof Integer index ? index - 1 : column((String) args[0]);
                        Object value = rows.get(at[0])[column];
                        wasNull[0] = value == null;
                        yield switch (method.getName()) {
                            case "getLong" -> value == null ? 0L : ((Number) value).longValue();
                            case "getInt" -> value == null ? 0 : ((Number) value).intValue();
                            default -> value;
                        };
                    }
                    case "toString" -> "the rows of a session (" + rows.size() + ")";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException("ResultSet." + method.getName() + " on a session's gathered rows");
                });
    }

    private static int column(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (int i = 0; i < COLUMNS.length; i++) {
            if (COLUMNS[i].equals(upper)) {
                return i;
            }
        }
        throw new UnsupportedOperationException("no column " + name + " in a session's gathered rows");
    }
}
