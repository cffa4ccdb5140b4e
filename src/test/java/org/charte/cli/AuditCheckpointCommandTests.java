package org.charte.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.charte.cli.AuditCommandTests.charte;
import static org.charte.cli.AuditCommandTests.read;
import static org.charte.cli.AuditCommandTests.user;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.charte.CharteApplication;
import org.charte.audit.AuditCheckpoints;
import org.charte.audit.AuditLog;
import org.charte.cli.AuditCommandTests.Run;
import org.charte.testing.TestDatabase;
import org.charte.vault.SigningKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** {@code charte audit verify --checkpoints FILE} and {@code charte vault rotate-signing-key} against a database of their own (R6.5). */
@Tag("db")
class AuditCheckpointCommandTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static void withCharte(String url, Path dataDir, BiConsumer<ConfigurableApplicationContext, JdbcClient> work) {
        try (var context = new SpringApplicationBuilder(CharteApplication.class).web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=" + user(), "--spring.datasource.password=",
                        "--charte.data-dir=" + dataDir)) {
            work.accept(context, context.getBean(JdbcClient.class));
        }
    }

    static void keep(ConfigurableApplicationContext context, Path file) {
        try {
            Files.writeString(file, JSON.writeValueAsString(context.getBean(AuditCheckpoints.class).document(100)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("R6.5 checkpoints kept outside prove the chain still extends them, across a key rotation; a rewrite under one, or a forged one, fails")
    void checkpointsKeptOutside(@TempDir Path dataDir, @TempDir Path outside) throws IOException {
        String url = TestDatabase.newDatabaseUrl();
        String[] verify = {"audit", "verify", "--database-url", url, "--data-dir", dataDir.toString()};
        Path kept = outside.resolve("checkpoints.json");
        withCharte(url, dataDir, (context, jdbc) -> {
            AuditLog log = context.getBean(AuditLog.class);
            for (int i = 0; i < 5; i++) {
                log.append(read(UUID.randomUUID()));
            }
            context.getBean(AuditCheckpoints.class).sign();
        });
        Run rotated = charte("vault", "rotate-signing-key", "audit-checkpoints", "--database-url", url, "--data-dir", dataDir.toString());
        assertThat(rotated.code()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("Signing key audit-checkpoints: ", " retired, ", " current.");
        withCharte(url, dataDir, (context, jdbc) -> {
            context.getBean(AuditLog.class).appendAll(List.of(read(UUID.randomUUID()), read(UUID.randomUUID())));
            context.getBean(AuditCheckpoints.class).sign();
            keep(context, kept);
            assertThat(context.getBean(SigningKeys.class).all(AuditCheckpoints.KEY)).hasSize(2);
        });

        Run good = charte(AuditCommandTests.with(verify, "--checkpoints", kept.toString()));
        assertThat(good.code()).as(good.out() + good.err()).isZero();
        assertThat(good.out()).contains("Kept head confirmed: entry #5", "Kept head confirmed: entry #7", "2 checkpoint(s) checked.");

        // A checkpoint altered in the copy: its signature no longer holds.
        Path forged = outside.resolve("forged.json");
        Files.writeString(forged, Files.readString(kept).replaceFirst("\"entryCount\":7", "\"entryCount\":6"));
        Run bad = charte(AuditCommandTests.with(verify, "--checkpoints", forged.toString()));
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).contains("SIGNATURE INVALID");

        // The owner cuts the log back to entry #4 and writes new entries in its place: the chain alone says intact.
        withCharte(url, dataDir, (context, jdbc) -> {
            TestDatabase.dropAuditGuard(jdbc);
            String fourth = jdbc.sql("SELECT hash FROM audit_entry WHERE seq = 4").query(String.class).single();
            jdbc.sql("DELETE FROM audit_entry WHERE seq > 4").update();
            jdbc.sql("UPDATE audit_head SET last_seq = 4, last_hash = ?").param(fourth).update();
            context.getBean(AuditLog.class).appendAll(List.of(read(UUID.randomUUID()), read(UUID.randomUUID()), read(UUID.randomUUID())));
            try {
                context.getBean(AuditCheckpoints.class).sign();
                throw new AssertionError("a chain rewritten under its latest checkpoint was signed");
            } catch (IllegalStateException expected) {
                assertThat(expected.getMessage()).contains("no longer extends");
            }
        });
        Run rewritten = charte(AuditCommandTests.with(verify, "--checkpoints", kept.toString()));
        assertThat(rewritten.out()).contains("Audit log intact: 7 entries verified.", "is missing");
        assertThat(rewritten.code()).isEqualTo(1);

        Path garbage = outside.resolve("garbage.json");
        Files.writeString(garbage, "secret-looking text, not JSON");
        Run unreadable = charte(AuditCommandTests.with(verify, "--checkpoints", garbage.toString()));
        assertThat(unreadable.code()).isEqualTo(2);
        assertThat(unreadable.err()).contains("--checkpoints", "Usage:").doesNotContain("secret-looking");
        Run unknown = charte("vault", "rotate-signing-key", "everything", "--database-url", url, "--data-dir", dataDir.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("audit-checkpoints, destruction-certificates");
    }
}
