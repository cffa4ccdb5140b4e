package org.charte.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditVerification;
import org.charte.audit.AuditVerification.Kind;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Someone with SQL access tampers with the real table; verification must say what and where.
 * This class has a database of its own (its own batch size makes its own Spring context), and
 * each test starts from a fresh chain of eight entries.
 */
@CharteIntegrationTest
@TestPropertySource(properties = "charte.audit.batch-size=5")
class AuditTamperTests {

    static final int LENGTH = 8;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    List<AuditEntry> chain;

    @BeforeEach
    void freshChain() {
        // The tamperer is the table's owner: the database's own append-only guard is dropped first
        // (AuditLogTests shows it holds otherwise); the hash chain must still tell.
        TestDatabase.dropAuditGuard(jdbc);
        jdbc.sql("DELETE FROM audit_entry").update();
        jdbc.sql("UPDATE audit_head SET last_seq = 0, last_hash = ?").param(AuditEntry.GENESIS).update();
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < LENGTH; i++) {
            UUID subject = UUID.randomUUID();
            events.add(AuditEvent.allowed("staff:" + UUID.randomUUID(), "read", "customer-service", "subject", subject.toString(),
                    subject, List.of("identity", "contact")));
        }
        chain = audit.appendAll(events);
        assertThat(chain).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    StoredEntry row(long seq) {
        return jdbc.sql("SELECT " + AuditEntries.COLUMNS + " FROM audit_entry WHERE seq = ?").param(seq).query(AuditEntries::map).single();
    }

    void insert(StoredEntry row) {
        jdbc.sql(ChainWriter.INSERT).params(row.seq(), row.id(), row.at().atOffset(ZoneOffset.UTC), row.actor(), row.action(),
                row.purpose(), row.resourceType(), row.resourceId(), row.subjectId(), row.joinedCategories(), row.outcome(),
                row.reason(), row.previousHash(), row.hash()).update();
    }

    /** Makes room at {@code seq}: the entries from there on are renumbered one up (in two steps, as the key is unique). */
    void shiftFrom(long seq) {
        jdbc.sql("UPDATE audit_entry SET seq = -seq - 1 WHERE seq >= ?").param(seq).update();
        jdbc.sql("UPDATE audit_entry SET seq = -seq WHERE seq < 0").update();
    }

    StoredEntry forged(long seq, String previousHash) {
        UUID subject = UUID.randomUUID();
        return StoredEntry.chained(seq, UUID.randomUUID(), Instant.parse("2026-11-26T09:00:00Z"), AuditEvent.allowed("staff:"
                + UUID.randomUUID(), "read", "compliance-checks", "subject", subject.toString(), subject, List.of("identity")), previousHash);
    }

    void assertBroken(Kind kind, long seq) {
        AuditVerification result = audit.verify();
        assertThat(result.intact()).as("%s", result).isFalse();
        assertThat(result.firstProblem()).as("%s", result).isNotNull();
        assertThat(result.firstProblem().kind()).as("%s", result).isEqualTo(kind);
        assertThat(result.firstProblem().seq()).as("%s", result).isEqualTo(seq);
        assertThat(result.entriesChecked()).as("%s", result).isEqualTo(seq - 1);
    }

    @Test
    @DisplayName("R6.5 an untouched log verifies intact")
    void intact() {
        assertThat(audit.verify()).isEqualTo(AuditVerification.intact(LENGTH));
    }

    @Test
    @DisplayName("R6.5 an altered entry is named by audit verify")
    void altered() {
        jdbc.sql("UPDATE audit_entry SET purpose = 'loyalty-prospecting' WHERE seq = 3").update();
        assertBroken(Kind.ALTERED, 3);
    }

    @Test
    @DisplayName("R6.5 an altered entry is named even when its hash was recomputed: the next entry still links to the original")
    void alteredAndRehashed() {
        StoredEntry changed = new StoredEntry(3, chain.get(2).id(), chain.get(2).at(), "system", "read", null, "subject", null,
                null, List.of(), "ALLOWED", null, chain.get(1).hash(), "");
        jdbc.sql("UPDATE audit_entry SET actor = 'system', purpose = NULL, resource_id = NULL, subject_id = NULL, categories = '', hash = ? WHERE seq = 3")
                .param(changed.computedHash()).update();
        assertBroken(Kind.ALTERED, 3);
    }

    @Test
    @DisplayName("R6.5 the last entry altered and re-hashed is named: the chain's head holds its true hash")
    void lastAlteredAndRehashed() {
        jdbc.sql("UPDATE audit_entry SET action = 'write' WHERE seq = 8").update();
        StoredEntry changed = row(8);
        jdbc.sql("UPDATE audit_entry SET hash = ? WHERE seq = 8").param(changed.computedHash()).update();
        assertBroken(Kind.ALTERED, 8);
    }

    @Test
    @DisplayName("R6.5 an entry whose link to the previous one was changed is named altered")
    void linkAltered() {
        jdbc.sql("UPDATE audit_entry SET previous_hash = ? WHERE seq = 5").param("f".repeat(64)).update();
        assertBroken(Kind.ALTERED, 5);
    }

    @Test
    @DisplayName("R6.5 a removed entry is named by audit verify")
    void removed() {
        jdbc.sql("DELETE FROM audit_entry WHERE seq = 4").update();
        assertBroken(Kind.REMOVED, 4);
    }

    @Test
    @DisplayName("R6.5 removed entries are named from the first one missing, at the start of the log too")
    void removedSeveral() {
        jdbc.sql("DELETE FROM audit_entry WHERE seq IN (4, 5, 6)").update();
        assertBroken(Kind.REMOVED, 4);
        assertThat(audit.verify().firstProblem().detail()).contains("#4 to #6");
        jdbc.sql("DELETE FROM audit_entry WHERE seq = 1").update();
        assertBroken(Kind.REMOVED, 1);
    }

    @Test
    @DisplayName("R6.5 an inserted entry is named by audit verify: a forged row pushed in, the rest renumbered")
    void inserted() {
        shiftFrom(5);
        insert(forged(5, "e".repeat(64)).withHash("d".repeat(64)));
        assertBroken(Kind.INSERTED, 5);
    }

    @Test
    @DisplayName("R6.5 an inserted entry is named even when the forger linked it and computed its hash, and moved the head")
    void insertedCarefully() {
        shiftFrom(5);
        insert(forged(5, chain.get(3).hash()));
        jdbc.sql("UPDATE audit_head SET last_seq = 9").update();
        assertBroken(Kind.INSERTED, 5);
    }

    @Test
    @DisplayName("R6.5 a well-formed entry added after the last one, the head left as it was, is named inserted")
    void insertedAtTheEnd() {
        insert(forged(9, chain.get(7).hash()));
        assertBroken(Kind.INSERTED, 9);
    }

    @Test
    @DisplayName("R6.5 reordered entries are named by audit verify: two rows with their seq swapped")
    void reordered() {
        swap(5, 6);
        assertBroken(Kind.REORDERED, 5);
    }

    @Test
    @DisplayName("R6.5 reordered entries far apart, or at the start of the log, are named from the first out of place")
    void reorderedFarApart() {
        swap(2, 7);
        assertBroken(Kind.REORDERED, 2);
        swap(2, 7);
        assertThat(audit.verify().intact()).isTrue();
        swap(1, 2);
        assertBroken(Kind.REORDERED, 1);
    }

    void swap(long a, long b) {
        jdbc.sql("UPDATE audit_entry SET seq = -1 WHERE seq = ?").param(a).update();
        jdbc.sql("UPDATE audit_entry SET seq = ? WHERE seq = ?").params(a, b).update();
        jdbc.sql("UPDATE audit_entry SET seq = ? WHERE seq = -1").param(b).update();
    }

    @Test
    @DisplayName("R6.5 a truncated log is named by audit verify: the head records more entries than the table holds")
    void truncated() {
        jdbc.sql("DELETE FROM audit_entry WHERE seq >= 7").update();
        assertBroken(Kind.TRUNCATED, 7);
        jdbc.sql("DELETE FROM audit_entry").update();
        assertBroken(Kind.TRUNCATED, 1);
    }

    @Test
    @DisplayName("R6.5 after tampering, appends go on chaining from the head, and the problem stays named")
    void appendsAfterTampering() {
        jdbc.sql("UPDATE audit_entry SET purpose = 'loyalty-prospecting' WHERE seq = 3").update();
        AuditEntry next = audit.append(forgedEvent());
        assertThat(next.seq()).isEqualTo(9);
        assertThat(next.previousHash()).isEqualTo(chain.get(7).hash());
        assertBroken(Kind.ALTERED, 3);
    }

    @Test
    @DisplayName("R6.5 when the database refuses a batch, every caller of it is told and nothing of it is written")
    void failedBatchWritesNothing() {
        TestDatabase.asOwner(jdbc,
                "ALTER TABLE audit_entry ADD CONSTRAINT audit_test_refuse CHECK (actor <> 'staff:00000000-0000-0000-0000-000000000bad')");
        try {
            AuditEvent refused = AuditEvent.allowed("staff:00000000-0000-0000-0000-000000000bad", "read", null, "subject", null, null, List.of());
            assertThatThrownBy(() -> audit.appendAll(List.of(forgedEvent(), refused, forgedEvent())))
                    .isInstanceOf(DataAccessException.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single()).isEqualTo(LENGTH);
            assertThat(jdbc.sql("SELECT last_seq FROM audit_head").query(Long.class).single()).isEqualTo(LENGTH);
        } finally {
            TestDatabase.asOwner(jdbc, "ALTER TABLE audit_entry DROP CONSTRAINT audit_test_refuse");
        }
        assertThat(audit.append(forgedEvent()).seq()).isEqualTo(LENGTH + 1);
        assertThat(audit.verify()).isEqualTo(AuditVerification.intact(LENGTH + 1));
    }

    @Test
    @DisplayName("R6.5 without the chain's head nothing is appended, and verification says the head is missing")
    void headMissing() {
        jdbc.sql("DELETE FROM audit_head").update();
        try {
            assertThatThrownBy(() -> audit.append(forgedEvent())).hasMessageContaining("audit_head");
            assertThat(audit.verify().firstProblem().detail()).contains("head");
        } finally {
            jdbc.sql("INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, ?, ?)").params(LENGTH, chain.get(7).hash()).update();
        }
        assertThat(audit.verify()).isEqualTo(AuditVerification.intact(LENGTH));
    }

    static AuditEvent forgedEvent() {
        return AuditEvent.allowed("system", "read", null, "subject", null, null, List.of());
    }
}
