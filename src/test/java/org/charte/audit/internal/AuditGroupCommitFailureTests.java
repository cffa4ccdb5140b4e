package org.charte.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
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
 * nothing of it is stored. The failure is a real one: a row already stored where the next batch
 * must go (only the table's owner, who lifts its guard, can put it there). Same Spring context,
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

        // A row at #4, where the next batch must begin, beside the chain's back.
        StoredEntry squatter = StoredEntry.chained(4, UUID.randomUUID(), Instant.parse("2026-12-03T09:00:00Z"), read(), "f".repeat(64));
        jdbc.sql(ChainWriter.INSERT).params(squatter.seq(), squatter.id(), squatter.at().atOffset(ZoneOffset.UTC), squatter.actor(),
                squatter.action(), squatter.purpose(), squatter.resourceType(), squatter.resourceId(), squatter.subjectId(),
                squatter.joinedCategories(), squatter.outcome(), squatter.reason(), squatter.previousHash(), squatter.hash()).update();

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
        }

        assertThat(acknowledged).hasValue(0);
        assertThat(refused).hasValue(callers);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single()).as("the chain and the squatter only").isEqualTo(4);
        assertThat(jdbc.sql("SELECT last_seq FROM audit_head").query(Long.class).single()).isEqualTo(3);

        // Once the place is free again, appends go on from the head, and the chain verifies.
        jdbc.sql("DELETE FROM audit_entry WHERE seq = 4").update();
        AuditEntry next = audit.append(read());
        assertThat(next.seq()).isEqualTo(4);
        assertThat(next.previousHash()).isEqualTo(before.getLast().hash());
        assertThat(audit.verify()).isEqualTo(AuditVerification.intact(4));
    }
}
