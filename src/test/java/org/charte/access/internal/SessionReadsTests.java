package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.charte.access.StaffDirectory;
import org.charte.common.GatheredReads;
import org.charte.testing.BusyReaders;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Staff;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The session reads of a node's concurrent requests made by one statement ({@link SessionReads}): each
 * request gets its own session as a read of its own would give it, as it is when the request asked,
 * never through another request's transaction; a failed statement fails its requests and no more.
 */
@CharteIntegrationTest
class SessionReadsTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Autowired
    SessionTouchRepository sessions;

    @Autowired
    SessionReads reads;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    String sessionId(Staff staff) {
        return jdbc.sql("SELECT session_id FROM spring_session WHERE principal_name = ?").param(staff.member().login()).query(String.class).single();
    }

    String actingLogin(String sessionId) {
        SessionTouchRepository.Touched session = sessions.findById(sessionId);
        assertThat(session).as("session %s", sessionId).isNotNull();
        StaffAccounts.Acting acting = session.getAttribute(SessionActing.ATTRIBUTE);
        assertThat(acting).isNotNull();
        return acting.member().login();
    }

    @Test
    @DisplayName("R8.3 R6.5 concurrent requests' sessions are read together, each request getting its own session and member")
    void eachItsOwn() throws Exception {
        Map<String, String> loginBySession = new ConcurrentHashMap<>();
        for (int i = 0; i < 6; i++) {
            Staff staff = Staff.signedIn(directory, port, "adv");
            loginBySession.put(sessionId(staff), staff.member().login());
        }
        List<String> ids = new ArrayList<>(loginBySession.keySet());
        long statementsBefore = reads.statements();
        long requestsBefore = reads.requests();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 24; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int i = 0; i < 200; i++) {
                        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                        assertThat(actingLogin(id)).isEqualTo(loginBySession.get(id));
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            int checked = 0;
            for (Future<Integer> f : done) {
                checked += f.get();
            }
            assertThat(checked).isEqualTo(24 * 200);
        } finally {
            pool.shutdownNow();
        }
        long statements = reads.statements() - statementsBefore;
        long requests = reads.requests() - requestsBefore;
        assertThat(requests).as("every read went through the gathered statements").isGreaterThanOrEqualTo(24 * 200);
        assertThat(statements).as("fewer statements than reads: %d for %d", statements, requests).isLessThan(requests / 2);
    }

    @Test
    @DisplayName("R8.3 a session ended before a request asks for it is never found, however busy the reads")
    void freshAsAsked() throws Exception {
        List<String> busy = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            busy.add(sessionId(Staff.signedIn(directory, port, "adv")));
        }
        Staff staff = Staff.signedIn(directory, port, "adv");
        String login = staff.member().login();
        try (BusyReaders busyReads = BusyReaders.start(8, () -> actingLogin(busy.get(ThreadLocalRandom.current().nextInt(busy.size()))))) {
            for (int i = 0; i < 100; i++) {
                SessionTouchRepository.Touched made = sessions.createSession();
                made.setAttribute("charte.test", i);
                sessions.save(made);
                jdbc.sql("UPDATE spring_session SET principal_name = ? WHERE session_id = ?").param(login).param(made.getId()).update();
                assertThat(actingLogin(made.getId())).isEqualTo(login);
                sessions.deleteById(made.getId());
                assertThat(sessions.findById(made.getId())).as("ended, round %d", i).isNull();
            }
        }
    }

    @Test
    @DisplayName("R8.3 a session is read on a connection of its own, never through the transaction of the request that reads it")
    void outsideTheCallersTransaction() throws Exception {
        TransactionTemplate repeatable = new TransactionTemplate(transactions);
        repeatable.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        String login = repeatable.execute(status -> {
            // the transaction's snapshot is taken here, before the member below signs in
            jdbc.sql("SELECT COUNT(*) FROM spring_session").query(Long.class).single();
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Staff staff = other.submit(() -> Staff.signedIn(directory, port, "adv")).get();
                String id = other.submit(() -> sessionId(staff)).get();
                return staff.member().login() + " " + actingLogin(id);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                other.shutdownNow();
            }
        });
        String[] both = login.split(" ");
        assertThat(both[1]).isEqualTo(both[0]);
    }

    @Test
    @DisplayName("R8.3 a failed read fails every request waiting for it with the database's error, and the next reads are not held")
    void failureReachesEveryWaiter() {
        JdbcDataSource missing = new JdbcDataSource();
        missing.setURL("jdbc:h2:mem:charte-no-such-database;IFEXISTS=TRUE");
        String one = SessionActing.sessionQuery(false).replace("%TABLE_NAME%", "SPRING_SESSION");
        SessionReads failing = new SessionReads(missing, one, SessionActing.sessionsQuery(false).replace("%TABLE_NAME%", "SPRING_SESSION"),
                Duration.ofMillis(1));
        JdbcIndexedSessionRepository store = new JdbcIndexedSessionRepository(failing.operations(), new TransactionTemplate(transactions));
        store.setGetSessionQuery(SessionActing.sessionQuery(false));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Throwable>> done = new ArrayList<>();
                CountDownLatch start = new CountDownLatch(1);
                for (int t = 0; t < 16; t++) {
                    done.add(pool.submit(() -> {
                        start.await();
                        try {
                            store.findById("00000000-0000-0000-0000-000000000000");
                            return null;
                        } catch (Throwable e) {
                            return e;
                        }
                    }));
                }
                start.countDown();
                for (Future<Throwable> f : done) {
                    assertThat(f.get()).isInstanceOf(DataAccessException.class);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThatThrownBy(() -> store.findById("00000000-0000-0000-0000-000000000000")).as("the lead was handed back")
                    .isInstanceOf(DataAccessException.class);
        });
    }

    @Test
    @DisplayName("R8.3 the gathering window is bounded: 0 to 100 ms")
    void windowBounded() {
        JdbcDataSource any = new JdbcDataSource();
        assertThatThrownBy(() -> new SessionReads(any, "q", "q", Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("charte.access.session-gather");
        assertThatThrownBy(() -> new SessionReads(any, "q", "q", Duration.ofMillis(101))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SessionReads(any, "q", "q", Duration.ZERO).statements()).isZero();
        assertThat(new SessionReads(any, "q", "q", GatheredReads.MAX_GATHER).requests()).isZero();
    }
}
