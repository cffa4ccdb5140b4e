package org.charte.cli.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.List;
import org.charte.audit.AuditCheckpoint;
import org.charte.audit.AuditCheckpoints;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditVerification;
import org.charte.audit.KeptHead;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Verifies and exports the audit log of accesses to personal data.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
public class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** {@code charte audit} alone is a usage error: it needs a sub-command. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("charte audit: missing sub-command (verify or export)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Where the log is: the same options as {@code serve}. */
    static class Database {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory of the embedded database (default: ${DEFAULT-VALUE}).", defaultValue = "./data")
        Path dataDir;

        @Option(names = "--database-url", paramLabel = "JDBC_URL", description = "A PostgreSQL database, e.g. jdbc:postgresql://localhost/charte; user and password from CHARTE_DB_USER and CHARTE_DB_PASSWORD.")
        @Nullable String databaseUrl;

        Map<String, Object> properties() {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("charte.data-dir", dataDir.toString());
            if (databaseUrl != null) {
                properties.put("spring.datasource.url", databaseUrl);
                properties.put("spring.datasource.username", env("CHARTE_DB_USER", "charte"));
                properties.put("spring.datasource.password", env("CHARTE_DB_PASSWORD", ""));
            }
            return properties;
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null ? fallback : value;
        }
    }

    /** Starts Charte without its web server, or says plainly why it cannot. */
    static @Nullable ConfigurableApplicationContext open(CommandSpec spec, Database database) {
        try {
            return Application.startWithoutWeb(database.properties());
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            spec.commandLine().getErr().println("charte: cannot open the audit log: " + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()));
            return null;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verifies the audit log's hash chain: exit code 0 when intact, 1 otherwise.",
                    "Names the first entry altered, removed, inserted or reordered, or the last entries truncated.",
                    "When intact, prints the head to keep elsewhere (entry count and hash, SEQ:HASH); --expect-head checks one kept earlier."})
    static class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Database database;

        @Option(names = "--expect-head", paramLabel = "SEQ:HASH",
                description = {"A head kept earlier (SEQ:HASH as verify printed it, or the HASH alone): exit code 1 unless the chain",
                        "still holds that entry, at that position, unchanged (entries appended since are expected)."})
        @Nullable String expectHead;

        @Option(names = "--checkpoints", paramLabel = "FILE",
                description = {"Signed checkpoints kept outside Charte (the JSON of GET /api/v1/audit/checkpoints, or the daily mail's):",
                        "exit code 1 unless each one's signature is valid and the chain still holds its head."})
        @Nullable Path checkpointsFile;

        @Override
        public Integer call() {
            KeptCheckpoints keptCheckpoints = null;
            if (checkpointsFile != null) {
                try {
                    keptCheckpoints = KeptCheckpoints.read(checkpointsFile);
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("charte audit verify: --checkpoints: " + e.getMessage());
                    spec.commandLine().getErr().println("Usage: charte audit verify [--checkpoints FILE] [--expect-head SEQ:HASH] [--data-dir DIR] [--database-url JDBC_URL]");
                    return 2;
                }
            }
            KeptHead kept = null;
            if (expectHead != null) {
                try {
                    kept = KeptHead.parse(expectHead);
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("charte audit verify: --expect-head: " + e.getMessage());
                    return 2;
                }
            }
            try (ConfigurableApplicationContext context = open(spec, database)) {
                if (context == null) {
                    return 1;
                }
                AuditLog log = context.getBean(AuditLog.class);
                AuditVerification result = log.verify();
                PrintWriter out = spec.commandLine().getOut();
                AuditVerification.Problem problem = result.firstProblem();
                if (problem == null) {
                    out.printf("Audit log intact: %d entries verified.%n", result.entriesChecked());
                    // Entries are never rewritten in an intact chain: the one at the verified count is the head verified.
                    log.hashAt(result.entriesChecked()).ifPresent(hash -> out.printf(
                            "Head to keep elsewhere (entry count:hash, for --expect-head): %s%n", KeptHead.of(result.entriesChecked(), hash)));
                } else {
                    out.printf("Audit log broken at entry #%d: %s — %s%n", problem.seq(), problem.kind(), problem.detail());
                    out.printf("(%d entries before it verified; no head to keep from a broken chain.)%n", result.entriesChecked());
                }
                boolean keptConfirmed = true;
                if (kept != null) {
                    KeptHead.Check check = kept.check(result, log.positionOf(kept.hash()),
                            kept.seq() == null ? null : log.hashAt(kept.seq()).orElse(null));
                    out.println(check.message());
                    keptConfirmed = check.confirmed();
                }
                if (keptCheckpoints != null) {
                    List<AuditCheckpoints.Check> checks = context.getBean(AuditCheckpoints.class).check(keptCheckpoints.checkpoints(), keptCheckpoints.keys());
                    for (AuditCheckpoints.Check check : checks) {
                        AuditCheckpoint c = check.checkpoint();
                        out.printf("Checkpoint of %s (%d entries, key %s): %s%n", c.signedAt(), c.entryCount(), c.keyId(),
                                !check.signatureValid() ? "SIGNATURE INVALID: not signed by Charte's checkpoint key, or altered."
                                        : check.head().message());
                        keptConfirmed &= check.confirmed();
                    }
                    out.printf("%d checkpoint(s) checked.%n", checks.size());
                }
                return problem == null && keptConfirmed ? 0 : 1;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes the audit log, or one person's entries, as JSON.",
                    "In chain order, with the chain's head: keep a copy of the head elsewhere, it proves later that the log was not rewritten."})
    static class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Database database;

        @Option(names = "--subject", paramLabel = "UUID", description = "Only the entries about this person.")
        @Nullable UUID subject;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to this file (default: standard output).")
        @Nullable Path file;

        @Override
        public Integer call() throws IOException {
            try (ConfigurableApplicationContext context = open(spec, database)) {
                if (context == null) {
                    return 1;
                }
                AuditLog log = context.getBean(AuditLog.class);
                if (file == null) {
                    // The JSON goes to the process's standard output, as bytes (UTF-8).
                    OutputStream out = System.out;
                    log.exportJson(out, subject);
                    out.write('\n');
                    out.flush();
                } else {
                    Path parent = file.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    try (OutputStream out = Files.newOutputStream(file)) {
                        log.exportJson(out, subject);
                    }
                    spec.commandLine().getOut().println("wrote " + file);
                }
                return 0;
            }
        }
    }
}
