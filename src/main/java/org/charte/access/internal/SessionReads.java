package org.charte.access.internal;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.charte.common.GatheredReads;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * The staff sessions' reads ({@link SessionStore}): the template Spring Session JDBC's repository
 * reads through ({@link #operations()}), which reads the sessions of the node's concurrent requests in
 * one statement ({@link GatheredReads}). Every signed-in request reads its session (with its member's
 * account, {@link SessionActing}); one round trip to the database each was, measured, about 0.3 ms of
 * the two cores per request (half of a person read's cost), most of it the round trip and not the
 * query. While reads are busy the first waiting one waits {@code charte.access.session-gather} (1 ms)
 * for more.
 *
 * <p>Nothing is copied or kept: each request's session is read by a statement that begins after the
 * request asked for it, so it sees every change committed before (a sign-out, a member disabled, a grant
 * ended, on any node), exactly as a read of its own would. The statement runs on a connection of its own
 * from the pool, outside any transaction of the request that happens to run it. Its rows are handed to
 * Spring Session's own extractor as the single read's would be; a failure of the statement is every
 * waiting request's failure, as it would have been its own. Spring Session's other queries go through
 * unchanged.
 */
final class SessionReads {

    /** Most sessions read by one statement. */
    static final int MAX_BATCH = 256;

    private static final String[] COLUMNS = {"PRIMARY_ID", "SESSION_ID", "CREATION_TIME", "LAST_ACCESS_TIME", "MAX_INACTIVE_INTERVAL",
        "ATTRIBUTE_NAME", "ATTRIBUTE_BYTES"};

    private final DataSource dataSource;
    private final Template template;
    private final String oneQuery;
    private final String manyQuery;
    private final GatheredReads<String, List<Object[]>> reads;

    /**
     * @param oneQuery the query of one session by id, as Spring Session's repository sends it
     * @param manyQuery the same over an array of ids ({@link SessionActing#sessionsQuery})
     * @param gather how long a busy node's first waiting read waits for others (0 to 100 ms)
     */
    SessionReads(DataSource dataSource, String oneQuery, String manyQuery, Duration gather) {
        this.dataSource = dataSource;
        this.template = new Template(dataSource);
        this.oneQuery = oneQuery;
        this.manyQuery = manyQuery;
        this.reads = new GatheredReads<>("charte.access.session-gather", gather, MAX_BATCH, this::read);
    }

    /**
     * The template for Spring Session's repository (not a bean of its own: the application's
     * {@code JdbcTemplate} stays Spring Boot's).
     */
    JdbcOperations operations() {
        return template;
    }

    /** Statements run (tests and diagnostics). */
    long statements() {
        return reads.batches();
    }

    /** Session reads asked for and answered by those statements. */
    long requests() {
        return reads.reads();
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
            List<Object[]> rows = reads.read(idOf(setter));
            try {
                return extractor.extractData(resultSet(rows == null ? List.of() : rows));
            } catch (SQLException e) {
                throw translateException("reading a session", sql, e);
            }
        }

        DataAccessException translated(String task, String sql, SQLException e) {
            return translateException(task, sql, e);
        }
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

    /** One statement for the sessions' rows, on a connection of its own (never a caller's transaction). */
    private Map<String, List<Object[]>> read(Set<String> ids) {
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
        return bySession;
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
