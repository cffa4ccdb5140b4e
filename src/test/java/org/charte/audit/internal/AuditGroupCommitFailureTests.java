package org.charte.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditVerification;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A batch whose transaction fails: every caller waiting in it is told, none is acknowledged, and
 * nothing of it is stored. The failure is a real one: the table refuses the rows (a check only
 * its owner can add). Same Spring context,
 * hence database, as {@link AuditTamperTests}, whose guard is already lifted.
 */
@CharteIntegrationTest
@TestPropertySource(properties = "charte.audit.batch-size=5")
class AuditGroupCommitFailureTests {

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    static AuditEvent read() {
        UUID subject = UUID.randomUUID();
        return AuditEvent.allowed("staff:" + UUID.randomUUID(), "read", "customer-service", "subject", subject.toString(), subject,
                List.of("identity", "contact"));
    }

    @Test
    @DisplayName("R6.5 a failed batch fails every caller waiting in it: none acknowledged, nothing stored, the chain goes on intact afterwards")
    void failedBatchFailsEveryCaller() throws Exception {
        TestDatabase.dropAuditGuard(jdbc);
        jdbc.sql("DELETE FROM audit_entry").update();
        jdbc.sql("UPDATE audit_head SET last_seq = 0, last_hash = ?").param(AuditEntry.GENESIS).update();
        List<AuditEntry> before = audit.appendAll(List.of(read(), read(), read()));
        assertThat(before.getLast().seq()).isEqualTo(3);

        // From #4 on the table refuses every row (a check only the table's owner can add): a real failure of the
        // database, which holds however the table is keyed (on PostgreSQL its key also holds the month).
        TestDatabase.asOwner(jdbc, "ALTER TABLE audit_entry ADD CONSTRAINT audit_test_refuse CHECK (seq < 4)");
        int callers = 12;
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < callers; t++) {
                done.add(pool.submit(() -> {
                    try {
                        audit.append(read());
                        acknowledged.incrementAndGet();
                    } catch (DataAccessException e) {
                        refused.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            TestDatabase.asOwner(jdbc, "ALTER TABLE audit_entry DROP CONSTRAINT audit_test_refuse");
        }

        assertThat(acknowledged).hasValue(0);
        assertThat(refused).hasValue(callers);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single()).as("the chain before the failure only").isEqualTo(3);
        assertThat(jdbc.sql("SELECT last_seq FROM audit_head").query(Long.class).single()).isEqualTo(3);

        // Once the database accepts rows again, appends go on from the head, and the chain verifies.
        AuditEntry next = audit.append(read());
        assertThat(next.seq()).isEqualTo(4);
        assertThat(next.previousHash()).isEqualTo(before.getLast().hash());
        assertThat(audit.verify()).isEqualTo(AuditVerification.intact(4));
    }
}
