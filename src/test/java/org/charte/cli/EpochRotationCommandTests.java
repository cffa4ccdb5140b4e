package org.charte.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.charte.CharteApplication;
import org.charte.cli.AuditCommandTests.Run;
import org.charte.subjects.Subjects;
import org.charte.vault.Vault;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * {@code charte vault rotate-epoch} in a JVM of its own, killed during the rewrap ({@code kill -9})
 * and run again: no key lost, nobody unreadable, every key under the new epoch (R8.4). On a file H2
 * database, or a new PostgreSQL database in the PostgreSQL suite.
 */
@Tag("db")
class EpochRotationCommandTests {

    static Process charteJvm(Path dataDir, String url, Path log, String... args) throws IOException {
        List<String> command = RetentionCommandTests.charteCommand("-Dcharte.vault.lock-at-most-for=PT5S");
        command.addAll(List.of(args));
        command.addAll(List.of("--database-url", url, "--data-dir", dataDir.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    @DisplayName("R8.4 a rotation of key epochs killed during the rewrap (kill -9) and run again loses no key and leaves nobody unreadable")
    void killedAndRunAgain(@TempDir Path dataDir) throws Exception {
        String url = RetentionCommandTests.url(dataDir);
        Run generated = AuditCommandTests.charte("generate", "--subjects", "1500", "--seed", "7", "--database-url", url, "--data-dir",
                dataDir.toString());
        assertThat(generated.code()).as(generated.err()).isZero();
        Set<UUID> people = RetentionCommandTests.ids(url, "SELECT id FROM data_subject");
        long keys = RetentionCommandTests.count(url, "SELECT COUNT(*) FROM subject_key");
        long first = RetentionCommandTests.count(url, "SELECT MAX(epoch) FROM subject_key");
        assertThat(RetentionCommandTests.count(url, "SELECT COUNT(*) FROM subject_key WHERE epoch = " + first)).isEqualTo(keys);
        assertThat(dataDir.resolve("keystore").resolve("epoch-" + first + ".kek")).exists();

        // One connection held open from here on (H2's auto-server: this JVM serves the file), as RetentionCommandTests does.
        try (Connection held = RetentionCommandTests.connect(url)) {
            Path firstLog = dataDir.resolve("first.log");
            Process rotation = charteJvm(dataDir, url, firstLog, "vault", "rotate-epoch", "--batch-size", "2");
            long moved = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (rotation.isAlive() && System.nanoTime() < deadline) {
                moved = RetentionCommandTests.count(held, "SELECT COUNT(*) FROM subject_key WHERE epoch = " + (first + 1));
                if (moved > 40) {
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(rotation.isAlive()).as("killed during the rewrap: " + Files.readString(firstLog, StandardCharsets.UTF_8)).isTrue();
            rotation.destroyForcibly();
            assertThat(rotation.waitFor(30, TimeUnit.SECONDS)).isTrue();

            long underNew = RetentionCommandTests.count(held, "SELECT COUNT(*) FROM subject_key WHERE epoch = " + (first + 1));
            long underOld = RetentionCommandTests.count(held, "SELECT COUNT(*) FROM subject_key WHERE epoch = " + first);
            assertThat(underNew).as("killed midway").isBetween(1L, keys - 1);
            assertThat(underNew + underOld).as("no key lost").isEqualTo(keys);

            // Right after the kill, everyone opens (old epoch or new).
            everyoneOpens(dataDir, url, people);

            // Run again (once the dead process's lock has lapsed): it finishes the rewrap, starting no other epoch.
            Path secondLog = dataDir.resolve("second.log");
            int code = -1;
            for (long until = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() < until; ) {
                Process again = charteJvm(dataDir, url, secondLog, "vault", "rotate-epoch", "--batch-size", "100");
                assertThat(again.waitFor(180, TimeUnit.SECONDS)).isTrue();
                code = again.exitValue();
                if (code == 0 || !Files.readString(secondLog, StandardCharsets.UTF_8).contains("in progress")) {
                    break;
                }
                Thread.sleep(1000);
            }
            String output = Files.readString(secondLog, StandardCharsets.UTF_8);
            assertThat(code).as(output).isZero();
            assertThat(output).contains("no new epoch started").contains(underOld + " person key(s) rewrapped under epoch " + (first + 1))
                    .doesNotContain("Exception");
            assertThat(RetentionCommandTests.count(held, "SELECT COUNT(*) FROM subject_key WHERE epoch = " + (first + 1))).isEqualTo(keys);
            assertThat(RetentionCommandTests.count(held, "SELECT COUNT(*) FROM subject_key")).isEqualTo(keys);
            everyoneOpens(dataDir, url, people);

            Run status = AuditCommandTests.charte("vault", "status", "--database-url", url, "--data-dir", dataDir.toString());
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(status.out()).contains("Keystore " + dataDir.resolve("keystore").toAbsolutePath().normalize())
                    .contains("epochs of 30 days").contains("current").contains("destruction due")
                    .contains("Keys to rewrap under the current epoch: 0").contains("Next rotation:").contains("Next destruction:")
                    .containsPattern("\\b" + (first + 1) + "\\s+[0-9a-f]{16}.*current\\s+" + keys);
        }
    }

    private static void everyoneOpens(Path dataDir, String url, Set<UUID> people) {
        try (var context = new SpringApplicationBuilder(CharteApplication.class).web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=" + AuditCommandTests.user(), "--spring.datasource.password=",
                        "--charte.data-dir=" + dataDir, "--charte.retention.cron=-", "--charte.vault.epoch-cron=-")) {
            Vault vault = context.getBean(Vault.class);
            Subjects subjects = context.getBean(Subjects.class);
            int opened = 0;
            for (UUID id : people) {
                vault.key(id); // throws if the key is lost or cannot be unwrapped
                opened++;
            }
            assertThat(opened).isEqualTo(people.size());
            assertThat(subjects.isAdultOn(people.iterator().next(), LocalDate.of(2026, 1, 1))).isNotNull();
        }
    }

    @Test
    @DisplayName("R8.4 vault rotate-epoch with a bad --batch-size prints a usage line and exits 2; vault status on a database without a master key says so")
    void badArguments(@TempDir Path dataDir) {
        Run bad = AuditCommandTests.charte("vault", "rotate-epoch", "--batch-size", "0", "--data-dir", dataDir.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--batch-size must be at least 1").contains("Usage: charte vault rotate-epoch").doesNotContain("\tat ");
        Run none = AuditCommandTests.charte("vault", "status", "--data-dir", dataDir.toString(), "--database-url",
                RetentionCommandTests.url(dataDir));
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no master key").doesNotContain("\tat ");
    }
}
