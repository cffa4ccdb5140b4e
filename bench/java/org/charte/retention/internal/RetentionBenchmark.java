package org.charte.retention.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.charte.bench.BenchDatabase;
import org.charte.commerce.SyntheticCommerce;
import org.charte.common.Zones;
import org.charte.retention.RetentionRuns;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.internal.ExpiredPeople;
import org.charte.support.SyntheticSupport;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench/run retention}: N people past their retention limit (1,000,000 by default;
 * prospects with a support ticket and its messages, inactive clients with their account,
 * subscriptions, orders, invoices and payments) written once into one database, copied with
 * {@code CREATE DATABASE ... TEMPLATE}; on the copy, the baseline deletes the same rows with plain
 * set-based SQL, batch by batch; on the original, a real {@link RetentionRuns#run} (not dry) erases
 * them. Rates, their ratio, and the heap during the run. See bench/README.md.
 *
 * <pre>RetentionBenchmark --pg-url=jdbc:postgresql://HOST:PORT/postgres?user=postgres [--subjects=1000000] [--batch=1000]
 *     [--prospects=70] [--deadline=3600] [--result=FILE.json]</pre>
 */
public class RetentionBenchmark {

    record Options(String adminUrl, int subjects, int batch, int prospectPercent, int deadlineSeconds, Path result) {}

    /** The tables that hold a person's data, children first: what the baseline deletes, and what both sides count. */
    static final List<String> TABLES = List.of("ticket_message", "ticket_authorisation", "ticket_monitoring_request", "support_ticket",
            "litigation_invoice", "litigation", "payment", "invoice", "delivery", "order_line", "customer_order", "subscription", "client_account",
            "subject_lookup", "data_subject", "subject_key");

    private static final String TICKETS = "SELECT id FROM support_ticket WHERE subject_id = ANY (?)";
    private static final String INVOICES = "SELECT id FROM invoice WHERE subject_id = ANY (?)";
    private static final String ORDERS = "SELECT id FROM customer_order WHERE subject_id = ANY (?)";
    /** The baseline: one statement per table, for a batch of people given as one array. */
    static final List<String> DELETES = List.of(
            "DELETE FROM ticket_message WHERE ticket_id IN (" + TICKETS + ")",
            "DELETE FROM ticket_authorisation WHERE ticket_id IN (" + TICKETS + ")",
            "DELETE FROM ticket_monitoring_request WHERE ticket_id IN (" + TICKETS + ")",
            "DELETE FROM support_ticket WHERE subject_id = ANY (?)",
            "DELETE FROM litigation_invoice WHERE litigation_id IN (SELECT id FROM litigation WHERE subject_id = ANY (?))",
            "DELETE FROM litigation WHERE subject_id = ANY (?)",
            "DELETE FROM payment WHERE invoice_id IN (" + INVOICES + ")",
            "DELETE FROM invoice WHERE subject_id = ANY (?)",
            "DELETE FROM delivery WHERE order_id IN (" + ORDERS + ")",
            "DELETE FROM order_line WHERE order_id IN (" + ORDERS + ")",
            "DELETE FROM customer_order WHERE subject_id = ANY (?)",
            "DELETE FROM subscription WHERE subject_id = ANY (?)",
            "DELETE FROM client_account WHERE subject_id = ANY (?)",
            "DELETE FROM subject_lookup WHERE subject_id = ANY (?)",
            "DELETE FROM data_subject WHERE id = ANY (?)",
            "DELETE FROM subject_key WHERE subject_id = ANY (?)");

    private final Options options;
    private final Map<String, Object> report = new LinkedHashMap<>();

    RetentionBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("RetentionBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchDatabase.runAndExit("RetentionBenchmark", options.deadlineSeconds(), new RetentionBenchmark(options)::run);
    }

    private int run() throws Exception {
        String admin = options.adminUrl();
        String user = BenchDatabase.user(admin);
        report.put("postgresql", BenchDatabase.settings(admin));
        report.put("maxHeapMiB", BenchDatabase.mib(Runtime.getRuntime().maxMemory()));
        String original = BenchDatabase.newName("charte_bench_retention_");
        String copy = original + "_copy";
        BenchDatabase.execute(admin, "CREATE DATABASE " + original);
        Path dataDir = Files.createTempDirectory("charte-bench-data");
        try {
            LocalDate today;
            try (ConfigurableApplicationContext context = BenchDatabase.start(BenchDatabase.url(admin, original), user, dataDir)) {
                today = LocalDate.now(context.getBean(Clock.class).withZone(Zones.PARIS));
                generate(context, today);
            }
            Map<String, Long> before = counts(BenchDatabase.url(admin, original));
            long rows = before.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf(Locale.ROOT, "Rows of those people: %,d in all %s%n", rows, before);
            long t0 = System.nanoTime();
            BenchDatabase.execute(admin, "CREATE DATABASE " + copy + " TEMPLATE " + original);
            System.out.printf(Locale.ROOT, "Copied the database (CREATE DATABASE ... TEMPLATE) in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            for (String db : List.of(original, copy)) {
                try (Connection c = DriverManager.getConnection(BenchDatabase.url(admin, db)); Statement s = c.createStatement()) {
                    s.execute("VACUUM ANALYZE");
                }
            }
            BenchDatabase.execute(admin, "CHECKPOINT");

            Measured charte;
            double baselineSeconds;
            try (ConfigurableApplicationContext context = BenchDatabase.start(BenchDatabase.url(admin, original), user, dataDir);
                    Baseline baseline = new Baseline(BenchDatabase.url(admin, copy), options.batch())) {
                charte = measure(context, today, baseline);
                baselineSeconds = baseline.nanos / 1e9;
                System.out.printf(Locale.ROOT, "  baseline: %,d people deleted in %,d batches, %.1f s%n", baseline.people, baseline.batches, baselineSeconds);
            }
            Map<String, Long> afterBaseline = counts(BenchDatabase.url(admin, copy));
            Map<String, Long> afterCharte = counts(BenchDatabase.url(admin, original));
            long left = afterCharte.values().stream().mapToLong(Long::longValue).sum();
            if (!afterCharte.equals(afterBaseline) || left != 0) {
                System.out.println("WARNING: the two sides did not leave the same rows: baseline " + afterBaseline + ", Charte " + afterCharte);
            }
            summary(rows, baselineSeconds, charte, left);
            return 0;
        } finally {
            BenchDatabase.deleteTree(dataDir);
            BenchDatabase.dropQuietly(admin, copy);
            BenchDatabase.dropQuietly(admin, original);
        }
    }

    /** The people, by chunks of 1,000 in one transaction each, as {@code charte generate} writes them. */
    private void generate(ConfigurableApplicationContext context, LocalDate today) {
        ExpiredPeople people = new ExpiredPeople(context);
        SyntheticCommerce commerce = context.getBean(SyntheticCommerce.class);
        SyntheticSupport support = context.getBean(SyntheticSupport.class);
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        Random random = new Random(42);
        int total = options.subjects();
        System.out.printf(Locale.ROOT, "Writing %,d people past their limit as of %s (%d %% prospects, each with a ticket; the others inactive "
                + "clients, 30 %% with a ticket), by chunks of 1,000%n", total, today, options.prospectPercent());
        long start = System.nanoTime();
        long lastPrint = start;
        for (int done = 0; done < total; ) {
            int n = Math.min(1000, total - done);
            transaction.executeWithoutResult(status -> {
                List<SyntheticCommerce.Client> clients = new ArrayList<>();
                List<SyntheticSupport.Requester> requesters = new ArrayList<>();
                for (ExpiredPeople.Expired p : people.write(random, n, today, options.prospectPercent())) {
                    if (p.status() == SubjectStatus.PROSPECT) {
                        requesters.add(new SyntheticSupport.Requester(p.id(), p.key(), p.lastContactOn().minusYears(1), p.lastContactOn()));
                    } else {
                        clients.add(new SyntheticCommerce.Client(p.id(), p.key(), p.clientSince(), p.contractEndedOn(), p.lastContactOn()));
                        if (random.nextInt(100) < 30) {
                            requesters.add(new SyntheticSupport.Requester(p.id(), p.key(), p.clientSince(), p.lastContactOn()));
                        }
                    }
                }
                commerce.generate(random, clients);
                support.generate(random, requesters);
            });
            done += n;
            long now = System.nanoTime();
            if (now - lastPrint > 15_000_000_000L || done == total) {
                lastPrint = now;
                double s = (now - start) / 1e9;
                System.out.printf(Locale.ROOT, "  %,d/%,d people written (%.0f s, %,.0f/s)%n", done, total, s, done / s);
            }
        }
        report.put("generationSeconds", (System.nanoTime() - start) / 1e9);
    }

    private static Map<String, Long> counts(String url) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                // An archive entry is sealed under a key of its own (its id as subject_id): not a person's row.
                String where = table.equals("subject_key") ? " WHERE subject_id NOT IN (SELECT id FROM archive_entry)" : "";
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table + where)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /**
     * The baseline, on the copy, over plain JDBC: the same people in the same order (prospects,
     * then inactive clients, by id), pages of the same size, each one transaction of one DELETE
     * per table. {@link #step} deletes the next page; the run calls it after each of Charte's
     * batches, so both sides see the same load.
     */
    static final class Baseline implements AutoCloseable {
        private final Connection c;
        private final int batch;
        private final List<PreparedStatement> deletes = new ArrayList<>();
        private final PreparedStatement page;
        private final List<SubjectStatus> statuses = new ArrayList<>(List.of(SubjectStatus.PROSPECT, SubjectStatus.CLIENT_INACTIVE));
        private UUID after = new UUID(0, 0); // below every UUIDv7
        long nanos;
        long people;
        long batches;

        Baseline(String url, int batch) throws Exception {
            this.c = DriverManager.getConnection(url);
            this.batch = batch;
            c.setAutoCommit(false);
            for (String sql : DELETES) {
                deletes.add(c.prepareStatement(sql));
            }
            page = c.prepareStatement("SELECT id FROM data_subject WHERE status = ? AND id > ? ORDER BY id LIMIT ?");
        }

        /** Deletes the next page of people; false once there is none left. */
        boolean step() throws Exception {
            while (!statuses.isEmpty()) {
                long t0 = System.nanoTime();
                page.setString(1, statuses.getFirst().name());
                page.setObject(2, after);
                page.setInt(3, batch);
                List<UUID> ids = new ArrayList<>(batch);
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
                if (ids.isEmpty()) {
                    c.commit();
                    nanos += System.nanoTime() - t0;
                    statuses.removeFirst();
                    after = new UUID(0, 0);
                    continue;
                }
                after = ids.getLast();
                Array array = c.createArrayOf("uuid", ids.toArray());
                for (PreparedStatement delete : deletes) {
                    delete.setArray(1, array);
                    delete.executeUpdate();
                }
                c.commit();
                nanos += System.nanoTime() - t0;
                people += ids.size();
                batches++;
                return true;
            }
            return false;
        }

        @Override
        public void close() throws Exception {
            for (PreparedStatement delete : deletes) {
                delete.close();
            }
            page.close();
            c.close();
        }
    }

    record Measured(double seconds, RetentionRuns.Report report, long maxUsed, long endUsed, List<Double> liveAtTenths, long samples) {}

    /**
     * Charte, on the original: one real run as of today (not dry). A sampler reads the heap used
     * every 100 ms; at each tenth of the people the listener records the live heap after a full
     * collection (its pause is taken off the measured time).
     */
    private Measured measure(ConfigurableApplicationContext context, LocalDate today, Baseline baseline) throws Exception {
        RetentionRuns runs = context.getBean(RetentionRuns.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        long due = jdbc.queryForObject("SELECT COUNT(*) FROM data_subject", Long.class);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong maxUsed = new AtomicLong();
        AtomicLong samples = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        System.gc();
        Thread sampler = Thread.ofPlatform().daemon(true).name("heap-sampler").start(() -> {
            while (running.get()) {
                maxUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                samples.incrementAndGet();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        List<Double> live = new ArrayList<>();
        long[] gcNanos = {0}; // the full collections and the baseline's batches, taken off Charte's time
        long[] nextTenth = {due / 10};
        long[] erasedBefore = {0};
        String[] currentRule = {""};
        long[] lastPrint = {System.nanoTime()};
        long start = System.nanoTime();
        RetentionRuns.ProgressListener listener = new RetentionRuns.ProgressListener() {
            @Override
            public void progressed(String ruleId, long done, long ruleDue) {
                if (!ruleId.equals(currentRule[0])) {
                    if (!currentRule[0].isEmpty()) {
                        erasedBefore[0] += lastDone;
                    }
                    currentRule[0] = ruleId;
                }
                lastDone = done;
                long people = erasedBefore[0] + done;
                long b0 = System.nanoTime();
                try {
                    baseline.step(); // the baseline's next batch, on the copy, between two of Charte's
                } catch (Exception e) {
                    throw new IllegalStateException("the baseline failed", e);
                }
                gcNanos[0] += System.nanoTime() - b0;
                if (people >= nextTenth[0] && live.size() < 10) {
                    long g0 = System.nanoTime();
                    System.gc();
                    live.add(BenchDatabase.mib(memory.getHeapMemoryUsage().getUsed()));
                    gcNanos[0] += System.nanoTime() - g0;
                    nextTenth[0] += due / 10;
                }
                if (System.nanoTime() - lastPrint[0] > 15_000_000_000L) {
                    lastPrint[0] = System.nanoTime();
                    double s = (lastPrint[0] - start - gcNanos[0]) / 1e9;
                    System.out.printf(Locale.ROOT, "  %,d people erased (%.0f s, %,.0f/s; heap used now %.0f MiB)%n", people, s, people / s,
                            BenchDatabase.mib(memory.getHeapMemoryUsage().getUsed()));
                }
            }

            long lastDone;
        };
        System.out.printf(Locale.ROOT, "Charte: RetentionRuns.run as of %s, not dry, batches of %,d (%,d people due); after each batch, the "
                + "baseline's next batch on the copy (plain set-based DELETEs, one transaction), its time kept apart%n", today, options.batch(), due);
        RetentionRuns.Report run = runs.run(new RetentionRuns.Request(today, false, RetentionRuns.Trigger.COMMAND, options.batch()), listener);
        double seconds = (System.nanoTime() - start - gcNanos[0]) / 1e9;
        while (baseline.step()) {
            // whatever the baseline has left (nothing when both sides page alike)
        }
        long endUsed = memory.getHeapMemoryUsage().getUsed();
        running.set(false);
        sampler.join();
        System.out.printf(Locale.ROOT, "  run %s: %s, %,d erased, %,d rows, %,d archived, %,d held, in %.1f s%n", run.id(), run.status(), run.erased(),
                run.rules().stream().mapToLong(RetentionRuns.RuleCounts::records).sum(), run.archived(), run.heldCount(), seconds);
        long proofs = jdbc.queryForObject("SELECT COUNT(*) FROM erasure_proof WHERE run_id = ?", Long.class, run.id());
        report.put("proofs", proofs);
        return new Measured(seconds, run, maxUsed.get(), endUsed, live, samples.get());
    }

    private void summary(long rows, double baselineSeconds, Measured charte, long left) throws Exception {
        int people = options.subjects();
        double baselinePeople = people / baselineSeconds;
        double charteRate = people / charte.seconds();
        double ratio = charteRate / baselinePeople;
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("maxUsedMiB", BenchDatabase.mib(charte.maxUsed()));
        memory.put("endUsedMiB", BenchDatabase.mib(charte.endUsed()));
        memory.put("liveAfterGcAtEachTenthMiB", charte.liveAtTenths());
        memory.put("samples", charte.samples());
        report.put("subjects", people);
        report.put("batch", options.batch());
        report.put("rows", rows);
        report.put("baselineSeconds", baselineSeconds);
        report.put("charteSeconds", charte.seconds());
        report.put("baselinePeoplePerSecond", baselinePeople);
        report.put("chartePeoplePerSecond", charteRate);
        report.put("baselineRowsPerSecond", rows / baselineSeconds);
        report.put("charteRowsPerSecond", rows / charte.seconds());
        report.put("ratio", ratio);
        report.put("heap", memory);
        report.put("run", Map.of("status", charte.report().status().name(), "erased", charte.report().erased(), "archived", charte.report().archived(),
                "held", charte.report().heldCount(), "rules", charte.report().rules()));
        report.put("rowsLeft", left);
        Map<?, ?> pg = (Map<?, ?>) report.get("postgresql");
        System.out.println();
        System.out.printf(Locale.ROOT, "Retention on PostgreSQL %s (fsync=%s, synchronous_commit=%s): %,d people past their limit, %,d rows, batches of %,d%n",
                pg.get("server_version"), pg.get("fsync"), pg.get("synchronous_commit"), people, rows, options.batch());
        System.out.printf(Locale.ROOT, "                               seconds   people/s     rows/s%n");
        System.out.printf(Locale.ROOT, "  plain SQL DELETEs (copy)    %8.1f  %9.0f  %9.0f%n", baselineSeconds, baselinePeople, rows / baselineSeconds);
        System.out.printf(Locale.ROOT, "  Charte RetentionRuns.run    %8.1f  %9.0f  %9.0f   (%,d proofs, status %s)%n", charte.seconds(), charteRate,
                rows / charte.seconds(), (Long) report.get("proofs"), charte.report().status());
        System.out.printf(Locale.ROOT, "  Charte / plain: %.3f: target >= 0.50 %s%n", ratio, ratio >= 0.5 ? "MET" : "NOT MET");
        System.out.printf(Locale.ROOT, "  heap (-Xmx %.0f MiB): max used %.0f MiB, at the end %.0f MiB; live after a full GC at each tenth: %s MiB%n",
                BenchDatabase.mib(Runtime.getRuntime().maxMemory()), BenchDatabase.mib(charte.maxUsed()), BenchDatabase.mib(charte.endUsed()),
                charte.liveAtTenths().stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
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
        Options o = new Options(url, BenchDatabase.integer(a.remove("subjects"), 1_000_000, 1000, 10_000_000),
                BenchDatabase.integer(a.remove("batch"), 1000, 1, 10_000), BenchDatabase.integer(a.remove("prospects"), 70, 0, 100),
                BenchDatabase.integer(a.remove("deadline"), 3600, 30, 14_400), a.containsKey("result") ? Path.of(a.remove("result")) : null);
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        return o;
    }
}
