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
import org.charte.audit.AuditLog;
import org.charte.audit.AuditVerification;
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
                    "Names the first entry altered, removed, inserted or reordered, or the last entries truncated."})
    static class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Database database;

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = open(spec, database)) {
                if (context == null) {
                    return 1;
                }
                AuditVerification result = context.getBean(AuditLog.class).verify();
                PrintWriter out = spec.commandLine().getOut();
                AuditVerification.Problem problem = result.firstProblem();
                if (problem == null) {
                    out.printf("Audit log intact: %d entries verified.%n", result.entriesChecked());
                    return 0;
                }
                out.printf("Audit log broken at entry #%d: %s — %s%n", problem.seq(), problem.kind(), problem.detail());
                out.printf("(%d entries before it verified.)%n", result.entriesChecked());
                return 1;
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
