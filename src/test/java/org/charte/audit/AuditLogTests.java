package org.charte.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.charte.CharteApplication;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@CharteIntegrationTest
class AuditLogTests {

    @Autowired
    DataSource dataSource;


    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    static AuditEvent read(UUID subject) {
        return AuditEvent.allowed("staff:" + UUID.randomUUID(), "read", "customer-service", "subject", subject.toString(), subject,
                List.of("identity", "contact"));
    }

    @Test
    @DisplayName("R6.5 an append returns once its entry is committed, chained to the entry before it")
    void appendChains() {
        UUID subject = UUID.randomUUID();
        AuditEntry first = audit.append(read(subject));
        AuditEntry second = audit.append(AuditEvent.denied("token:" + UUID.randomUUID(), "export", null, "subject", null, subject,
                List.of(), "no grant covers this subject"));

        assertThat(second.seq()).isGreaterThan(first.seq());
        assertThat(first.hash()).hasSize(64).isNotEqualTo(second.hash());
        assertThat(first.id().version()).isEqualTo(7);
        assertThat(second.at()).isEqualTo(second.at().truncatedTo(ChronoUnit.MICROS));
        // Committed: another connection sees the row and the head that covers it.
        assertThat(jdbc.sql("SELECT hash FROM audit_entry WHERE seq = ?").param(second.seq()).query(String.class).single())
                .isEqualTo(second.hash());
        assertThat(jdbc.sql("SELECT last_seq FROM audit_head").query(Long.class).single()).isGreaterThanOrEqualTo(second.seq());
        // Read back exactly as appended: time to the microsecond, null fields, categories, outcome.
        assertThat(audit.forSubject(subject, 10)).containsExactly(second, first);
    }

    @Test
    @DisplayName("R6.5 appendAll records its entries consecutively and in order, each linked to the one before")
    void appendAllInOrder() {
        UUID subject = UUID.randomUUID();
        List<AuditEvent> events = List.of(read(subject), read(subject), read(subject));
        List<AuditEntry> entries = audit.appendAll(events);
        assertThat(entries).extracting(AuditEntry::event).containsExactlyElementsOf(events);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).seq()).isEqualTo(entries.get(i - 1).seq() + 1);
            assertThat(entries.get(i).previousHash()).isEqualTo(entries.get(i - 1).hash());
        }
        assertThat(audit.appendAll(List.of())).isEmpty();
    }

    @Test
    @DisplayName("R6.5 many callers at once each get their own place in one unbroken chain (group commit)")
    void concurrentAppends() throws Exception {
        int threads = 16;
        int perThread = 150;
        List<AuditEntry> all = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        if (i % 10 == 0) {
                            all.addAll(audit.appendAll(List.of(read(UUID.randomUUID()), read(UUID.randomUUID()))));
                        } else {
                            all.add(audit.append(read(UUID.randomUUID())));
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(all).hasSize(threads * (perThread + perThread / 10));
        Set<Long> seqs = new HashSet<>();
        all.forEach(e -> seqs.add(e.seq()));
        assertThat(seqs).hasSameSizeAs(all);
        AuditVerification verification = audit.verify();
        assertThat(verification.intact()).as("%s", verification).isTrue();
        assertThat(verification.entriesChecked()).isGreaterThanOrEqualTo(all.size());
    }

    @Test
    @DisplayName("R6.5 who reached one person's data: their entries only, newest first, with purpose, categories and outcome")
    void forSubject() {
        UUID subject = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        AuditEntry allowed = audit.append(read(subject));
        audit.append(read(other));
        AuditEntry denied = audit.append(AuditEvent.denied("staff:" + UUID.randomUUID(), "reveal-credentials", "customer-service",
                "hosted-database", "db-42", subject, List.of("hosted-credentials"), "no grant covers this subject"));

        List<AuditEntry> entries = audit.forSubject(subject, 10);
        assertThat(entries).containsExactly(denied, allowed);
        assertThat(entries.getFirst().event().outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThat(entries.getFirst().event().reason()).isEqualTo("no grant covers this subject");
        assertThat(entries.getLast().event().purpose()).isEqualTo("customer-service");
        assertThat(entries.getLast().event().categories()).containsExactly("identity", "contact");
        assertThat(audit.forSubject(subject, 1)).containsExactly(denied);
        assertThat(audit.recent(2)).first().isEqualTo(denied);
        assertThatIllegalArgumentException().isThrownBy(() -> audit.recent(0));
    }

    @Test
    @DisplayName("R6.5 the export holds the entries in chain order with the chain's head; a person's export holds only theirs")
    void export() {
        UUID subject = UUID.randomUUID();
        AuditEntry first = audit.append(read(subject));
        audit.append(read(UUID.randomUUID()));
        AuditEntry last = audit.append(read(subject));

        ObjectMapper json = new ObjectMapper();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        audit.exportJson(out, subject);
        JsonNode mine = json.readTree(out.toByteArray());
        assertThat(mine.path("format").asString()).isEqualTo("charte-audit-export/1");
        assertThat(mine.path("subjectId").asString()).isEqualTo(subject.toString());
        assertThat(mine.path("head").path("lastSeq").asLong()).isGreaterThanOrEqualTo(last.seq());
        assertThat(mine.path("entries").findValuesAsString("hash")).containsExactly(first.hash(), last.hash());
        assertThat(mine.path("entries").get(0).path("categories").get(1).asString()).isEqualTo("contact");
        assertThat(mine.path("entries").get(0).path("reason").isNull()).isTrue();

        out.reset();
        audit.exportJson(out, null);
        JsonNode all = json.readTree(out.toByteArray());
        List<Long> seqs = new ArrayList<>();
        all.path("entries").forEach(e -> seqs.add(e.path("seq").asLong()));
        assertThat(seqs).isSorted().contains(first.seq(), last.seq());
        assertThat(all.path("subjectId").isNull()).isTrue();
    }

    @Test
    @DisplayName("R6.5 an intact log verifies, every entry checked")
    void intact() {
        audit.append(read(UUID.randomUUID()));
        long count = jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single();
        AuditVerification verification = audit.verify();
        assertThat(verification.intact()).as("%s", verification).isTrue();
        assertThat(verification.firstProblem()).isNull();
        assertThat(verification.entriesChecked()).isEqualTo(count);
    }

    @Test
    @DisplayName("R6.5 shutting down drains the queue: every acknowledged append is in the log, later ones are refused")
    void shutdownDrains(@TempDir Path dataDir) throws Exception {
        String url = TestDatabase.newDatabaseUrl();
        String user = TestDatabase.postgres() ? "postgres" : "sa";
        var context = new SpringApplicationBuilder(CharteApplication.class).web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=" + user, "--spring.datasource.password=",
                        "--charte.data-dir=" + dataDir, "--charte.audit.batch-size=7");
        AuditLog log = context.getBean(AuditLog.class);
        List<AuditEntry> acknowledged = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> refused = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int t = 0; t < 8; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        try {
                            acknowledged.add(log.append(read(UUID.randomUUID())));
                        } catch (IllegalStateException e) {
                            refused.add(e);
                            return;
                        }
                    }
                });
            }
            while (acknowledged.size() < 200) {
                Thread.sleep(5);
            }
            context.close();
            pool.shutdown();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).as("no caller is left waiting").isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(refused).isNotEmpty().allSatisfy(e -> assertThat(e).hasMessageContaining("shut down"));
        Set<String> stored = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT hash FROM audit_entry")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        assertThat(stored).containsAll(acknowledged.stream().map(AuditEntry::hash).toList());
    }

    @Test
    @DisplayName("R6.5 the audit table itself refuses UPDATE, DELETE and TRUNCATE from the application's connection")
    void appendOnlyInTheDatabase() {
        var entry = audit.append(AuditEvent.allowed("system", "read", null, "audit-log", null, null, List.of()));
        JdbcClient sql = JdbcClient.create(dataSource);
        // PostgreSQL: the application's role has no such right (docs/operations.md); H2: the trigger and the truncate guard refuse.
        String refused = TestDatabase.postgres() ? "permission denied" : "append-only";
        assertThatThrownBy(() -> sql.sql("UPDATE audit_entry SET action = 'write' WHERE seq = ?").param(entry.seq()).update())
                .rootCause().hasMessageContaining(refused);
        assertThatThrownBy(() -> sql.sql("DELETE FROM audit_entry WHERE seq = ?").param(entry.seq()).update())
                .rootCause().hasMessageContaining(refused);
        assertThatThrownBy(() -> sql.sql("DELETE FROM audit_entry").update()).rootCause().hasMessageContaining(refused);
        assertThatThrownBy(() -> sql.sql("TRUNCATE TABLE audit_entry").update())
                .rootCause().hasMessageContaining(TestDatabase.postgres() ? "permission denied" : "Cannot truncate");
        assertThat(sql.sql("SELECT COUNT(*) FROM audit_entry WHERE seq = ?").param(entry.seq()).query(Long.class).single()).isOne();
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    @DisplayName("R6.5 on PostgreSQL the application's role cannot lift the audit table's guards: it neither owns the table nor can become its owner")
    void applicationCannotLiftTheGuards() {
        assumeTrue(TestDatabase.postgres(), "PostgreSQL roles; H2 has one administrator (docs/operations.md)");
        JdbcClient sql = JdbcClient.create(dataSource);
        assertThat(sql.sql("SELECT current_user").query(String.class).single()).isEqualTo(TestDatabase.APPLICATION);
        assertThat(sql.sql("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_entry'").query(String.class).single())
                .isEqualTo(TestDatabase.OWNER);
        for (String statement : List.of("ALTER TABLE audit_entry DISABLE TRIGGER USER", "ALTER TABLE audit_entry DISABLE TRIGGER ALL",
                "DROP TRIGGER audit_entry_append_only ON audit_entry", "DROP TRIGGER audit_entry_no_truncate ON audit_entry",
                "ALTER TABLE audit_entry OWNER TO " + TestDatabase.APPLICATION, "DROP TABLE audit_entry", "SET ROLE " + TestDatabase.OWNER,
                "DELETE FROM audit_head", "INSERT INTO audit_head (id, last_seq, last_hash) VALUES (2, 0, '" + AuditEntry.GENESIS + "')",
                // Nor become the owner: it has no CREATEROLE, which before PostgreSQL 16 would let it join any role.
                "GRANT " + TestDatabase.OWNER + " TO " + TestDatabase.APPLICATION, "ALTER ROLE " + TestDatabase.OWNER + " PASSWORD 'x'",
                "CREATE ROLE charte_test_intruder LOGIN", "SELECT charte_hosted_login_create('" + TestDatabase.OWNER + "', 'SCRAM-SHA-256$x')")) {
            assertThatThrownBy(() -> sql.sql(statement).query().listOfRows()).as(statement).rootCause()
                    .hasMessageMatching("(?s).*(must be owner|permission denied|must have admin option|not a hosted database login).*");
        }
        sql.sql("GRANT UPDATE, DELETE, TRUNCATE ON audit_entry TO " + TestDatabase.APPLICATION).update(); // PostgreSQL: "no privileges were granted"
        assertThat(sql.sql("SELECT has_table_privilege('audit_entry', 'UPDATE') OR has_table_privilege('audit_entry', 'DELETE')"
                + " OR has_table_privilege('audit_entry', 'TRUNCATE') OR has_table_privilege('audit_entry', 'TRIGGER')")
                .query(Boolean.class).single()).isFalse();
        assertThat(sql.sql("SELECT COUNT(*) FROM pg_trigger WHERE tgrelid = 'audit_entry'::regclass AND NOT tgisinternal AND tgenabled = 'O'")
                .query(Long.class).single()).as("both triggers still enabled").isEqualTo(2);
        // What the application does need: rows of the other tables, its own schemas for hosted databases.
        assertThat(sql.sql("SELECT has_table_privilege('audit_entry', 'INSERT') AND has_table_privilege('audit_entry', 'SELECT')"
                + " AND has_table_privilege('audit_head', 'UPDATE') AND has_table_privilege('shedlock', 'DELETE')"
                + " AND has_table_privilege('event_publication', 'UPDATE') AND has_database_privilege(current_database(), 'CREATE')")
                .query(Boolean.class).single()).isTrue();
    }
}
