package org.charte.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.charte.CharteApplication;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditVerification;
import org.charte.common.Ids;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sustained audit appends on PostgreSQL beside plain batched inserts of the same rows, in one run
 * on one fresh database (run by {@code bench/run audit}, not a test; see bench/README.md).
 *
 * <ol>
 * <li>Creates a database on the cluster named by {@code --pg-url} and starts the real application
 * on it, without web ({@link CharteApplication}, Flyway, the real {@link AuditLog} bean).</li>
 * <li><b>append</b>: {@code --threads} caller threads call {@link AuditLog#append} one event at a
 * time, as the requests of a busy server would, for {@code --warmup} then {@code --measure}
 * seconds; an append counts in the window it returns in.</li>
 * <li><b>plain</b>: the baseline. A copy table {@code audit_entry_plain} (LIKE audit_entry
 * INCLUDING ALL: the same columns, primary key and index); the same number of threads, each on a
 * connection of its own, insert rows built from the same events with one JDBC batch and one
 * commit per {@code charte.audit.batch-size} rows: no hashing (the two hash columns hold a
 * constant), no head lock, no writer thread. After a warm-up of the same length, they insert
 * exactly as many rows as the append window recorded; the rate is those rows over the time they
 * took.</li>
 * <li><b>appendAll</b> (unless {@code --append-all=0}): the same callers, {@link AuditLog#appendAll}
 * of {@code --append-all} events per call.</li>
 * <li><b>nodes</b> (unless {@code --nodes=1}): {@code --nodes} (2) writers on the one database, as
 * many nodes would have: the application's and others, each with a DataSource and connection of
 * its own; the same number of callers split between them, one event per call.</li>
 * <li>{@link AuditLog#verify()} over the whole chain, timed; the run fails unless it is intact and
 * covers every row.</li>
 * </ol>
 * A {@code CHECKPOINT} precedes each phase, so that none starts with another's dirty pages to
 * write. Everything is bounded: each phase by its time (the plain one by a cap of
 * {@code max(60 s, 3 × --measure)}), each phase's entries by {@code --max-entries}, and the whole
 * run by {@code --deadline} (the JVM halts past it).
 *
 * <pre>AuditAppendBenchmark --pg-url=jdbc:postgresql://127.0.0.1:PORT/postgres?user=postgres
 *     [--threads=64] [--warmup=5] [--measure=20] [--append-all=10] [--nodes=2] [--target=20000]
 *     [--batch-size=N] [--jdbc-options=k=v&amp;...] [--virtual] [--max-entries=5000000]
 *     [--deadline=900] [--result=FILE.json]</pre>
 *
 * Exit code 0 when the run completed and the chain verified intact (whether or not the target is
 * met: the summary says), 1 otherwise, 2 on bad arguments, 3 past the deadline.
 */
public final class AuditAppendBenchmark {

    private static final String PLAIN_TABLE = "audit_entry_plain";
    private static final String PLAIN_INSERT = "INSERT INTO " + PLAIN_TABLE + " (" + AuditEntries.COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** What the plain rows hold in place of the two hashes: they are not computed. */
    private static final String NO_HASH = "0".repeat(64);
    private static final int EVENT_POOL = 1024;
    /** Samples of latency kept per caller thread, at most. */
    private static final int MAX_SAMPLES = 1 << 20;

    private record Options(String adminUrl, int threads, int warmupSeconds, int measureSeconds, int appendAll, int nodes,
            double target, Integer batchSize, String jdbcOptions, boolean virtual, long maxEntries, int deadlineSeconds, Path result) {}

    /** Counts of one measured window, and the caller latencies in it. */
    private record Window(long entries, long calls, double seconds, long[] latencyNanos, boolean capped, long[] perGroup) {
        double rate() {
            return entries / seconds;
        }
    }

    private interface Caller {
        /** Does one call; returns the entries it recorded. */
        int call(int thread, long n) throws Exception;
    }

    private final Options options;
    private final Map<String, Object> report = new LinkedHashMap<>();

    private AuditAppendBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("AuditAppendBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        Thread watchdog = Thread.ofPlatform().daemon(true).name("bench-deadline").start(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(options.deadlineSeconds()));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("AuditAppendBenchmark: the run passed its deadline of " + options.deadlineSeconds() + " s; halting");
            Runtime.getRuntime().halt(3);
        });
        int code;
        try {
            code = new AuditAppendBenchmark(options).run();
        } catch (Exception | Error e) {
            System.err.println("AuditAppendBenchmark: the run failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        watchdog.interrupt();
        System.exit(code);
    }

    private int run() throws Exception {
        String admin = options.adminUrl();
        URI uri = URI.create(admin.substring("jdbc:".length()));
        String user = queryParameter(uri.getQuery(), "user", "postgres");
        String name = "charte_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        if (!options.jdbcOptions().isEmpty()) {
            query = query.isEmpty() ? options.jdbcOptions() : query + "&" + options.jdbcOptions();
        }
        String url = "jdbc:" + uri.getScheme() + "://" + uri.getAuthority() + "/" + name + (query.isEmpty() ? "" : "?" + query);

        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            for (String setting : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method",
                    "wal_level", "shared_buffers", "max_wal_size", "checkpoint_timeout", "max_connections")) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    settings.put(setting, rs.getString(1));
                }
            }
            // The plain baseline holds a connection per thread, beside the application's pool (10) and our own.
            int needed = options.threads() + 20;
            if (Integer.parseInt(settings.get("max_connections")) < needed) {
                throw new IllegalArgumentException("--threads=" + options.threads() + " needs about " + needed
                        + " connections but the cluster's max_connections is " + settings.get("max_connections"));
            }
            s.execute("CREATE DATABASE " + name);
        }
        // Every value of synchronous_commit but off waits for the local WAL flush (there is no standby here).
        boolean durable = "on".equals(settings.get("fsync")) && !"off".equals(settings.get("synchronous_commit"));
        report.put("postgresql", settings);
        report.put("durable", durable);
        report.put("database", url.replaceAll("password=[^&]*", "password=***"));
        System.out.printf(Locale.ROOT, "PostgreSQL %s: fsync=%s synchronous_commit=%s full_page_writes=%s wal_sync_method=%s "
                + "shared_buffers=%s max_wal_size=%s%n", settings.get("server_version"), settings.get("fsync"),
                settings.get("synchronous_commit"), settings.get("full_page_writes"), settings.get("wal_sync_method"),
                settings.get("shared_buffers"), settings.get("max_wal_size"));
        if (!durable) {
            System.out.println("WARNING: this cluster does not make commits durable (fsync or synchronous_commit off): "
                    + "the numbers are not those of a real deployment");
        }

        Path dataDir = Files.createTempDirectory("charte-bench-data");
        int code;
        try {
            code = withApplication(url, user, dataDir);
        } finally {
            deleteTree(dataDir);
            try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException e) {
                System.err.println("AuditAppendBenchmark: could not drop the database " + name + ": " + e.getMessage());
            }
        }
        return code;
    }

    private int withApplication(String url, String user, Path dataDir) throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", "");
        properties.put("charte.data-dir", dataDir.toString());
        properties.put("spring.main.log-startup-info", "false");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.org.charte", "WARN");
        if (options.batchSize() != null) {
            properties.put("charte.audit.batch-size", options.batchSize());
        }
        long started = System.nanoTime();
        // As command-line arguments, so that they win over application.properties (as the commands' options do).
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CharteApplication.class)
                .web(WebApplicationType.NONE).run(args)) {
            if (!url.equals(context.getEnvironment().getProperty("spring.datasource.url"))) {
                throw new IllegalStateException("the application did not take the benchmark's database URL");
            }
            System.out.printf(Locale.ROOT, "Application started on a fresh database in %.1f s (Flyway migrated it)%n",
                    seconds(System.nanoTime() - started));
            AuditLog log = context.getBean(AuditLog.class);
            Ids ids = context.getBean(Ids.class);
            Clock clock = context.getBean(Clock.class);
            int batchSize = Integer.parseInt(context.getEnvironment().getProperty("charte.audit.batch-size", "1000"));
            Duration gather = context.getEnvironment().getProperty("charte.audit.gather", Duration.class, Duration.ofMillis(1));
            report.put("batchSize", batchSize);
            report.put("threads", options.threads());
            report.put("threadKind", options.virtual() ? "virtual" : "platform");
            report.put("warmupSeconds", options.warmupSeconds());
            report.put("measureSeconds", options.measureSeconds());
            AuditEvent[] events = events();
            System.out.printf(Locale.ROOT, "%d %s caller threads; batch size %d; warm-up %d s, measured %d s%n", options.threads(),
                    options.virtual() ? "virtual" : "platform", batchSize, options.warmupSeconds(), options.measureSeconds());

            try (Connection db = DriverManager.getConnection(url); Statement s = db.createStatement()) {
                s.execute("CREATE TABLE " + PLAIN_TABLE + " (LIKE audit_entry INCLUDING ALL)");

                // 1. Charte: append, one event per call.
                checkpoint(s);
                AtomicLong[] seqBounds = {new AtomicLong(), new AtomicLong()};
                Window append = callers("append", (t, n) -> {
                    log.append(events[(int) ((n * 31 + t) % EVENT_POOL)]);
                    return 1;
                }, () -> seqBounds[0].set(head(db)), () -> seqBounds[1].set(head(db)));
                Map<String, Object> appendReport = windowReport(append);
                appendReport.putAll(commits(s, "audit_entry", seqBounds[0].get(), seqBounds[1].get()));
                report.put("append", appendReport);

                // 2. Plain batched inserts of the same rows, the same number of them.
                checkpoint(s);
                Window plain = plain(url, events, ids, clock, batchSize, append.entries());
                Map<String, Object> plainReport = windowReport(plain);
                plainReport.putAll(commits(s, PLAIN_TABLE, Long.MIN_VALUE, Long.MAX_VALUE));
                report.put("plain", plainReport);

                // 3. Charte: appendAll, several events per call.
                Window appendAll = null;
                if (options.appendAll() > 0) {
                    int k = options.appendAll();
                    List<List<AuditEvent>> lists = new ArrayList<>();
                    for (int i = 0; i < EVENT_POOL; i++) {
                        List<AuditEvent> list = new ArrayList<>(k);
                        for (int j = 0; j < k; j++) {
                            list.add(events[(i * k + j) % EVENT_POOL]);
                        }
                        lists.add(List.copyOf(list));
                    }
                    checkpoint(s);
                    Window w = callers("appendAll(" + k + ")", (t, n) -> log.appendAll(lists.get((int) ((n * 31 + t) % EVENT_POOL))).size(),
                            () -> seqBounds[0].set(head(db)), () -> seqBounds[1].set(head(db)));
                    Map<String, Object> allReport = windowReport(w);
                    allReport.put("eventsPerCall", k);
                    allReport.putAll(commits(s, "audit_entry", seqBounds[0].get(), seqBounds[1].get()));
                    report.put("appendAll", allReport);
                    appendAll = w;
                }

                // 4. Charte on several nodes: as many writers, each with its DataSource and connection, on the
                // one database and chain; the callers split between them. Same number of callers as in 1.
                Window onNodes = null;
                if (options.nodes() > 1) {
                    int k = options.nodes();
                    List<ChainWriter> writers = new ArrayList<>();
                    writers.add(context.getBean(ChainWriter.class));
                    try {
                        for (int i = 1; i < k; i++) {
                            DataSource other = new DriverManagerDataSource(url);
                            writers.add(new ChainWriter(other, JdbcClient.create(other), ids, clock, batchSize, gather));
                        }
                        checkpoint(s);
                        onNodes = callers("append on " + k + " nodes", k, (t, n) -> writers.get(t % k)
                                .append(List.of(events[(int) ((n * 31 + t) % EVENT_POOL)])).size(),
                                () -> seqBounds[0].set(head(db)), () -> seqBounds[1].set(head(db)));
                    } finally {
                        for (ChainWriter w : writers.subList(1, writers.size())) {
                            w.destroy();
                        }
                    }
                    Map<String, Object> nodesReport = windowReport(onNodes);
                    nodesReport.put("nodes", k);
                    nodesReport.put("entriesPerNode", onNodes.perGroup());
                    double nodesSeconds = onNodes.seconds();
                    nodesReport.put("entriesPerSecondPerNode", Arrays.stream(onNodes.perGroup()).mapToDouble(e -> e / nodesSeconds).toArray());
                    nodesReport.putAll(commits(s, "audit_entry", seqBounds[0].get(), seqBounds[1].get()));
                    report.put("appendOnNodes", nodesReport);
                }

                // 5. Verification of the whole chain.
                long rows;
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_entry")) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                System.out.printf(Locale.ROOT, "verify: walking the chain of %,d entries…%n", rows);
                long v0 = System.nanoTime();
                AuditVerification verification = log.verify();
                double verifySeconds = seconds(System.nanoTime() - v0);
                boolean sound = verification.intact() && verification.entriesChecked() == rows && rows > 0;
                Map<String, Object> verifyReport = new LinkedHashMap<>();
                verifyReport.put("intact", verification.intact());
                verifyReport.put("entriesChecked", verification.entriesChecked());
                verifyReport.put("rows", rows);
                verifyReport.put("seconds", verifySeconds);
                verifyReport.put("entriesPerSecond", verification.entriesChecked() / verifySeconds);
                if (verification.firstProblem() != null) {
                    verifyReport.put("firstProblem", verification.firstProblem().toString());
                }
                report.put("verify", verifyReport);

                summary(append, plain, appendAll, onNodes, verification, rows, verifySeconds);
                writeResult();
                return sound ? 0 : 1;
            }
        }
    }

    // --- The phases ---------------------------------------------------------------------------------

    /**
     * Runs the callers for the warm-up, then for the measured window; a call counts in the window
     * it returns in. {@code atStart} and {@code atEnd} run as the window opens and closes.
     */
    private Window callers(String label, Caller caller, Runnable atStart, Runnable atEnd) throws InterruptedException {
        return callers(label, 1, caller, atStart, atEnd);
    }

    /** As above, the entries also counted by group of callers (thread {@code t} is in group {@code t % groups}). */
    private Window callers(String label, int groups, Caller caller, Runnable atStart, Runnable atEnd) throws InterruptedException {
        int n = options.threads();
        LongAdder entries = new LongAdder();
        LongAdder[] byGroup = new LongAdder[groups];
        Arrays.setAll(byGroup, g -> new LongAdder());
        LongAdder calls = new LongAdder();
        LongAdder warmupEntries = new LongAdder();
        long[][] samples = new long[n][];
        int[] sampleCounts = new int[n];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // 0 warm-up, 1 measuring, 2 stopped
        AtomicLong state = new AtomicLong();
        long capEntries = options.maxEntries();
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int t = i;
            samples[t] = new long[4096];
            Runnable body = () -> {
                long k = 0;
                while (state.get() < 2 && failure.get() == null) {
                    long start = System.nanoTime();
                    int done;
                    try {
                        done = caller.call(t, k++);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    long took = System.nanoTime() - start;
                    long phase = state.get();
                    if (phase == 1) {
                        entries.add(done);
                        byGroup[t % groups].add(done);
                        calls.increment();
                        if (sampleCounts[t] < MAX_SAMPLES) {
                            if (sampleCounts[t] == samples[t].length) {
                                samples[t] = Arrays.copyOf(samples[t], Math.min(MAX_SAMPLES, samples[t].length * 2));
                            }
                            samples[t][sampleCounts[t]++] = took;
                        }
                    } else if (phase == 0) {
                        warmupEntries.add(done);
                    }
                }
            };
            threads.add(options.virtual() ? Thread.ofVirtual().name("bench-caller-" + t).start(body)
                    : Thread.ofPlatform().name("bench-caller-" + t).start(body));
        }
        System.out.printf(Locale.ROOT, "%s: warming up %d s…%n", label, options.warmupSeconds());
        sleepUnlessFailed(TimeUnit.SECONDS.toNanos(options.warmupSeconds()), failure, () -> false);
        atStart.run();
        long t0 = System.nanoTime();
        state.set(1);
        System.out.printf(Locale.ROOT, "%s: measuring %d s (%,d entries in the warm-up)…%n", label, options.measureSeconds(),
                warmupEntries.sum());
        boolean capped = sleepUnlessFailed(TimeUnit.SECONDS.toNanos(options.measureSeconds()), failure,
                () -> entries.sum() >= capEntries);
        state.set(2);
        long t1 = System.nanoTime();
        atEnd.run();
        long measuredEntries = entries.sum();
        long measuredCalls = calls.sum();
        join(threads);
        if (failure.get() != null) {
            throw new IllegalStateException(label + " failed", failure.get());
        }
        Window w = new Window(measuredEntries, measuredCalls, seconds(t1 - t0), merge(samples, sampleCounts), capped,
                Arrays.stream(byGroup).mapToLong(LongAdder::sum).toArray());
        System.out.printf(Locale.ROOT, "%s: %,d entries in %.2f s: %,.0f entries/s%s%n", label, w.entries(), w.seconds(), w.rate(),
                capped ? " (stopped at --max-entries)" : "");
        return w;
    }

    /**
     * The baseline: {@code threads} connections inserting batches of {@code batchSize} rows, one
     * commit each, into the copy table; a warm-up as long as the callers', then exactly
     * {@code rows} rows from a common start, timed until the last batch commits.
     */
    private Window plain(String url, AuditEvent[] events, Ids ids, Clock clock, int batchSize, long rows) throws Exception {
        int n = options.threads();
        long cap = TimeUnit.SECONDS.toNanos(Math.max(60, 3L * options.measureSeconds()));
        AtomicLong seq = new AtomicLong();
        AtomicLong budget = new AtomicLong(rows);
        LongAdder done = new LongAdder();
        LongAdder warmupRows = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // 0 warm-up, 1 measuring, 2 stop
        AtomicLong state = new AtomicLong();
        long[] batchNanos = new long[n * 64];
        AtomicLong batchCount = new AtomicLong();
        // Each thread counts down `ready` after its last warm-up batch, then waits for `go`.
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        long[] finished = new long[n];
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int t = i;
            threads.add(Thread.ofPlatform().name("bench-plain-" + t).start(() -> {
                try (Connection c = DriverManager.getConnection(url)) {
                    c.setAutoCommit(false);
                    try (PreparedStatement insert = c.prepareStatement(PLAIN_INSERT)) {
                        while (state.get() == 0 && failure.get() == null) {
                            warmupRows.add(insertBatch(c, insert, events, ids, clock, seq, batchSize));
                        }
                        ready.countDown();
                        if (!go.await(cap, TimeUnit.NANOSECONDS)) {
                            throw new IllegalStateException("the measured part did not start");
                        }
                        while (state.get() == 1 && failure.get() == null) {
                            long k = claim(budget, batchSize);
                            if (k == 0) {
                                break;
                            }
                            long b0 = System.nanoTime();
                            done.add(insertBatch(c, insert, events, ids, clock, seq, (int) k));
                            long b = batchCount.getAndIncrement();
                            if (b < batchNanos.length) {
                                batchNanos[(int) b] = System.nanoTime() - b0;
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    ready.countDown(); // once more, harmless: the main thread stops waiting for a failed thread
                    finished[t] = System.nanoTime();
                }
            }));
        }
        String label = "plain";
        System.out.printf(Locale.ROOT, "%s: %d connections; warming up %d s…%n", label, n, options.warmupSeconds());
        sleepUnlessFailed(TimeUnit.SECONDS.toNanos(options.warmupSeconds()), failure, () -> false);
        state.set(1);
        boolean arrived = ready.await(cap, TimeUnit.NANOSECONDS);
        if (!arrived || failure.get() != null) {
            state.set(2);
            go.countDown();
            join(threads);
            throw new IllegalStateException("plain inserts failed in the warm-up", failure.get());
        }
        System.out.printf(Locale.ROOT, "%s: inserting %,d rows (the append window's count; %,d rows in the warm-up)…%n", label, rows,
                warmupRows.sum());
        long t0 = System.nanoTime();
        go.countDown();
        sleepUnlessFailed(cap, failure, () -> threads.stream().noneMatch(Thread::isAlive));
        boolean allDone = threads.stream().noneMatch(Thread::isAlive);
        state.set(2);
        join(threads);
        if (failure.get() != null) {
            throw new IllegalStateException("plain inserts failed", failure.get());
        }
        long t1 = allDone ? Arrays.stream(finished).max().orElse(t0) : System.nanoTime();
        long[] latencies = Arrays.copyOf(batchNanos, (int) Math.min(batchCount.get(), batchNanos.length));
        Arrays.sort(latencies);
        Window w = new Window(done.sum(), batchCount.get(), seconds(t1 - t0), latencies, !allDone, new long[] {done.sum()});
        System.out.printf(Locale.ROOT, "%s: %,d rows in %.2f s: %,.0f rows/s%s%n", label, w.entries(), w.seconds(), w.rate(),
                allDone ? "" : " (stopped by the time cap)");
        return w;
    }

    private static long claim(AtomicLong budget, int batchSize) {
        while (true) {
            long left = budget.get();
            if (left <= 0) {
                return 0;
            }
            long k = Math.min(left, batchSize);
            if (budget.compareAndSet(left, left - k)) {
                return k;
            }
        }
    }

    /** One batch of plain rows: the columns Charte writes, from the same events, without hashes; one commit. */
    private static int insertBatch(Connection c, PreparedStatement insert, AuditEvent[] events, Ids ids, Clock clock,
            AtomicLong seqs, int count) throws SQLException {
        long first = seqs.getAndAdd(count) + 1;
        for (int i = 0; i < count; i++) {
            long seq = first + i;
            AuditEvent e = events[(int) (seq % EVENT_POOL)];
            insert.setLong(1, seq);
            insert.setObject(2, ids.next());
            insert.setObject(3, EntryHash.truncate(clock.instant()).atOffset(ZoneOffset.UTC));
            insert.setString(4, e.actor());
            insert.setString(5, e.action());
            insert.setString(6, e.purpose());
            insert.setString(7, e.resourceType());
            insert.setString(8, e.resourceId());
            insert.setObject(9, e.subjectId());
            insert.setString(10, String.join(",", e.categories()));
            insert.setString(11, e.outcome().name());
            insert.setString(12, e.reason());
            insert.setString(13, NO_HASH);
            insert.setString(14, NO_HASH);
            insert.addBatch();
        }
        insert.executeBatch();
        c.commit();
        return count;
    }

    // --- Helpers ------------------------------------------------------------------------------------

    /** A mix of events, as the decision point records them: 4 in 5 allowed, 1 in 5 denied with a reason. */
    private static AuditEvent[] events() {
        Random random = new Random(42);
        List<String> actors = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            actors.add((i % 8 == 7 ? "token:" : "staff:") + new UUID(random.nextLong(), random.nextLong()));
        }
        String[] actions = {"read", "read", "read", "write", "export", "reveal-credentials"};
        String[] purposes = {"customer-service", "technical-support", "billing", "contract-management"};
        List<List<String>> categories = List.of(List.of("identity", "contact"), List.of("identity"), List.of("billing", "contact"),
                List.of("hosted-credentials"), List.of("identity", "contact", "contract"));
        String[] reasons = {"no grant covers this subject", "the purpose does not use this category",
            "the commitment is not signed", "the subcontractor's contract has ended"};
        AuditEvent[] events = new AuditEvent[EVENT_POOL];
        for (int i = 0; i < EVENT_POOL; i++) {
            UUID subject = new UUID(random.nextLong(), random.nextLong());
            String actor = actors.get(random.nextInt(actors.size()));
            String action = actions[random.nextInt(actions.length)];
            String purpose = purposes[random.nextInt(purposes.length)];
            boolean hosted = random.nextInt(5) == 0;
            String resourceType = hosted ? "hosted-database" : "subject";
            String resourceId = hosted ? "db-" + random.nextInt(10_000) : subject.toString();
            List<String> cats = categories.get(random.nextInt(categories.size()));
            events[i] = random.nextInt(5) == 0
                    ? AuditEvent.denied(actor, action, purpose, resourceType, resourceId, subject, cats, reasons[random.nextInt(reasons.length)])
                    : AuditEvent.allowed(actor, action, purpose, resourceType, resourceId, subject, cats);
        }
        return events;
    }

    private static long head(Connection db) {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT last_seq FROM audit_head WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkpoint(Statement s) throws SQLException {
        s.execute("CHECKPOINT");
    }

    /** Rows and transactions (distinct xmin) among rows with {@code after < seq <= upTo}: the mean rows per commit. */
    private static Map<String, Object> commits(Statement s, String table, long after, long upTo) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT xmin::text) FROM " + table + " WHERE seq > " + after
                + " AND seq <= " + upTo)) {
            rs.next();
            long rows = rs.getLong(1);
            long transactions = rs.getLong(2);
            out.put("rowsInRange", rows);
            out.put("commits", transactions);
            out.put("rowsPerCommit", transactions == 0 ? 0 : (double) rows / transactions);
        }
        return out;
    }

    private Map<String, Object> windowReport(Window w) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entries", w.entries());
        out.put("calls", w.calls());
        out.put("seconds", w.seconds());
        out.put("entriesPerSecond", w.rate());
        out.put("capped", w.capped());
        long[] l = w.latencyNanos();
        if (l.length > 0) {
            out.put("latencySamples", l.length);
            out.put("latencyMsP50", ms(percentile(l, 0.50)));
            out.put("latencyMsP99", ms(percentile(l, 0.99)));
            out.put("latencyMsP999", ms(percentile(l, 0.999)));
            out.put("latencyMsMax", ms(l[l.length - 1]));
        }
        return out;
    }

    private void summary(Window append, Window plain, Window appendAll, Window onNodes, AuditVerification verification, long rows,
            double verifySeconds) {
        double ratio = append.rate() / plain.rate();
        report.put("ratioAppendToPlain", ratio);
        report.put("target", options.target());
        report.put("targetMet", append.rate() >= options.target());
        @SuppressWarnings("unchecked")
        Map<String, Object> a = (Map<String, Object>) report.get("append");
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) report.get("plain");
        System.out.println();
        System.out.printf(Locale.ROOT, "Audit appends on PostgreSQL %s (fsync=%s, synchronous_commit=%s), %d threads, batch size %s%n",
                settings("server_version"), settings("fsync"), settings("synchronous_commit"), options.threads(), report.get("batchSize"));
        String row = "  %-30s %14s %12s %10s %10s%n";
        System.out.printf(Locale.ROOT, row, "", "entries/s", "rows/commit", "p50 ms", "p99 ms");
        System.out.printf(Locale.ROOT, row, "Charte append (1 per call)", String.format(Locale.ROOT, "%,.0f", append.rate()),
                String.format(Locale.ROOT, "%.1f", (double) a.get("rowsPerCommit")), fmt(a.get("latencyMsP50")), fmt(a.get("latencyMsP99")));
        if (appendAll != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> all = (Map<String, Object>) report.get("appendAll");
            System.out.printf(Locale.ROOT, row, "Charte appendAll (" + options.appendAll() + " per call)",
                    String.format(Locale.ROOT, "%,.0f", appendAll.rate()), String.format(Locale.ROOT, "%.1f", (double) all.get("rowsPerCommit")),
                    fmt(all.get("latencyMsP50")), fmt(all.get("latencyMsP99")));
        }
        if (onNodes != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> nodes = (Map<String, Object>) report.get("appendOnNodes");
            System.out.printf(Locale.ROOT, row, "Charte append, " + options.nodes() + " nodes",
                    String.format(Locale.ROOT, "%,.0f", onNodes.rate()), String.format(Locale.ROOT, "%.1f", (double) nodes.get("rowsPerCommit")),
                    fmt(nodes.get("latencyMsP50")), fmt(nodes.get("latencyMsP99")));
            for (int i = 0; i < onNodes.perGroup().length; i++) {
                System.out.printf(Locale.ROOT, row, "  node " + (char) ('A' + i) + " (" + (options.threads() / options.nodes()) + " callers)",
                        String.format(Locale.ROOT, "%,.0f", onNodes.perGroup()[i] / onNodes.seconds()), "", "", "");
            }
        }
        System.out.printf(Locale.ROOT, row, "plain batched INSERT", String.format(Locale.ROOT, "%,.0f", plain.rate()),
                String.format(Locale.ROOT, "%.1f", (double) p.get("rowsPerCommit")), fmt(p.get("latencyMsP50")), fmt(p.get("latencyMsP99")));
        System.out.printf(Locale.ROOT, "  (plain: latency is per batch of rows, not per entry)%n");
        System.out.printf(Locale.ROOT, "  Charte append / plain: %.3f%n", ratio);
        System.out.printf(Locale.ROOT, "  Charte append %,.0f entries/s: target >= %,.0f entries/s %s%n", append.rate(), options.target(),
                append.rate() >= options.target() ? "MET" : "NOT MET");
        if (onNodes != null) {
            double nodesRatio = onNodes.rate() / plain.rate();
            report.put("ratioAppendOnNodesToPlain", nodesRatio);
            report.put("targetMetOnNodes", onNodes.rate() >= options.target());
            System.out.printf(Locale.ROOT, "  Charte append on %d nodes / plain: %.3f%n", options.nodes(), nodesRatio);
            System.out.printf(Locale.ROOT, "  Charte append on %d nodes %,.0f entries/s: target >= %,.0f entries/s %s%n", options.nodes(),
                    onNodes.rate(), options.target(), onNodes.rate() >= options.target() ? "MET" : "NOT MET");
        }
        System.out.printf(Locale.ROOT, "  verify: %s, %,d of %,d entries in %.2f s (%,.0f entries/s)%s%n",
                verification.intact() ? "intact" : "BROKEN", verification.entriesChecked(), rows, verifySeconds,
                verification.entriesChecked() / verifySeconds,
                verification.firstProblem() == null ? "" : ": " + verification.firstProblem());
    }

    @SuppressWarnings("unchecked")
    private String settings(String name) {
        return ((Map<String, String>) report.get("postgresql")).get(name);
    }

    private void writeResult() throws IOException {
        if (options.result() != null) {
            JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(options.result().toFile(), report);
            System.out.println("  results: " + options.result());
        }
    }

    private static String fmt(Object ms) {
        return ms == null ? "-" : String.format(Locale.ROOT, "%.2f", (double) ms);
    }

    /** Sleeps {@code nanos}, waking early (true) when {@code early} holds, or (false) when a thread failed. */
    private static boolean sleepUnlessFailed(long nanos, AtomicReference<Throwable> failure, BooleanSupplier early)
            throws InterruptedException {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            if (failure.get() != null) {
                return false;
            }
            if (early.getAsBoolean()) {
                return true;
            }
            Thread.sleep(Math.max(1, Math.min(10, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
        }
        return false;
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Thread t : threads) {
            t.join(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            if (t.isAlive()) {
                throw new IllegalStateException(t.getName() + " did not end within 60 s of the phase's end");
            }
        }
    }

    private static long[] merge(long[][] samples, int[] counts) {
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int t = 0; t < samples.length; t++) {
            System.arraycopy(samples[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return all;
    }

    /** {@code sorted} is sorted; nearest rank. */
    private static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String queryParameter(String query, String name, String otherwise) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return otherwise;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Options parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--virtual")) {
                a.put("virtual", "true");
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("unexpected argument " + arg + " (options are --name=value)");
            }
            a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String url = a.remove("pg-url");
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("--pg-url=jdbc:postgresql://HOST:PORT/postgres?user=postgres is required");
        }
        Options o = new Options(url, integer(a.remove("threads"), 64, 1, 1024), integer(a.remove("warmup"), 5, 0, 600),
                integer(a.remove("measure"), 20, 1, 600), integer(a.remove("append-all"), 10, 0, 1000), integer(a.remove("nodes"), 2, 1, 8),
                Double.parseDouble(a.getOrDefault("target", "20000")),
                a.containsKey("batch-size") ? integer(a.get("batch-size"), 1000, 1, 100_000) : null,
                a.getOrDefault("jdbc-options", ""), Boolean.parseBoolean(a.getOrDefault("virtual", "false")),
                Long.parseLong(a.getOrDefault("max-entries", "5000000")), integer(a.get("deadline"), 900, 30, 7200),
                a.containsKey("result") ? Path.of(a.get("result")) : null);
        a.keySet().removeAll(List.of("target", "batch-size", "jdbc-options", "virtual", "max-entries", "deadline", "result"));
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
