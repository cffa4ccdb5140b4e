package org.charte.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.charte.CharteApplication;
import org.charte.audit.AuditEntry;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.charte.cli.internal.CharteCommand;

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
    static void withCharte(String url, Path dataDir, BiConsumer<AuditLog, JdbcClient> work) {
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

        // verified while Charte runs, as an operator would
        withCharte(url, dataDir, (log, jdbc) -> {
            for (int i = 0; i < 5; i++) {
                log.append(read(UUID.randomUUID()));
            }
            Run intact = charte("audit", "verify", "--database-url", url, "--data-dir", dataDir.toString());
            assertThat(intact.code()).isZero();
            assertThat(intact.out()).contains("Audit log intact: 5 entries verified.");

            TestDatabase.dropAuditGuard(jdbc); // as the table's owner could
            jdbc.sql("UPDATE audit_entry SET purpose = 'loyalty-prospecting' WHERE seq = 2").update();
        });
        Run broken = charte("audit", "verify", "--database-url", url, "--data-dir", dataDir.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).contains("Audit log broken at entry #2: ALTERED — entry #2 no longer matches its hash");
        assertThat(broken.out() + broken.err()).doesNotContain("Exception");
    }

    static final String HEAD_LINE = "Head to keep elsewhere (entry count:hash, for --expect-head): ";

    /** The head a verify printed, as kept elsewhere. */
    static String keptHead(Run run) {
        String line = run.out().lines().filter(l -> l.startsWith(HEAD_LINE)).findFirst().orElseThrow(() -> new AssertionError(run.out()));
        return line.substring(HEAD_LINE.length());
    }

    @Test
    @DisplayName("R6.5 every verify prints the head to keep; --expect-head confirms it after appends and fails when the log was cut or rewritten up to it")
    void expectHead(@TempDir Path dataDir) {
        String url = TestDatabase.newDatabaseUrl();
        String[] verify = {"audit", "verify", "--database-url", url, "--data-dir", dataDir.toString()};
        assertThat(keptHead(charte(verify))).isEqualTo("0:" + "0".repeat(64));

        List<AuditEntry> first = new ArrayList<>();
        List<String> heads = new ArrayList<>();
        // verified while Charte runs and appends, as an operator would
        withCharte(url, dataDir, (log, jdbc) -> {
            for (int i = 0; i < 5; i++) {
                first.add(log.append(read(UUID.randomUUID())));
            }
            Run five = charte(verify);
            assertThat(five.code()).as(five.err()).isZero();
            heads.add(keptHead(five));
            assertThat(heads.getFirst()).isEqualTo("5:" + first.get(4).hash());

            log.appendAll(List.of(read(UUID.randomUUID()), read(UUID.randomUUID()), read(UUID.randomUUID())));
            Run later = charte(with(verify, "--expect-head", heads.getFirst()));
            assertThat(later.code()).as(later.out() + later.err()).isZero();
            assertThat(later.out()).contains("Audit log intact: 8 entries verified.", HEAD_LINE + "8:")
                    .contains("Kept head confirmed: entry #5 still has hash " + first.get(4).hash() + "; 3 entries appended since.");
            assertThat(charte(with(verify, "--expect-head", first.get(4).hash())).code()).as("the hash alone").isZero();

            // The owner cuts the log back to entry #4 and moves the head with it: the chain alone says intact.
            TestDatabase.dropAuditGuard(jdbc);
            jdbc.sql("DELETE FROM audit_entry WHERE seq > 4").update();
            jdbc.sql("UPDATE audit_head SET last_seq = 4, last_hash = ?").param(first.get(3).hash()).update();
        });
        String kept = heads.getFirst();
        Run cut = charte(with(verify, "--expect-head", kept));
        assertThat(cut.out()).contains("Audit log intact: 4 entries verified.");
        assertThat(cut.code()).isEqualTo(1);
        assertThat(cut.out()).contains("Kept head " + kept + " is missing: no entry of the log has that hash.", "The log has no entry #5 now.");

        // ... then writes new entries in place of those removed (a Charte started again chains from the head left): eight entries
        // again, the chain intact, entry #5 not the one kept.
        withCharte(url, dataDir, (log, jdbc) -> log.appendAll(List.of(read(UUID.randomUUID()), read(UUID.randomUUID()),
                read(UUID.randomUUID()), read(UUID.randomUUID()))));
        Run rewritten = charte(with(verify, "--expect-head", kept));
        assertThat(rewritten.out()).contains("Audit log intact: 8 entries verified.").contains("Entry #5 now has hash ");
        assertThat(rewritten.code()).isEqualTo(1);
        assertThat(charte(with(verify, "--expect-head", first.get(4).hash())).code()).as("the hash alone").isEqualTo(1);

        Run bad = charte(with(verify, "--expect-head", "5:not-a-hash"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--expect-head", "SEQ:HASH").doesNotContain("not-a-hash");
    }

    static String[] with(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
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

        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Run toStdout;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
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
