package org.charte.subjects.internal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.charte.CharteApplication;
import org.charte.common.SyntheticData;
import org.charte.subjects.Identity;
import org.charte.subjects.Subjects;
import org.charte.vault.Vault;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/run subjects}: with N people (1,000,000 by default) on PostgreSQL,
 * (b) the rate of bulk creation through the vault beside the same rows written unencrypted into
 * copy tables, chunk by chunk in the same run, then (a) the latency of finding a person by e-mail
 * through the blind index and opening their identity. See bench/README.md.
 *
 * <pre>SubjectsBenchmark --pg-url=jdbc:postgresql://HOST:PORT/postgres?user=postgres [--subjects=1000000] [--chunk=1000]
 *     [--lookups=10000] [--deadline=1800] [--result=FILE.json]</pre>
 *
 * Exit code 0 when the run completed (whether the targets were met or not: the summary says), 1
 * otherwise, 2 on bad arguments, 3 past the deadline.
 */
public class SubjectsBenchmark {

    record Options(String adminUrl, int subjects, int chunk, int lookups, int deadlineSeconds, Path result) {}

    private final Options options;
    private final Map<String, Object> report = new LinkedHashMap<>();

    SubjectsBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SubjectsBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        Thread watchdog = Thread.ofPlatform().daemon(true).name("bench-deadline").start(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(options.deadlineSeconds()));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("SubjectsBenchmark: the run passed its deadline of " + options.deadlineSeconds() + " s; halting");
            Runtime.getRuntime().halt(3);
        });
        int code;
        try {
            code = new SubjectsBenchmark(options).run();
        } catch (Exception | Error e) {
            System.err.println("SubjectsBenchmark: the run failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        watchdog.interrupt();
        System.exit(code);
    }

    private int run() throws Exception {
        String admin = options.adminUrl();
        URI uri = URI.create(admin.substring("jdbc:".length()));
        String user = "postgres";
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                if (pair.startsWith("user=")) {
                    user = pair.substring(5);
                }
            }
        }
        String name = "charte_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = "jdbc:" + uri.getScheme() + "://" + uri.getAuthority() + "/" + name + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            for (String setting : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method",
                    "shared_buffers", "max_wal_size", "work_mem")) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    settings.put(setting, rs.getString(1));
                }
            }
            s.execute("CREATE DATABASE " + name);
        }
        report.put("postgresql", settings);
        System.out.printf(Locale.ROOT, "PostgreSQL %s: fsync=%s synchronous_commit=%s full_page_writes=%s shared_buffers=%s max_wal_size=%s%n",
                settings.get("server_version"), settings.get("fsync"), settings.get("synchronous_commit"), settings.get("full_page_writes"),
                settings.get("shared_buffers"), settings.get("max_wal_size"));
        Path dataDir = Files.createTempDirectory("charte-bench-data");
        try {
            return withApplication(url, user, dataDir);
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException e) {
                System.err.println("SubjectsBenchmark: could not drop the database " + name + ": " + e.getMessage());
            }
        }
    }

    private int withApplication(String url, String user, Path dataDir) throws Exception {
        String[] args = {"--spring.datasource.url=" + url, "--spring.datasource.username=" + user, "--spring.datasource.password=",
                "--charte.data-dir=" + dataDir, "--" + SyntheticData.PROPERTY + "=true", "--spring.main.log-startup-info=false",
                "--logging.level.root=WARN", "--logging.level.org.charte=WARN"};
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CharteApplication.class).web(WebApplicationType.NONE).run(args)) {
            JdbcSyntheticSubjects synthetic = context.getBean(JdbcSyntheticSubjects.class);
            SubjectStore subjects = context.getBean(SubjectStore.class);
            Subjects api = context.getBean(Subjects.class);
            Vault vault = context.getBean(Vault.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            Clock clock = context.getBean(Clock.class);
            TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            // The baseline's copy tables: the same columns, keys, indexes and foreign keys.
            jdbc.execute("CREATE TABLE subject_key_plain (LIKE subject_key INCLUDING ALL)");
            jdbc.execute("CREATE TABLE data_subject_plain (LIKE data_subject INCLUDING ALL)");
            jdbc.execute("ALTER TABLE data_subject_plain ADD FOREIGN KEY (policy_version_id) REFERENCES policy_version (id)");
            jdbc.execute("CREATE TABLE subject_lookup_plain (LIKE subject_lookup INCLUDING ALL)");
            jdbc.execute("ALTER TABLE subject_lookup_plain ADD FOREIGN KEY (subject_id) REFERENCES data_subject_plain (id) ON DELETE CASCADE");

            int total = options.subjects();
            System.out.printf(Locale.ROOT, "Creating %,d people in chunks of %,d (one transaction each), each chunk twice: through the vault "
                    + "and unencrypted into copy tables, alternating which goes first%n", total, options.chunk());
            Random random = new Random(42);
            SecureRandom keys = new SecureRandom();
            List<String> emails = new ArrayList<>(options.lookups());
            List<UUID> ids = new ArrayList<>(options.lookups());
            long sealedNanos = 0;
            long plainNanos = 0;
            long start = System.nanoTime();
            long lastPrint = start;
            for (int done = 0, chunkNo = 0; done < total; chunkNo++) {
                int n = Math.min(options.chunk(), total - done);
                List<JdbcSyntheticSubjects.Person> people = synthetic.makeUp(random, n);
                for (int i = 0; i < 2; i++) {
                    boolean sealed = (i == 0) == (chunkNo % 2 == 0);
                    long t0 = System.nanoTime();
                    if (sealed) {
                        transaction.executeWithoutResult(tx -> {
                            List<Vault.SubjectKey> made = new ArrayList<>(people.size());
                            for (JdbcSyntheticSubjects.Person p : people) {
                                made.add(vault.newKey(p.id()));
                            }
                            vault.storeKeys(made);
                            synthetic.write(people, made, "");
                        });
                        sealedNanos += System.nanoTime() - t0;
                    } else {
                        transaction.executeWithoutResult(tx -> {
                            var now = clock.instant().atOffset(ZoneOffset.UTC);
                            List<Object[]> rows = new ArrayList<>(people.size());
                            for (JdbcSyntheticSubjects.Person p : people) {
                                byte[] raw = new byte[32];
                                keys.nextBytes(raw);
                                rows.add(new Object[] {p.id(), raw, "plain", now});
                            }
                            jdbc.batchUpdate("INSERT INTO subject_key_plain (subject_id, wrapped_key, master_key_id, created_at) VALUES (?, ?, ?, ?)", rows);
                            synthetic.write(people, null, "_plain");
                        });
                        plainNanos += System.nanoTime() - t0;
                    }
                }
                for (JdbcSyntheticSubjects.Person p : people) { // a uniform sample of the people, for the lookups
                    int seen = done + 1;
                    if (emails.size() < options.lookups()) {
                        emails.add(p.contacts().emails().getFirst());
                        ids.add(p.id());
                    } else {
                        int slot = random.nextInt(seen);
                        if (slot < options.lookups()) {
                            emails.set(slot, p.contacts().emails().getFirst());
                            ids.set(slot, p.id());
                        }
                    }
                    done++;
                }
                long now = System.nanoTime();
                if (now - lastPrint > 10_000_000_000L || done == total) {
                    lastPrint = now;
                    double elapsed = (now - start) / 1e9;
                    System.out.printf(Locale.ROOT, "  %,d/%,d people (%.0f s; vault %,.0f/s, plain %,.0f/s; ETA %.0f s)%n", done, total, elapsed,
                            done / (sealedNanos / 1e9), done / (plainNanos / 1e9), elapsed / done * (total - done));
                }
            }
            double sealedRate = total / (sealedNanos / 1e9);
            double plainRate = total / (plainNanos / 1e9);
            double ratio = sealedRate / plainRate;
            long rows = jdbc.queryForObject("SELECT COUNT(*) FROM data_subject", Long.class);
            long lookupsRows = jdbc.queryForObject("SELECT COUNT(*) FROM subject_lookup", Long.class);
            System.out.printf(Locale.ROOT, "In the database: %,d people, %,d blind indexes, %,d keys%n", rows, lookupsRows,
                    jdbc.queryForObject("SELECT COUNT(*) FROM subject_key", Long.class));
            jdbc.execute("CHECKPOINT");
            jdbc.execute("ANALYZE");

            // (a) find by e-mail through the blind index, then open the identity.
            int warm = Math.min(2000, emails.size());
            for (int i = 0; i < warm; i++) {
                lookup(api, subjects, emails.get(i), ids.get(i));
            }
            long[] samples = new long[emails.size()];
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < emails.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            long lookupStart = System.nanoTime();
            for (int k = 0; k < order.size(); k++) {
                int i = order.get(k);
                long t0 = System.nanoTime();
                lookup(api, subjects, emails.get(i), ids.get(i));
                samples[k] = System.nanoTime() - t0;
            }
            double lookupSeconds = (System.nanoTime() - lookupStart) / 1e9;
            Arrays.sort(samples);
            double p50 = ms(percentile(samples, 0.50));
            double p90 = ms(percentile(samples, 0.90));
            double p99 = ms(percentile(samples, 0.99));
            double max = ms(samples[samples.length - 1]);

            report.put("subjects", total);
            report.put("chunk", options.chunk());
            report.put("vaultPeoplePerSecond", sealedRate);
            report.put("plainPeoplePerSecond", plainRate);
            report.put("ratio", ratio);
            report.put("lookups", samples.length);
            report.put("lookupMs", Map.of("p50", p50, "p90", p90, "p99", p99, "max", max));
            System.out.println();
            System.out.printf(Locale.ROOT, "People on PostgreSQL %s (fsync=%s, synchronous_commit=%s), %,d people, chunks of %,d%n",
                    ((Map<?, ?>) report.get("postgresql")).get("server_version"), ((Map<?, ?>) report.get("postgresql")).get("fsync"),
                    ((Map<?, ?>) report.get("postgresql")).get("synchronous_commit"), total, options.chunk());
            System.out.printf(Locale.ROOT, "  (b) bulk creation        people/s%n");
            System.out.printf(Locale.ROOT, "      through the vault    %,9.0f%n", sealedRate);
            System.out.printf(Locale.ROOT, "      unencrypted          %,9.0f%n", plainRate);
            System.out.printf(Locale.ROOT, "      vault / unencrypted: %.3f: target >= 0.80 %s%n", ratio, ratio >= 0.80 ? "MET" : "NOT MET");
            System.out.printf(Locale.ROOT, "  (a) find by e-mail and open the identity, %,d lookups in %.1f s: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                    samples.length, lookupSeconds, p50, p90, p99, max);
            System.out.printf(Locale.ROOT, "      p99 %.3f ms: target < 5 ms %s%n", p99, p99 < 5 ? "MET" : "NOT MET");
            if (options.result() != null) {
                JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(options.result().toFile(), report);
            }
            return 0;
        }
    }

    /** The lookup measured: the blind index finds the id, then the identity is read and opened; checked, so nothing is skipped. */
    private static void lookup(Subjects api, SubjectStore subjects, String email, UUID expected) {
        UUID id = api.findByEmail(email).orElseThrow(() -> new IllegalStateException("not found by e-mail"));
        Identity identity = subjects.openIdentity(id).orElseThrow();
        if (identity.lastName().isEmpty()) {
            throw new IllegalStateException("wrong person");
        }
    }

    private static long percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static Options parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("unexpected argument " + arg + " (options are --name=value)");
            }
            a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String url = a.remove("pg-url");
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--pg-url=jdbc:postgresql://HOST:PORT/postgres?user=postgres is required");
        }
        Options o = new Options(url, integer(a.remove("subjects"), 1_000_000, 1000, 10_000_000), integer(a.remove("chunk"), 1000, 1, 100_000),
                integer(a.remove("lookups"), 10_000, 100, 1_000_000), integer(a.remove("deadline"), 1800, 30, 7200),
                a.containsKey("result") ? Path.of(a.remove("result")) : null);
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        return o;
    }

    private static int integer(String value, int otherwise, int min, int max) {
        int v = value == null ? otherwise : Integer.parseInt(value);
        if (v < min || v > max) {
            throw new IllegalArgumentException("a value must lie between " + min + " and " + max + ", not " + v);
        }
        return v;
    }
}
