package org.charte.cookies.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.charte.bench.BenchDatabase;
import org.charte.cookies.ChoiceMethod;
import org.charte.marketing.internal.CpuMeter;
import org.charte.bench.HttpLoad;
import org.charte.bench.Wrk;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * consent.js's audience beacon on PostgreSQL (run by {@code bench/run beacon}, not a test; see
 * bench/README.md). The target: at least 10,000 page views/s ingested, the aggregates keeping up.
 *
 * <ol>
 * <li>Starts the real application with its web server on a free loopback port, on a new database of
 * the cluster named by {@code --pg-url}; records {@code --consents} choices accepting audience
 * measurement (one page view in ten comes with one of their ids: the consented mode).</li>
 * <li><b>HTTP</b>: {@code GET /actuator/health}, the MVC no-op of {@link ConsentBenchmark} (a handler that reads the
 * body and answers, behind everything a real endpoint is behind: the ceiling of this server on this machine, the
 * baseline the beacon is compared to) with the beacon's bodies, then {@code POST /consent/v1/beacon/script}, each for
 * {@code --measure} seconds by the same loopback load generator ({@link HttpLoad}, {@code --concurrency} callers), after
 * a warm-up of 5 s for health and the no-op and {@code --warmup} seconds (20) for the beacon (its rate and CPU still
 * moved after 5 s: the JIT compiler was still at work on its path). A 204 is sent once the view is committed. The
 * beacon is answered at its own door ({@link BeaconDoor}, ahead of Spring Security and Spring MVC); then, for
 * comparison, the same views <b>the long way</b> ({@code ?long-way}, a query string the door leaves to Spring Security
 * and Spring MVC, as every view went before that door), after 5 s of warm-up.</li>
 * <li><b>ingestion in process</b>: {@code --views} page views handed to {@link NavigationData#receive}
 * (the path the endpoint takes after its checks: the day's visitor hash, the country, Yauaa, the
 * queue, the batched write of the events, the visitors and the counts in one transaction) by
 * {@code --submitters} threads, at most {@code --in-flight} unacknowledged; the rate is views over
 * the time until the last acknowledgement. Baseline: the same number of exempt rows written by plain
 * batched INSERTs (5,000 a transaction) into the same table: no parsing, no hash, no aggregate.</li>
 * <li>Checks: every beacon answered 204; every acknowledged view is an event row; the day's counted
 * views equal the events, read as soon as the last acknowledgement came (the aggregates keep up: they
 * are written in the events' transaction).</li>
 * </ol>
 */
public final class BeaconBenchmark {

    static final List<String> AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36 Edg/139.0.0.0",
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:129.0) Gecko/20100101 Firefox/129.0");
    static final String SITE = "https://www.gestan-bench.example";

    record Options(String adminUrl, int views, int submitters, int inFlight, int consents, int concurrency, int warmup, int measure,
            double target, int deadlineSeconds, Path result) {}

    private final Options options;
    private final Map<String, Object> report = new LinkedHashMap<>();

    private BeaconBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("BeaconBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchDatabase.runAndExit("BeaconBenchmark", options.deadlineSeconds(), new BeaconBenchmark(options)::run);
    }

    private int run() throws Exception {
        String admin = options.adminUrl();
        report.put("postgresql", BenchDatabase.settings(admin));
        String name = BenchDatabase.newName("charte_bench_beacon_");
        BenchDatabase.execute(admin, "CREATE DATABASE " + name);
        Path dataDir = Files.createTempDirectory("charte-bench-data");
        try (ConfigurableApplicationContext context = ConsentBenchmark.startWeb(BenchDatabase.url(admin, name), BenchDatabase.user(admin),
                dataDir)) {
            return measure(context);
        } finally {
            BenchDatabase.deleteTree(dataDir);
            BenchDatabase.dropQuietly(admin, name);
        }
    }

    private int measure(ConfigurableApplicationContext context) throws Exception {
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        String base = "http://127.0.0.1:" + port;
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        ConsentRecords records = context.getBean(ConsentRecords.class);
        ConsentBanner banner = context.getBean(ConsentBanner.class);
        List<UUID> consents = new ArrayList<>();
        for (int i = 0; i < options.consents(); i++) {
            UUID id = UUID.randomUUID();
            Map<String, Boolean> choices = new LinkedHashMap<>();
            banner.purposes().forEach(p -> choices.put(p, p.equals("audience")));
            records.record(new ConsentRecords.Submission(id, banner.version().value(), ChoiceMethod.BANNER, SITE, "fr", choices), AGENTS.get(0), null, null);
            consents.add(id);
        }
        System.out.printf(Locale.ROOT, "Charte on %s, %d consents accepting audience measurement, %d concurrent callers%n", base, consents.size(),
                options.concurrency());

        URI health = URI.create(base + "/actuator/health");
        URI beacon = URI.create(base + "/consent/v1/beacon/script");
        URI noOp = URI.create(base + ConsentBenchmark.MVC_NOOP);
        HttpRequest healthRequest = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(30)).GET().build();
        // the same requests for wrk (bench/wrk/get.lua, beacon.lua): the consents' ids and the browsers in files
        Wrk.Script healthScript = Wrk.Script.of(base, "get.lua", "path", "/actuator/health");
        Wrk.Script beaconScript = Wrk.Script.of(base, "beacon.lua", "path", beacon.getRawPath(), "site", SITE,
                "consents", Wrk.lines("charte-bench-consents-", consents.stream().map(UUID::toString).toList()).toString(),
                "agents", Wrk.lines("charte-bench-agents-", AGENTS).toString());
        Wrk.Script noOpScript = Wrk.Script.of(base, "beacon.lua", "path", ConsentBenchmark.MVC_NOOP, "site", SITE,
                "consents", Wrk.lines("charte-bench-consents-", consents.stream().map(UUID::toString).toList()).toString(),
                "agents", Wrk.lines("charte-bench-agents-", AGENTS).toString());
        System.out.println(HttpLoad.generatorLine());
        report.put("generator", HttpLoad.generatorLine());
        // The first beacon builds the user-agent parser (Yauaa: seconds of CPU, more on a loaded machine). The Java generator's
        // warm-up ended with its last answer, so it waited for it; wrk's ends at its time and left those beacons in flight, into
        // the measured phase. So one beacon first, its answer awaited, whichever the generator.
        try (HttpClient client = HttpClient.newHttpClient()) {
            // its parser's build may take over 30 s on a loaded machine: the first beacon waits up to 3 minutes
            HttpRequest firstBeacon = HttpRequest.newBuilder(beacon(beacon, 1, consents), (name, value) -> true).timeout(Duration.ofMinutes(3)).build();
            int first = client.send(firstBeacon, HttpResponse.BodyHandlers.discarding()).statusCode();
            System.out.printf(Locale.ROOT, "first beacon (the user-agent parser built): %d%n", first);
        }
        HttpLoad.run("warm-up health", options.concurrency(), Long.MAX_VALUE, 5, i -> healthRequest, healthScript);
        HttpLoad.run("warm-up no-op", options.concurrency(), Long.MAX_VALUE, 5, i -> beacon(noOp, i, consents), noOpScript);
        System.out.printf(Locale.ROOT, "warm-up: health and the no-op 5 s each, the beacon %d s%n", options.warmup());
        HttpLoad.run("warm-up beacon", options.concurrency(), Long.MAX_VALUE, options.warmup(), i -> beacon(beacon, i, consents), beaconScript);
        System.out.println(HttpLoad.header());
        // The CPU each phase cost: the JVM's (the server's alone with wrk; with the in-process phase's submitters), PostgreSQL's backends
        CpuMeter cpu = CpuMeter.of(jdbc);
        NavigationIngest ingest = context.getBean(NavigationIngest.class);
        CpuMeter.Sample beforeHealth = cpu.now();
        HttpLoad.Result baseline = HttpLoad.run("GET /actuator/health (baseline)", options.concurrency(), Long.MAX_VALUE, options.measure(),
                i -> healthRequest, healthScript);
        CpuMeter.Sample beforeNoOp = cpu.now();
        System.out.println(baseline.line());
        HttpLoad.Result noOpResult = HttpLoad.run("POST " + ConsentBenchmark.MVC_NOOP + " (no-op)", options.concurrency(), Long.MAX_VALUE,
                options.measure(), i -> beacon(noOp, i, consents), noOpScript);
        System.out.println(noOpResult.line());
        CpuMeter.Sample afterNoOp = cpu.now(); // the beacon's CPU from here
        long batchesBefore = ingest.batches();
        HttpLoad.Result http = HttpLoad.run("POST /consent/v1/beacon/script", options.concurrency(), Long.MAX_VALUE, options.measure(),
                i -> beacon(beacon, i, consents), beaconScript);
        CpuMeter.Sample afterBeacons = cpu.now();
        long httpBatches = ingest.batches() - batchesBefore;
        System.out.println(http.line());
        System.out.println(CpuMeter.line("GET /actuator/health (baseline)", beforeHealth, beforeNoOp, baseline.requests()));
        System.out.println(CpuMeter.line("POST " + ConsentBenchmark.MVC_NOOP + " (no-op)", beforeNoOp, afterNoOp, noOpResult.requests()));
        System.out.println(CpuMeter.line("POST /consent/v1/beacon/script", afterNoOp, afterBeacons, http.requests()));
        System.out.printf(Locale.ROOT, "  over HTTP: %,d commits for %,d beacons, %.1f views per commit%n", httpBatches, http.requests(),
                httpBatches == 0 ? 0.0 : http.requests() / (double) httpBatches);
        long http204 = http.statuses().getOrDefault(204, 0L);
        double httpRatio = http.rate() / baseline.rate();
        System.out.printf(Locale.ROOT, "  beacon / health over HTTP: rate %.3f (%.0f / %.0f per s)%n", httpRatio, http.rate(), baseline.rate());
        double noOpRatio = http.rate() / noOpResult.rate();
        System.out.printf(Locale.ROOT, "  beacon / MVC no-op over HTTP: rate %.3f (%.0f / %.0f per s: the no-op's rate is this server's ceiling here)%n",
                noOpRatio, http.rate(), noOpResult.rate());

        // The same views the long way, for comparison: a query string, which BeaconDoor leaves to Spring Security and Spring MVC
        URI longWay = URI.create(base + "/consent/v1/beacon/script?long-way");
        Wrk.Script longWayScript = Wrk.Script.of(base, "beacon.lua", "path", "/consent/v1/beacon/script?long-way", "site", SITE,
                "consents", Wrk.lines("charte-bench-consents-", consents.stream().map(UUID::toString).toList()).toString(),
                "agents", Wrk.lines("charte-bench-agents-", AGENTS).toString());
        HttpLoad.run("warm-up the long way", options.concurrency(), Long.MAX_VALUE, 5, i -> beacon(longWay, i, consents), longWayScript);
        CpuMeter.Sample beforeLongWay = cpu.now();
        HttpLoad.Result longWayResult = HttpLoad.run("POST /consent/v1/beacon/script?long-way (Security and MVC)", options.concurrency(),
                Long.MAX_VALUE, options.measure(), i -> beacon(longWay, i, consents), longWayScript);
        CpuMeter.Sample afterLongWay = cpu.now();
        System.out.println(longWayResult.line());
        System.out.println(CpuMeter.line("POST /consent/v1/beacon/script?long-way", beforeLongWay, afterLongWay, longWayResult.requests()));
        System.out.printf(Locale.ROOT, "  the door (BeaconDoor) / the long way (Spring Security and MVC): rate %.3f%n", http.rate() / longWayResult.rate());
        report.put("longWay", longWayResult.json());
        report.put("rateRatioLongWay", http.rate() / longWayResult.rate());

        NavigationData navigation = context.getBean(NavigationData.class);
        // wrk stops with beacons in flight, which the server still writes: the in-process count starts once they are in
        for (long seen = -1, now = events(jdbc); now != seen; seen = now, now = events(jdbc)) {
            Thread.sleep(300);
        }
        long before = events(jdbc);
        long countedBefore = counted(jdbc);
        long inProcessBatches = ingest.batches();
        CpuMeter.Sample beforeInProcess = cpu.now();
        Semaphore window = new Semaphore(options.inFlight());
        AtomicLong next = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong lastAck = new AtomicLong();
        CountDownLatch all = new CountDownLatch(options.views());
        long start = System.nanoTime();
        for (int t = 0; t < options.submitters(); t++) {
            Thread.ofPlatform().name("bench-submitter-" + t).start(() -> {
                long i;
                while ((i = next.getAndIncrement()) < options.views()) {
                    window.acquireUninterruptibly();
                    CompletableFuture<Void> done;
                    while ((done = navigation.receive(view(i, consents), address(i), AGENTS.get((int) (i % AGENTS.size())))) == null) {
                        Thread.onSpinWait();
                    }
                    done.whenComplete((ok, e) -> {
                        (e == null ? acknowledged : failed).incrementAndGet();
                        lastAck.accumulateAndGet(System.nanoTime(), Math::max);
                        window.release();
                        all.countDown();
                    });
                }
            });
        }
        all.await();
        CpuMeter.Sample afterInProcess = cpu.now();
        inProcessBatches = ingest.batches() - inProcessBatches;
        double seconds = (lastAck.get() - start) / 1e9;
        long countedNow = counted(jdbc) - countedBefore;
        long eventsNow = events(jdbc) - before;
        double ingestRate = acknowledged.get() / seconds;
        System.out.printf(Locale.ROOT, "  in process: %,d views acknowledged (%,d failed) in %.1f s: %.0f views/s; counted at once %,d, events %,d%n",
                acknowledged.get(), failed.get(), seconds, ingestRate, countedNow, eventsNow);
        System.out.println(CpuMeter.line("in process, per view", beforeInProcess, afterInProcess, options.views()));
        System.out.printf(Locale.ROOT, "  in process: %,d commits, %.1f views per commit%n", inProcessBatches,
                inProcessBatches == 0 ? 0.0 : options.views() / (double) inProcessBatches);

        JdbcTemplate template = context.getBean(JdbcTemplate.class);
        TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        long plainStart = System.nanoTime();
        for (int from = 0; from < options.views(); from += 5000) {
            int first = from;
            int n = Math.min(5000, options.views() - from);
            tx.executeWithoutResult(s -> template.batchUpdate("INSERT INTO navigation_exempt_event (view_day, occurred_at, site, page, referrer_host, "
                    + "entry, visitor, country, browser, os) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new ArrayList<>(Collections.nCopies(n, 0)), 5000,
                    (ps, ignored) -> {
                        ps.setObject(1, day);
                        ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                        ps.setString(3, "https://plain.example");
                        ps.setString(4, "/page/" + (first % 200));
                        ps.setString(5, null);
                        ps.setBoolean(6, true);
                        ps.setString(7, "0123456789abcdef0123456789abcdef");
                        ps.setString(8, "FR");
                        ps.setString(9, "Chrome");
                        ps.setString(10, "Windows");
                    }));
        }
        double plainSeconds = (System.nanoTime() - plainStart) / 1e9;
        double plainRate = options.views() / plainSeconds;
        double ratio = ingestRate / plainRate;
        System.out.printf(Locale.ROOT, "  plain batched INSERTs of as many rows (baseline): %.1f s, %.0f rows/s; Charte / plain %.3f%n", plainSeconds,
                plainRate, ratio);

        boolean httpOk = http204 == http.requests();
        boolean countsOk = countedNow == acknowledged.get() && eventsNow == acknowledged.get();
        boolean met = ingestRate >= options.target();
        System.out.printf(Locale.ROOT, "  target >= %.0f page views/s ingested, aggregates keeping up: %s (%.0f/s in process; %.0f/s over HTTP on this machine)%n",
                options.target(), met && countsOk ? "MET in process" : "NOT MET", ingestRate, http.rate());
        System.out.printf(Locale.ROOT, "  checks: every beacon answered 204: %s; every acknowledged view stored and counted at once: %s%n",
                httpOk ? "yes" : "NO", countsOk ? "yes" : "NO");
        report.put("healthBaseline", baseline.json());
        report.put("beaconHttp", http.json());
        report.put("beaconOverHealth", httpRatio);
        report.put("mvcNoOp", noOpResult.json());
        report.put("beaconOverNoOp", noOpRatio);
        report.put("inProcess", Map.of("views", acknowledged.get(), "failed", failed.get(), "seconds", seconds, "perSecond", ingestRate,
                "countedAtOnce", countedNow, "events", eventsNow));
        report.put("plainInserts", Map.of("rows", options.views(), "seconds", plainSeconds, "perSecond", plainRate));
        report.put("charteOverPlain", ratio);
        report.put("cpuPerRequest", Map.of("baselineHealth", CpuMeter.json(beforeHealth, beforeNoOp, baseline.requests()),
                "mvcNoOp", CpuMeter.json(beforeNoOp, afterNoOp, noOpResult.requests()),
                "beaconHttp", CpuMeter.json(afterNoOp, afterBeacons, http.requests()),
                "inProcessView", CpuMeter.json(beforeInProcess, afterInProcess, options.views())));
        report.put("viewsPerCommit", Map.of("http", httpBatches == 0 ? 0.0 : http.requests() / (double) httpBatches,
                "inProcess", inProcessBatches == 0 ? 0.0 : options.views() / (double) inProcessBatches));
        report.put("target", Map.of("perSecond", options.target(), "met", met && countsOk));
        report.put("checksPassed", httpOk && countsOk);
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(options.result().toFile(), report);
        return httpOk && countsOk ? 0 : 1;
    }

    private static long events(JdbcClient jdbc) {
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM navigation_exempt_event WHERE site = ?) + (SELECT COUNT(*) FROM navigation_consented_event)")
                .param(SITE).query(Long.class).single();
    }

    private static long counted(JdbcClient jdbc) {
        return jdbc.sql("SELECT COALESCE(SUM(views), 0) FROM navigation_count WHERE dimension = 'day' AND site = ?").param(SITE).query(Long.class).single();
    }

    private static NavigationData.Beacon view(long i, List<UUID> consents) {
        String referrer = i % 4 == 0 ? "https://www.search" + (i % 7) + ".example/?q=" + i : SITE + "/page/" + ((i + 1) % 200);
        UUID consent = i % 10 == 0 && !consents.isEmpty() ? consents.get((int) (i / 10 % consents.size())) : null;
        return new NavigationData.Beacon(SITE, "/page/" + (i % 200), referrer, consent);
    }

    private static InetAddress address(long i) {
        try {
            return InetAddress.getByAddress(new byte[] {90, (byte) (i % 97), (byte) (i / 97 % 211), (byte) (i % 251)});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest beacon(URI uri, long i, List<UUID> consents) {
        NavigationData.Beacon b = view(i, consents);
        String body = "{\"site\":\"" + b.site() + "\",\"page\":\"" + b.page() + "\",\"referrer\":\"" + b.referrer() + "\""
                + (b.consentId() == null ? "" : ",\"consentId\":\"" + b.consentId() + "\"") + "}";
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "text/plain;charset=UTF-8")
                .header("User-Agent", AGENTS.get((int) (i % AGENTS.size()))).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static Options parse(String[] args) {
        Map<String, String> a = BenchDatabase.options(args);
        String url = a.remove("pg-url");
        if (url == null) {
            throw new IllegalArgumentException("--pg-url is required");
        }
        Options o = new Options(url, BenchDatabase.integer(a.remove("views"), 300_000, 1000, 10_000_000),
                BenchDatabase.integer(a.remove("submitters"), 4, 1, 64), BenchDatabase.integer(a.remove("in-flight"), 50_000, 100, 1_000_000),
                BenchDatabase.integer(a.remove("consents"), 200, 0, 100_000), BenchDatabase.integer(a.remove("concurrency"), 64, 1, 1000),
                BenchDatabase.integer(a.remove("warmup"), 20, 0, 600), BenchDatabase.integer(a.remove("measure"), 10, 1, 600),
                Double.parseDouble(a.getOrDefault("target", "10000")), BenchDatabase.integer(a.remove("deadline"), 900, 30, 14_400),
                Path.of(a.getOrDefault("result", "bench/results/beacon.json")));
        a.remove("target");
        a.remove("result");
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        return o;
    }
}
