package org.charte.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.charte.CharteApplication;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.support.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code charte audit verify|export} against a database of their own (H2, or PostgreSQL in the PostgreSQL suite). */
@Tag("db")
class AuditCommandTests {

    record Run(int code, String out, String err) {}

    static Run charte(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CharteCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** The user the command connects as (CHARTE_DB_USER, default charte); PostgreSQL test URLs name theirs. */
    static String user() {
        String user = System.getenv("CHARTE_DB_USER");
        return user == null ? "charte" : user;
    }

    /** Records accesses in the database, as a running Charte would, then lets the test tamper with it. */
    static void withCharte(String url, Path dataDir, java.util.function.BiConsumer<AuditLog, JdbcClient> work) {
        try (var context = new SpringApplicationBuilder(CharteApplication.class).web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=" + user(), "--spring.datasource.password=",
                        "--charte.data-dir=" + dataDir)) {
            work.accept(context.getBean(AuditLog.class), context.getBean(JdbcClient.class));
        }
    }

    static AuditEvent read(UUID subject) {
        return AuditEvent.allowed("staff:" + UUID.randomUUID(), "read", "customer-service", "subject", subject.toString(), subject,
                List.of("identity"));
    }

    @Test
    @DisplayName("R6.5 audit verify says the log is intact and exits 0, or names the broken entry and its kind and exits 1")
    void verify(@TempDir Path dataDir) {
        String url = TestDatabase.newDatabaseUrl();
        Run empty = charte("audit", "verify", "--database-url", url, "--data-dir", dataDir.toString());
        assertThat(empty.code()).as(empty.err()).isZero();
        assertThat(empty.out()).contains("Audit log intact: 0 entries verified.");
        assertThat(dataDir.resolve("master.key")).as("no key is made just to read the log").doesNotExist();

        withCharte(url, dataDir, (log, jdbc) -> {
            for (int i = 0; i < 5; i++) {
                log.append(read(UUID.randomUUID()));
            }
        });
        Run intact = charte("audit", "verify", "--database-url", url, "--data-dir", dataDir.toString());
        assertThat(intact.code()).isZero();
        assertThat(intact.out()).contains("Audit log intact: 5 entries verified.");

        withCharte(url, dataDir, (log, jdbc) -> {
            TestDatabase.dropAuditGuard(jdbc); // as the table's owner could
            jdbc.sql("UPDATE audit_entry SET purpose = 'loyalty-prospecting' WHERE seq = 2").update();
        });
        Run broken = charte("audit", "verify", "--database-url", url, "--data-dir", dataDir.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).contains("Audit log broken at entry #2: ALTERED — entry #2 no longer matches its hash");
        assertThat(broken.out() + broken.err()).doesNotContain("Exception");
    }

    @Test
    @DisplayName("R6.5 audit export writes the log, or one person's entries, as JSON with the chain's head")
    void export(@TempDir Path dataDir) throws IOException {
        String url = TestDatabase.newDatabaseUrl();
        UUID subject = UUID.randomUUID();
        withCharte(url, dataDir, (log, jdbc) -> {
            log.append(read(subject));
            log.append(read(UUID.randomUUID()));
            log.append(read(subject));
        });
        Path all = dataDir.resolve("exports/all.json");
        Run run = charte("audit", "export", "--database-url", url, "--data-dir", dataDir.toString(), "--out", all.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote " + all);
        ObjectMapper json = new ObjectMapper();
        JsonNode everything = json.readTree(Files.readString(all));
        assertThat(everything.path("entries").size()).isEqualTo(3);
        assertThat(everything.path("head").path("lastSeq").asLong()).isEqualTo(3);

        Path mine = dataDir.resolve("mine.json");
        assertThat(charte("audit", "export", "--database-url", url, "--data-dir", dataDir.toString(), "--subject", subject.toString(),
                "--out", mine.toString()).code()).isZero();
        JsonNode theirs = json.readTree(Files.readString(mine));
        assertThat(theirs.path("entries").findValuesAsString("subjectId")).containsExactly(subject.toString(), subject.toString());

        java.io.PrintStream console = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        Run toStdout;
        try {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            toStdout = charte("audit", "export", "--database-url", url, "--data-dir", dataDir.toString());
        } finally {
            System.setOut(console);
        }
        assertThat(toStdout.code()).as(toStdout.err()).isZero();
        assertThat(json.readTree(captured.toByteArray()).path("entries").size()).as("only the JSON on standard output").isEqualTo(3);

        Run bad = charte("audit", "export", "--subject", "not-a-uuid");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--subject");
    }

    @Test
    @DisplayName("audit has its --help, and alone is a usage error")
    void usage() {
        assertThat(charte("--help").out()).contains("audit");
        for (String[] command : new String[][] {{"audit", "--help"}, {"audit", "verify", "--help"}, {"audit", "export", "--help"}}) {
            Run run = charte(command);
            assertThat(run.code()).as(String.join(" ", command)).isZero();
            assertThat(run.out()).contains("Usage: charte audit");
        }
        Run bare = charte("audit");
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.err()).contains("missing sub-command");
    }
}
