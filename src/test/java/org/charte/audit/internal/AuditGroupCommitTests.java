package org.charte.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditVerification;
import org.charte.common.Ids;
import org.charte.testing.CharteIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Group commit of single appends under load, on one node and on two: many callers at once, each
 * appending one event, give one chain that verifies, with every acknowledged entry in it as it was
 * acknowledged. Two nodes are two writers (each with its own connection) on the one database, as
 * two Charte nodes have: they share the chain's head through it.
 */
@CharteIntegrationTest
class AuditGroupCommitTests {

    @Autowired
    AuditLog audit;

    @Autowired
    ChainWriter writer;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ids ids;

    @Autowired
    Clock clock;

    static AuditEvent read() {
        UUID subject = UUID.randomUUID();
        return AuditEvent.allowed("staff:" + UUID.randomUUID(), "read", "customer-service", "subject", subject.toString(), subject,
                List.of("identity", "contact"));
    }

    /** {@code threads} callers, each {@code perThread} single appends through {@code node(thread)}: what each was acknowledged. */
    static List<AuditEntry> appendConcurrently(int threads, int perThread, Function<Integer, Function<AuditEvent, AuditEntry>> node)
            throws Exception {
        List<AuditEntry> acknowledged = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Function<AuditEvent, AuditEntry> append = node.apply(t);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        acknowledged.add(append.apply(read()));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return acknowledged;
    }

    /** Every acknowledged entry is stored at its place, as acknowledged; the whole chain verifies. */
    void assertAllStoredInOneChain(List<AuditEntry> acknowledged) {
        assertThat(acknowledged.stream().map(AuditEntry::seq).distinct()).hasSameSizeAs(acknowledged);
        long from = acknowledged.stream().mapToLong(AuditEntry::seq).min().orElseThrow();
        long to = acknowledged.stream().mapToLong(AuditEntry::seq).max().orElseThrow();
        Map<Long, String> stored = jdbc.sql("SELECT seq, hash FROM audit_entry WHERE seq BETWEEN ? AND ?").params(from, to)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (AuditEntry entry : acknowledged) {
            assertThat(stored.get(entry.seq())).as("entry #%d, acknowledged", entry.seq()).isEqualTo(entry.hash());
        }
        // Each entry links to the one just before it in the chain, whichever caller or node wrote it.
        for (AuditEntry entry : acknowledged) {
            if (entry.seq() > from) {
                assertThat(entry.previousHash()).as("link of #%d", entry.seq()).isEqualTo(stored.get(entry.seq() - 1));
            }
        }
        AuditVerification verification = audit.verify();
        assertThat(verification.intact()).as("%s", verification).isTrue();
        assertThat(verification.entriesChecked()).isGreaterThanOrEqualTo(to);
        assertThat(jdbc.sql("SELECT last_seq FROM audit_head").query(Long.class).single()).isGreaterThanOrEqualTo(to);
    }

    @Test
    @DisplayName("R6.5 one node: 24 callers appending one event at a time get one chain that verifies, every acknowledged entry in it")
    void singleAppendsOnOneNode() throws Exception {
        List<AuditEntry> acknowledged = appendConcurrently(24, 60, t -> audit::append);

        assertThat(acknowledged).hasSize(24 * 60);
        assertAllStoredInOneChain(acknowledged);
    }

    @Test
    @DisplayName("R6.5 two nodes: single appends through two writers on one database, at once, give one chain with no gap or fork")
    void singleAppendsOnTwoNodes() throws Exception {
        ChainWriter other = new ChainWriter(dataSource, jdbc, ids, clock, 1000, Duration.ofMillis(1));
        try {
            List<AuditEntry> acknowledged = appendConcurrently(16, 60,
                    t -> t % 2 == 0 ? audit::append : event -> other.append(List.of(event)).getFirst());

            assertThat(acknowledged).hasSize(16 * 60);
            assertAllStoredInOneChain(acknowledged);
            // Then each node alone again: each finds the head the other left and goes on from it.
            AuditEntry a = audit.append(read());
            AuditEntry b = other.append(List.of(read())).getFirst();
            AuditEntry c = audit.append(read());
            assertThat(List.of(b.previousHash(), c.previousHash())).containsExactly(a.hash(), b.hash());
            assertAllStoredInOneChain(List.of(a, b, c));
        } finally {
            other.destroy();
        }
    }

    @Test
    @DisplayName("R6.5 a busy writer waits its gathering window for more callers: 20 callers a millisecond apart share a few commits; a quiet one writes at once")
    void gathersWhileBusy() throws Exception {
        ChainWriter other = new ChainWriter(dataSource, jdbc, ids, clock, 1000, Duration.ofMillis(80));
        try {
            other.append(List.of(read())); // written at once: the writer was quiet
            assertThat(other.gathered()).as("quiet: no wait").isZero();
            long batches = other.batches();
            List<Future<AuditEntry>> callers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
                for (int i = 0; i < 20; i++) {
                    int delay = i;
                    callers.add(pool.submit(() -> {
                        Thread.sleep(delay); // one caller a millisecond, as a busy node's requests come
                        return other.append(List.of(read())).getFirst();
                    }));
                }
                List<AuditEntry> acknowledged = new ArrayList<>();
                for (Future<AuditEntry> caller : callers) {
                    acknowledged.add(caller.get(30, TimeUnit.SECONDS));
                }
                assertAllStoredInOneChain(acknowledged);
            }
            assertThat(other.gathered()).as("busy: the writer waited").isPositive();
            assertThat(other.batches() - batches).as("20 callers in a few commits, not one each").isLessThanOrEqualTo(4);

            Thread.sleep(200); // longer than the window: quiet again
            long waits = other.gathered();
            other.append(List.of(read()));
            assertThat(other.gathered()).as("quiet again: written at once").isEqualTo(waits);
        } finally {
            other.destroy();
        }
    }

    @Test
    @DisplayName("R6.5 the gathering window is refused below 0 and above 100 ms")
    void gatherBounds() {
        assertThatThrownBy(() -> new ChainWriter(dataSource, jdbc, ids, clock, 1000, Duration.ofMillis(101)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("charte.audit.gather");
        assertThatThrownBy(() -> new ChainWriter(dataSource, jdbc, ids, clock, 1000, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("charte.audit.gather");
    }
}
