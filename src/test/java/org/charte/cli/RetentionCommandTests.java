package org.charte.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.charte.CharteApplication;
import org.charte.cli.AuditCommandTests.Run;
import org.charte.retention.RetentionRuns;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * {@code charte retention run} in a JVM of its own, killed midway ({@code kill -9}) and run again:
 * every person is either erased whole (no row, no key, no record in any module, a proof) or intact.
 * On a file H2 database, or a new PostgreSQL database in the PostgreSQL suite.
 */
@Tag("db")
class RetentionCommandTests {

    static final String AS_OF = "2100-01-01";
    /** Every table that holds something of a person, by its person column. */
    static final Map<String, String> PERSON_TABLES = Map.of("data_subject", "id", "subject_key", "subject_id", "subject_lookup", "subject_id",
            "client_account", "subject_id", "subscription", "subject_id", "customer_order", "subject_id", "invoice", "subject_id",
            "payment", "subject_id", "support_ticket", "subject_id");

    static String url(Path dataDir) {
        return TestDatabase.postgres() ? TestDatabase.newDatabaseUrl() : "jdbc:h2:file:" + dataDir.resolve("charte") + ";AUTO_SERVER=TRUE";
    }

    static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", AuditCommandTests.user());
        properties.setProperty("password", "");
        return DriverManager.getConnection(url, properties);
    }

    static long count(String url, String sql) {
        try (Connection c = connect(url)) {
            return count(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(Connection c, String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per person, how many rows each table holds of them. */
    static Map<UUID, Map<String, Long>> footprint(String url) throws SQLException {
        Map<UUID, Map<String, Long>> rows = new HashMap<>();
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            for (var table : PERSON_TABLES.entrySet()) {
                try (ResultSet rs = s.executeQuery("SELECT " + table.getValue() + ", COUNT(*) FROM " + table.getKey() + " GROUP BY " + table.getValue())) {
                    while (rs.next()) {
                        rows.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>()).put(table.getKey(), rs.getLong(2));
                    }
                }
            }
        }
        return rows;
    }

    static Set<UUID> ids(String url, String sql) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    /**
     * The command line of {@code charte} in a JVM of its own, this JVM's class path, with these system properties. The JIT's
     * first tier only and the serial collector: such a JVM lives seconds, mostly starting up, which the second tier's compilations
     * and G1's threads would slow, not speed.
     */
    static List<String> charteCommand(String... properties) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.charte.cli.Main"));
        return command;
    }

    static Process charteJvm(Path dataDir, String url, Path log, String... args) throws IOException {
        List<String> command = charteCommand("-Dcharte.retention.lock-at-most-for=PT5S");
        command.addAll(List.of(args));
        command.addAll(List.of("--database-url", url, "--data-dir", dataDir.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    @DisplayName("R5.6 a retention run killed midway (kill -9) and run again leaves every person erased whole, with a proof, or intact")
    void killedAndRunAgain(@TempDir Path dataDir) throws Exception {
        String url = url(dataDir);
        Run generated = AuditCommandTests.charte("generate", "--subjects", "1200", "--seed", "11", "--database-url", url, "--data-dir",
                dataDir.toString());
        assertThat(generated.code()).as(generated.err()).isZero();
        Map<UUID, Map<String, Long>> before = footprint(url);
        Set<UUID> due = ids(url, "SELECT id FROM data_subject WHERE status IN ('PROSPECT', 'CLIENT_INACTIVE')");
        Set<UUID> active = ids(url, "SELECT id FROM data_subject WHERE status = 'CLIENT_ACTIVE'");
        assertThat(due).hasSizeGreaterThan(400);

        // One connection held open from here on: with H2's auto-server, this JVM serves the file and the commands connect to it
        // (processes opening and closing the file in turn would race for it).
        try (Connection held = connect(url)) {
            killAndRunAgain(dataDir, url, held, before, due, active);
        }
    }

    private void killAndRunAgain(Path dataDir, String url, Connection held, Map<UUID, Map<String, Long>> before, Set<UUID> due, Set<UUID> active)
            throws Exception {
        Path firstLog = dataDir.resolve("first.log");
        Process first = charteJvm(dataDir, url, firstLog, "retention", "run", "--as-of", AS_OF, "--ahead", "--batch-size", "4");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long proofs = 0;
        while (first.isAlive() && System.nanoTime() < deadline) {
            proofs = count(held, "SELECT COUNT(*) FROM erasure_proof WHERE record_type = 'subject'");
            if (proofs > 20) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(first.isAlive()).as("killed midway, not after the end: " + Files.readString(firstLog, StandardCharsets.UTF_8)).isTrue();
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(proofs).isBetween(1L, (long) due.size() - 1);

        // Right after the kill: nothing half-erased.
        Map<UUID, Map<String, Long>> afterKill = footprint(url);
        Set<UUID> proved = new HashSet<>();
        try (var context = new SpringApplicationBuilder(CharteApplication.class).web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=" + AuditCommandTests.user(), "--spring.datasource.password=",
                        "--charte.data-dir=" + dataDir, "--charte.retention.cron=-")) {
            RetentionRuns runs = context.getBean(RetentionRuns.class);
            Set<String> hashes = new HashSet<>();
            try (Connection c = connect(url); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT record_hash FROM erasure_proof WHERE record_type = 'subject'")) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
            for (UUID id : due) {
                if (hashes.contains(runs.proofHash(id))) {
                    proved.add(id);
                }
            }
        }
        int erased = 0;
        for (UUID id : due) {
            Map<String, Long> now = afterKill.get(id);
            if (now == null) {
                erased++;
                assertThat(proved).as("an erased person has a proof").contains(id);
            } else {
                assertThat(now).as("a person still there is intact").isEqualTo(before.get(id));
                assertThat(proved).as("no proof for a person still there").doesNotContain(id);
            }
        }
        assertThat(erased).isPositive().isLessThan(due.size());

        // Run again (once the dead process's lock has lapsed): it finishes the work.
        Path secondLog = dataDir.resolve("second.log");
        int code = -1;
        for (long until = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() < until; ) {
            Process second = charteJvm(dataDir, url, secondLog, "retention", "run", "--as-of", AS_OF, "--ahead", "--batch-size", "50");
            assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
            code = second.exitValue();
            if (code == 0 || !Files.readString(secondLog, StandardCharsets.UTF_8).contains("in progress")) {
                break;
            }
            Thread.sleep(1000);
        }
        String output = Files.readString(secondLog, StandardCharsets.UTF_8);
        assertThat(code).as(output).isZero();
        assertThat(output).contains("Retention run").contains("COMPLETED").doesNotContain("Exception");
        Map<UUID, Map<String, Long>> end = footprint(url);
        for (UUID id : due) {
            assertThat(end).as("every due person erased").doesNotContainKey(id);
        }
        for (UUID id : active) {
            assertThat(end.get(id)).as("every active client intact").isEqualTo(before.get(id));
        }
        assertThat(count(url, "SELECT COUNT(*) FROM erasure_proof WHERE record_type = 'subject'")).isEqualTo(due.size());
        assertThat(count(url, "SELECT COUNT(*) FROM retention_run WHERE status = 'INTERRUPTED'")).as("the killed run").isOne();
        assertThat(count(url, "SELECT COUNT(*) FROM retention_run WHERE status = 'COMPLETED'")).isOne();
        assertThat(count(url, "SELECT COUNT(*) FROM ticket_message WHERE ticket_id NOT IN (SELECT id FROM support_ticket)")).isZero();
    }

    @Test
    @DisplayName("R5.6 R8.5 retention run with a bad --as-of (or a day outside 1900-01-01..2199-12-31) or --batch-size prints a usage line and exits 2, erasing nothing")
    void badArguments() {
        for (String[] args : List.of(new String[] {"retention", "run", "--as-of", "01/01/2035"}, new String[] {"retention", "run", "--as-of", "2035-13-45"},
                new String[] {"retention", "run", "--as-of", "0000-01-01"}, new String[] {"retention", "run", "--dry-run", "--as-of", "+999999999-12-31"},
                new String[] {"retention", "run", "--batch-size", "0"}, new String[] {"retention", "run", "--frobnicate"})) {
            Run run = AuditCommandTests.charte(args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", args)).contains("Usage: charte retention run").doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(AuditCommandTests.charte("retention").code()).isEqualTo(2);
    }

    @Test
    @DisplayName("R5.6 retention run --dry-run lists what would go by rule, changes nothing; retention holds lists the holds in force")
    void dryRunAndHolds(@TempDir Path dataDir) throws Exception {
        String url = url(dataDir);
        assertThat(AuditCommandTests.charte("generate", "--subjects", "60", "--seed", "5", "--database-url", url, "--data-dir", dataDir.toString())
                .code()).isZero();
        Map<UUID, Map<String, Long>> before = footprint(url);
        Run dry = AuditCommandTests.charte("retention", "run", "--dry-run", "--as-of", AS_OF, "--database-url", url, "--data-dir", dataDir.toString());
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Due by rule:").contains("prospects").contains("inactive-clients").contains("would erase")
                .contains("Dry run: nothing was changed.");
        assertThat(dry.err()).as("progress, plain lines off a terminal").contains("prospects").contains("[");
        assertThat(footprint(url)).isEqualTo(before);
        Run ahead = AuditCommandTests.charte("retention", "run", "--as-of", AS_OF, "--database-url", url, "--data-dir", dataDir.toString());
        assertThat(ahead.code()).as("a run that erases, as of a day after today, without --ahead").isEqualTo(2);
        assertThat(ahead.err()).contains("is after today").contains("Usage: charte retention run").doesNotContain("\tat ");
        assertThat(footprint(url)).isEqualTo(before);
        Run holds = AuditCommandTests.charte("retention", "holds", "--database-url", url, "--data-dir", dataDir.toString());
        assertThat(holds.code()).as(holds.err()).isZero();
        assertThat(holds.out()).contains("0 legal hold(s) in force");
        assertThat(new File(dataDir.toFile(), "master.key")).exists();
    }
}
