package org.charte.vault.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.charte.bench.BenchDatabase;
import org.charte.common.Ids;
import org.charte.vault.Vault;
import org.charte.vault.VaultEpochs;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/run rewrap}: N persons' keys (1,000,000 by default) as an installation from before
 * key epochs has them (wrapped by the master key), in one PostgreSQL database. Then, in one run:
 * reading keys (p50/p99 of {@code Vault.key}, master-wrapped); the baseline, a plain UPDATE of the
 * same rows in the same batches over JDBC (each row rewritten with its own bytes: the same writes,
 * no cryptography); then Charte's rewrap ({@link VaultEpochs#rotateNow}: every key unwrapped and
 * wrapped again under the first epoch, in batches, under the cluster lock), with the heap sampled;
 * then reading keys again (epoch-wrapped). See bench/README.md.
 *
 * <pre>RewrapBenchmark --pg-url=jdbc:postgresql://HOST:PORT/postgres?user=postgres [--keys=1000000] [--batch=1000]
 *     [--reads=20000] [--deadline=3600] [--result=FILE.json]</pre>
 */
public class RewrapBenchmark {

    record Options(String adminUrl, int keys, int batch, int reads, int deadlineSeconds, Path result) {}

    private final Options options;
    private final Map<String, Object> report = new LinkedHashMap<>();

    RewrapBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("RewrapBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchDatabase.runAndExit("RewrapBenchmark", options.deadlineSeconds(), new RewrapBenchmark(options)::run);
    }

    private int run() throws Exception {
        String admin = options.adminUrl();
        String user = BenchDatabase.user(admin);
        report.put("postgresql", BenchDatabase.settings(admin));
        report.put("maxHeapMiB", BenchDatabase.mib(Runtime.getRuntime().maxMemory()));
        String database = BenchDatabase.newName("charte_bench_rewrap_");
        BenchDatabase.execute(admin, "CREATE DATABASE " + database);
        String url = BenchDatabase.url(admin, database);
        Path dataDir = Files.createTempDirectory("charte-bench-data");
        try (ConfigurableApplicationContext context = BenchDatabase.start(url, user, dataDir, "--charte.vault.epoch-cron=-")) {
            List<UUID> sample = generate(context);
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE subject_key");
            }
            BenchDatabase.execute(admin, "CHECKPOINT");
            long[] before = reads(context.getBean(Vault.class), sample);

            double baseline = baseline(url);
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE subject_key");
            }
            BenchDatabase.execute(admin, "CHECKPOINT");

            Measured charte = rewrap(context);
            long[] after = reads(context.getBean(Vault.class), sample);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            long underEpoch = jdbc.queryForObject("SELECT COUNT(*) FROM subject_key WHERE epoch = ?", Long.class, charte.result().currentEpoch());
            if (underEpoch != options.keys()) {
                System.out.println("WARNING: " + underEpoch + " keys under the epoch, not " + options.keys());
            }
            summary(baseline, charte, before, after, underEpoch);
            return underEpoch == options.keys() && charte.result().complete() ? 0 : 1;
        } finally {
            BenchDatabase.deleteTree(dataDir);
            BenchDatabase.dropQuietly(admin, database);
        }
    }

    /** The keys, as an installation from before epochs wrote them: wrapped by the master key; by chunks of 10,000 (one transaction each). */
    private List<UUID> generate(ConfigurableApplicationContext context) {
        MasterKey master = context.getBean(MasterKeys.class).current();
        Ids ids = context.getBean(Ids.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        SecureRandom random = new SecureRandom();
        Random pick = new Random(42);
        List<UUID> sample = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        System.out.printf(Locale.ROOT, "Writing %,d persons' keys wrapped by the master key (as before epochs), by chunks of 10,000%n", options.keys());
        long start = System.nanoTime();
        long lastPrint = start;
        byte[] raw = new byte[32];
        for (int done = 0; done < options.keys(); ) {
            int n = Math.min(10_000, options.keys() - done);
            List<Object[]> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                UUID id = ids.next();
                random.nextBytes(raw);
                rows.add(new Object[] {id, AesGcm.seal(master.key(), JdbcVault.dataKeyContext(id), raw), master.id(), now});
                if (sample.size() < options.reads() && pick.nextInt(Math.max(1, options.keys() / Math.max(1, options.reads()))) == 0) {
                    sample.add(id);
                }
            }
            jdbc.batchUpdate("INSERT INTO subject_key (subject_id, wrapped_key, master_key_id, created_at) VALUES (?, ?, ?, ?)", rows);
            done += n;
            long t = System.nanoTime();
            if (t - lastPrint > 15_000_000_000L || done == options.keys()) {
                lastPrint = t;
                System.out.printf(Locale.ROOT, "  %,d/%,d keys written (%.0f s)%n", done, options.keys(), (t - start) / 1e9);
            }
        }
        Arrays.fill(raw, (byte) 0);
        report.put("generationSeconds", (System.nanoTime() - start) / 1e9);
        return sample;
    }

    /** Opens each sampled person's key ({@code Vault.key}: one row read, one unwrap), timed one by one, after a warm-up pass. */
    private static long[] reads(Vault vault, List<UUID> sample) {
        for (UUID id : sample.subList(0, Math.min(2000, sample.size()))) {
            vault.key(id);
        }
        long[] nanos = new long[sample.size()];
        for (int i = 0; i < sample.size(); i++) {
            long t0 = System.nanoTime();
            vault.key(sample.get(i));
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /**
     * The baseline over plain JDBC: the same rows, by subject id, pages of the same size, each one
     * transaction: the page read, then one batched UPDATE rewriting each row's key with its own
     * bytes and the same columns Charte writes.
     */
    private double baseline(String url) throws Exception {
        System.out.printf(Locale.ROOT, "Baseline: plain UPDATE of every key row (its own bytes), batches of %,d, one transaction each%n", options.batch());
        long start = System.nanoTime();
        long rows = 0;
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (PreparedStatement first = c.prepareStatement(
                    "SELECT subject_id, wrapped_key, master_key_id, epoch FROM subject_key ORDER BY subject_id LIMIT ?");
                    PreparedStatement next = c.prepareStatement(
                            "SELECT subject_id, wrapped_key, master_key_id, epoch FROM subject_key WHERE subject_id > ? ORDER BY subject_id LIMIT ?");
                    PreparedStatement update = c.prepareStatement(
                            "UPDATE subject_key SET wrapped_key = ?, epoch = NULL, master_key_id = ? WHERE subject_id = ? AND COALESCE(epoch, -1) = -1")) {
                UUID after = null;
                while (true) {
                    PreparedStatement page = after == null ? first : next;
                    if (after == null) {
                        first.setInt(1, options.batch());
                    } else {
                        next.setObject(1, after);
                        next.setInt(2, options.batch());
                    }
                    int n = 0;
                    try (ResultSet rs = page.executeQuery()) {
                        while (rs.next()) {
                            after = rs.getObject(1, UUID.class);
                            update.setBytes(1, rs.getBytes(2));
                            update.setString(2, rs.getString(3));
                            update.setObject(3, after);
                            update.addBatch();
                            n++;
                        }
                    }
                    if (n == 0) {
                        break;
                    }
                    update.executeBatch();
                    c.commit();
                    rows += n;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "  baseline: %,d rows updated in %.1f s%n", rows, seconds);
        report.put("baselineRows", rows);
        return seconds;
    }

    record Measured(double seconds, VaultEpochs.Result result, long maxUsed, List<Double> liveEvery5s) {}

    /** Charte's rewrap: the real rotation (the first epoch; every key moves from the master key to it), the heap sampled. */
    private Measured rewrap(ConfigurableApplicationContext context) throws Exception {
        VaultEpochs epochs = context.getBean(VaultEpochs.class);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong maxUsed = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Double> live = new CopyOnWriteArrayList<>();
        AtomicLong gcNanos = new AtomicLong();
        System.gc();
        Thread sampler = Thread.ofPlatform().daemon(true).name("heap-sampler").start(() -> {
            long lastGc = System.nanoTime();
            while (running.get()) {
                maxUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                if (System.nanoTime() - lastGc > 5_000_000_000L) {
                    long g0 = System.nanoTime();
                    System.gc();
                    live.add(BenchDatabase.mib(memory.getHeapMemoryUsage().getUsed()));
                    lastGc = System.nanoTime();
                    gcNanos.addAndGet(lastGc - g0);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        System.out.printf(Locale.ROOT, "Charte: VaultEpochs.rotateNow(%,d): the first epoch, every key unwrapped (master key) and wrapped under it%n",
                options.batch());
        long start = System.nanoTime();
        VaultEpochs.Result result = epochs.rotateNow(options.batch());
        double seconds = (System.nanoTime() - start - gcNanos.get()) / 1e9;
        running.set(false);
        sampler.join();
        System.out.printf(Locale.ROOT, "  rewrap: %,d keys under epoch %d in %.1f s (complete: %s; full GCs taken off: %.1f s)%n", result.rewrapped(),
                result.currentEpoch(), seconds, result.complete(), gcNanos.get() / 1e9);
        return new Measured(seconds, result, maxUsed.get(), live);
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }

    private void summary(double baseline, Measured charte, long[] before, long[] after, long underEpoch) throws Exception {
        int keys = options.keys();
        double ratio = charte.seconds() / baseline;
        report.put("keys", keys);
        report.put("batch", options.batch());
        report.put("baselineSeconds", baseline);
        report.put("charteSeconds", charte.seconds());
        report.put("baselineRowsPerSecond", keys / baseline);
        report.put("charteKeysPerSecond", keys / charte.seconds());
        report.put("charteTimeOverBaseline", ratio);
        report.put("underEpoch", underEpoch);
        report.put("heap", Map.of("maxUsedMiB", BenchDatabase.mib(charte.maxUsed()), "liveAfterFullGcEvery5sMiB", charte.liveEvery5s()));
        report.put("readMicrosMasterWrapped", Map.of("p50", micros(BenchDatabase.percentile(before, 0.5)), "p99",
                micros(BenchDatabase.percentile(before, 0.99))));
        report.put("readMicrosEpochWrapped", Map.of("p50", micros(BenchDatabase.percentile(after, 0.5)), "p99",
                micros(BenchDatabase.percentile(after, 0.99))));
        Map<?, ?> pg = (Map<?, ?>) report.get("postgresql");
        System.out.println();
        System.out.printf(Locale.ROOT, "Rewrap on PostgreSQL %s (fsync=%s, synchronous_commit=%s): %,d persons' keys, batches of %,d%n",
                pg.get("server_version"), pg.get("fsync"), pg.get("synchronous_commit"), keys, options.batch());
        System.out.printf(Locale.ROOT, "                                     seconds     rows/s%n");
        System.out.printf(Locale.ROOT, "  plain UPDATE of the same rows     %8.1f  %9.0f%n", baseline, keys / baseline);
        System.out.printf(Locale.ROOT, "  Charte rewrap (rotateNow)         %8.1f  %9.0f%n", charte.seconds(), keys / charte.seconds());
        System.out.printf(Locale.ROOT, "  Charte / plain (time): %.2f%n", ratio);
        System.out.printf(Locale.ROOT, "  heap (-Xmx %.0f MiB): max used %.0f MiB; live after a full GC every 5 s: %s MiB%n",
                BenchDatabase.mib(Runtime.getRuntime().maxMemory()), BenchDatabase.mib(charte.maxUsed()),
                charte.liveEvery5s().stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
        System.out.printf(Locale.ROOT, "  opening a key (Vault.key), %,d people: master-wrapped p50 %.0f µs p99 %.0f µs; epoch-wrapped p50 %.0f µs p99 %.0f µs%n",
                before.length, micros(BenchDatabase.percentile(before, 0.5)), micros(BenchDatabase.percentile(before, 0.99)),
                micros(BenchDatabase.percentile(after, 0.5)), micros(BenchDatabase.percentile(after, 0.99)));
        if (options.result() != null) {
            JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(options.result().toFile(), report);
        }
    }

    private static Options parse(String[] args) {
        Map<String, String> a = BenchDatabase.options(args);
        String url = a.remove("pg-url");
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--pg-url=jdbc:postgresql://HOST:PORT/postgres?user=postgres is required");
        }
        Options o = new Options(url, BenchDatabase.integer(a.remove("keys"), 1_000_000, 1000, 20_000_000),
                BenchDatabase.integer(a.remove("batch"), 1000, 1, 100_000), BenchDatabase.integer(a.remove("reads"), 20_000, 100, 1_000_000),
                BenchDatabase.integer(a.remove("deadline"), 3600, 30, 14_400), a.containsKey("result") ? Path.of(a.remove("result")) : null);
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        return o;
    }
}
