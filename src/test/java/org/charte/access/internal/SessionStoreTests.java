package org.charte.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.charte.access.StaffDirectory;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Staff;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff sessions in {@code spring_session} (Charte's own store, {@link SessionStore}): really in the
 * database, their last access time written at most every 30 seconds, expired ones refused and deleted.
 * Spring Session stamps requests with the system time, so the rows are aged here by moving their times.
 */
@CharteIntegrationTest
class SessionStoreTests {

    @LocalServerPort
    int port;

    @Autowired
    StaffDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    SessionCleanup cleanup;

    long lastAccess(Staff staff) {
        return jdbc.sql("SELECT last_access_time FROM spring_session WHERE principal_name = ?").param(staff.member().login())
                .query(Long.class).single();
    }

    /** Puts the session's last access (and its expiry, the timeout later) {@code ago} in the past. */
    void lastAccessed(Staff staff, Duration ago) {
        long at = clock.millis() - ago.toMillis();
        jdbc.sql("UPDATE spring_session SET last_access_time = ?, expiry_time = ? + CAST(max_inactive_interval AS BIGINT) * 1000 WHERE principal_name = ?")
                .param(at).param(at).param(staff.member().login()).update();
    }

    int sessionsOf(Staff staff) {
        return jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE principal_name = ?").param(staff.member().login())
                .query(Integer.class).single();
    }

    @Test
    @DisplayName("R8.3 a staff session is stored in spring_session under its login, with its attributes and the 30-minute idle timeout")
    void storedInTheDatabase() {
        Staff staff = Staff.signedIn(directory, port, "adv");
        assertThat(staff.http().get("/backoffice").statusCode()).isEqualTo(200);
        assertThat(sessionsOf(staff)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE principal_name = ?").param(staff.member().login())
                .query(Integer.class).single()).isEqualTo(1800);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM spring_session_attributes a JOIN spring_session s ON s.primary_id = a.session_primary_id
                WHERE s.principal_name = ? AND a.attribute_name = 'SPRING_SECURITY_CONTEXT'""").param(staff.member().login())
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("R8.3 a request within 30 s of the last access written does not rewrite it; a request after does")
    void lastAccessWrittenEvery30Seconds() {
        Staff staff = Staff.signedIn(directory, port, "adv");
        lastAccessed(staff, Duration.ofSeconds(20));
        long written = lastAccess(staff);
        assertThat(staff.http().get("/backoffice").statusCode()).isEqualTo(200);
        assertThat(staff.http().get("/api/v1/me").statusCode()).isEqualTo(200);
        assertThat(lastAccess(staff)).as("20 s after the last access written: nothing written").isEqualTo(written);

        lastAccessed(staff, Duration.ofSeconds(31));
        long before = lastAccess(staff);
        long requested = clock.millis();
        assertThat(staff.http().get("/backoffice").statusCode()).isEqualTo(200);
        assertThat(lastAccess(staff)).as("31 s after: the request's time written").isGreaterThan(before).isGreaterThanOrEqualTo(requested - 1000);
        assertThat(jdbc.sql("SELECT expiry_time - last_access_time FROM spring_session WHERE principal_name = ?")
                .param(staff.member().login()).query(Long.class).single()).as("expiry moved with it").isEqualTo(1_800_000L);
    }

    @Test
    @DisplayName("R8.3 a session idle past its timeout is refused (back to the sign-in page) and its row deleted")
    void expiredRefused() {
        Staff staff = Staff.signedIn(directory, port, "adv");
        lastAccessed(staff, Duration.ofMinutes(31));
        HttpResponse<String> answer = staff.http().get("/backoffice", "Accept", "text/html");
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElse("")).contains("/backoffice/connexion");
        assertThat(staff.http().get("/api/v1/me").statusCode()).isEqualTo(401);
        assertThat(sessionsOf(staff)).isZero();
    }

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    @DisplayName("R8.3 the store reads a session in auto-commit (one SELECT, no COMMIT round trip) and writes in a transaction of its own")
    void readsOutsideTransactionsWritesInside() {
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        SessionStore.ReadsOutsideTransactions operations = new SessionStore.ReadsOutsideTransactions(own);
        Boolean readInside = operations.execute(status -> TransactionSynchronizationManager.isActualTransactionActive());
        assertThat(readInside).isFalse();
        boolean[] inside = new boolean[1];
        operations.executeWithoutResult(status -> inside[0] = TransactionSynchronizationManager.isActualTransactionActive());
        assertThat(inside[0]).isTrue();

        Staff staff = Staff.signedIn(directory, port, "adv");
        assertThat(staff.http().get("/api/v1/me").statusCode()).isEqualTo(200);
        jdbc.sql("DELETE FROM spring_session WHERE principal_name = ?").param(staff.member().login()).update();
        assertThat(staff.http().get("/api/v1/me").statusCode()).as("a session deleted (by any node) is gone at the next request").isEqualTo(401);
    }

    @Test
    @DisplayName("R8.3 the cleanup job deletes the expired sessions nobody comes back to, and only those")
    void cleanupDeletesExpired() {
        Staff idle = Staff.signedIn(directory, port, "adv");
        Staff active = Staff.signedIn(directory, port, "adv");
        lastAccessed(idle, Duration.ofMinutes(30).plusSeconds(1));
        lastAccessed(active, Duration.ofMinutes(29));

        assertThat(cleanup.deleteExpired()).isGreaterThanOrEqualTo(1);

        assertThat(sessionsOf(idle)).isZero();
        assertThat(sessionsOf(active)).isEqualTo(1);
        assertThat(active.http().get("/backoffice").statusCode()).isEqualTo(200);
    }
}
