package org.charte.cookies.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.charte.bench.BenchDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 under consent load (L3: acknowledged means committed), run by {@code bench/run
 * consent-crash}, not a test (two or more starts of the application take longer than the test
 * suite may spend on one check; see bench/README.md).
 *
 * <ol>
 * <li>Creates a database on the cluster named by {@code --pg-url}.</li>
 * <li>For each of {@code --rounds} rounds: starts Charte on it as a <b>separate JVM</b> (this class
 * path, {@link Server}), waits until it answers, posts choices to {@code /consent/v1/records} from
 * {@code --concurrency} callers (a new consent id each), and {@code --kill-after} seconds after
 * the first acknowledgement kills it with SIGKILL ({@link Process#destroyForcibly()}) while the
 * callers are still posting. Every consent id answered 201 is kept.</li>
 * <li>After each kill, Charte is started again on the same database, and every consent id ever
 * acknowledged is looked for, by SQL (with its choices) and, for a sample, by
 * {@code GET /consent/v1/records/{consentId}} of the restarted server.</li>
 * </ol>
 * It fails (exit code 1) if a single acknowledged proof is missing. Proofs stored but never
 * acknowledged (committed while the process died, the answer lost) are allowed, and counted.
 *
 * <pre>ConsentCrashCheck --pg-url=... [--rounds=3] [--concurrency=32] [--kill-after=3] [--start-timeout=240] [--deadline=1200] [--result=FILE]</pre>
 */
public final class ConsentCrashCheck {

    record Options(String adminUrl, int rounds, int concurrency, int killAfter, int startTimeout, int deadlineSeconds, Path result) {}

    /** The child JVM: Charte on a database with its web server on a given port, until killed. */
    public static final class Server {

        private Server() {}

        /** Arguments: the database URL, its user, the data directory, the port. Ends when its parent does. */
        public static void main(String[] args) throws InterruptedException {
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
            ConfigurableApplicationContext context = BenchDatabase.startWeb(args[0], args[1], Path.of(args[2]), "--server.port=" + args[3]);
            System.out.println("started");
            Thread.currentThread().join();
            context.close();
        }
    }

    private final Options options;
    private final Map<String, Object> report = new LinkedHashMap<>();

    private ConsentCrashCheck(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ConsentCrashCheck: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchDatabase.runAndExit("ConsentCrashCheck", options.deadlineSeconds(), new ConsentCrashCheck(options)::run);
    }

    private int run() throws Exception {
        String admin = options.adminUrl();
        report.put("postgresql", BenchDatabase.settings(admin));
        String name = BenchDatabase.newName("charte_bench_crash_");
        BenchDatabase.execute(admin, "CREATE DATABASE " + name);
        String url = BenchDatabase.url(admin, name);
        Path dataDir = Files.createTempDirectory("charte-bench-data");
        Process server = null;
        try {
            Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
            List<Map<String, Object>> rounds = new ArrayList<>();
            boolean allThere = true;
            int port = freePort();
            server = start(url, admin, dataDir, port, "start");
            for (int round = 1; round <= options.rounds(); round++) {
                Map<String, Object> r = load(server, port, acknowledged, round);
                server = start(url, admin, dataDir, port, "restart " + round);
                Map<String, Object> check = check(url, admin, port, acknowledged);
                r.putAll(check);
                rounds.add(r);
                allThere &= (Boolean) check.get("allAcknowledgedThere");
            }
            report.put("rounds", rounds);
            report.put("acknowledged", acknowledged.size());
            report.put("checksPassed", allThere);
            System.out.printf(Locale.ROOT, "  kill -9 under consent load, %d rounds: every acknowledged proof there after restart: %s%n", options.rounds(),
                    allThere ? "yes" : "NO");
            JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(options.result().toFile(), report);
            return allThere ? 0 : 1;
        } finally {
            if (server != null) {
                server.destroy();
                if (!server.waitFor(60, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor();
                }
            }
            BenchDatabase.deleteTree(dataDir);
            BenchDatabase.dropQuietly(admin, name);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts the child JVM and waits until its health endpoint answers 200. */
    private Process start(String url, String admin, Path dataDir, int port, String what) throws Exception {
        Path log = dataDir.resolve("server-" + what.replace(' ', '-') + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), Server.class.getName(), url,
                BenchDatabase.user(admin), dataDir.toString(), Integer.toString(port)));
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            long deadline = t0 + TimeUnit.SECONDS.toNanos(options.startTimeout());
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Charte (" + what + ") exited with code " + process.exitValue() + "; its log: " + log + "\n"
                            + tail(log));
                }
                try {
                    if (client.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        System.out.printf(Locale.ROOT, "Charte %s: a separate JVM (pid %d) on 127.0.0.1:%d, up in %.1f s%n", what, process.pid(), port,
                                (System.nanoTime() - t0) / 1e9);
                        return process;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
        }
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("Charte (" + what + ") did not answer within " + options.startTimeout() + " s; its log: " + log + "\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Posts choices until {@code --kill-after} seconds after the first acknowledgement, then kills the server with SIGKILL. */
    private Map<String, Object> load(Process server, int port, Set<UUID> acknowledged, int round) throws Exception {
        String base = "http://127.0.0.1:" + port;
        String version = ConsentBenchmark.bannerVersion(base);
        URI records = URI.create(base + "/consent/v1/records");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sequence = new AtomicLong();
        LongAdder created = new LongAdder();
        LongAdder failed = new LongAdder();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        CountDownLatch firstAcknowledged = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(options.concurrency());
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build()) {
            for (int t = 0; t < options.concurrency(); t++) {
                Thread.ofVirtual().start(() -> {
                    try {
                        while (!stop.get()) {
                            UUID consentId = UUID.randomUUID();
                            long i = sequence.getAndIncrement();
                            try {
                                HttpResponse<Void> response = client.send(ConsentBenchmark.choice(records, version, consentId, i),
                                        HttpResponse.BodyHandlers.discarding());
                                statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
                                if (response.statusCode() == 201) {
                                    acknowledged.add(consentId);
                                    created.increment();
                                    firstAcknowledged.countDown();
                                }
                            } catch (IOException e) {
                                failed.increment(); // the server is gone: no answer, no promise
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
            }
            if (!firstAcknowledged.await(60, TimeUnit.SECONDS)) {
                stop.set(true);
                throw new IllegalStateException("no choice was acknowledged within 60 s");
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(options.killAfter()));
            long atKill = created.sum();
            server.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no drain of the writer's queue
            server.waitFor();
            Thread.sleep(500);
            stop.set(true);
            done.await(60, TimeUnit.SECONDS);
            Map<Integer, Long> answered = new HashMap<>();
            statuses.forEach((s, n) -> answered.put(s, n.sum()));
            System.out.printf(Locale.ROOT, "  round %d: killed (SIGKILL, exit code %d) with %,d choices acknowledged in this round (%,d when the kill was sent); "
                    + "answers %s, %,d requests without an answer%n", round, server.exitValue(), created.sum(), atKill, answered, failed.sum());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("round", round);
            r.put("exitCode", server.exitValue());
            r.put("acknowledgedThisRound", created.sum());
            r.put("statuses", answered);
            r.put("unanswered", failed.sum());
            return r;
        }
    }

    /** Every consent id ever acknowledged, looked for by SQL (with its choices) and, for a sample, over HTTP. */
    private Map<String, Object> check(String url, String admin, int port, Set<UUID> acknowledged) throws Exception {
        Map<UUID, Long> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT consent_id, choices FROM consent_record")) {
            while (rs.next()) {
                stored.put(rs.getObject(1, UUID.class), (long) StoredChoices.of(rs.getString(2)).size());
            }
        }
        long missing = 0;
        long incomplete = 0;
        for (UUID id : acknowledged) {
            Long choices = stored.get(id);
            if (choices == null) {
                missing++;
            } else if (choices != 2) {
                incomplete++;
            }
        }
        long httpChecked = 0;
        long httpMissing = 0;
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (UUID id : acknowledged) {
                if (httpChecked == 200) {
                    break;
                }
                httpChecked++;
                if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/consent/v1/records/" + id)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    httpMissing++;
                }
            }
        }
        long unacknowledged = stored.keySet().stream().filter(id -> !acknowledged.contains(id)).count();
        boolean ok = missing == 0 && incomplete == 0 && httpMissing == 0;
        System.out.printf(Locale.ROOT, "    after restart: %,d acknowledged so far, %,d missing, %,d without their choices; %,d read back over HTTP, %,d missing; "
                + "%,d stored but never acknowledged (answer lost in the kill): %s%n", acknowledged.size(), missing, incomplete, httpChecked, httpMissing,
                unacknowledged, ok ? "ok" : "LOST PROOFS");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("acknowledgedSoFar", acknowledged.size());
        r.put("missing", missing);
        r.put("withoutChoices", incomplete);
        r.put("readOverHttp", httpChecked);
        r.put("missingOverHttp", httpMissing);
        r.put("storedNotAcknowledged", unacknowledged);
        r.put("allAcknowledgedThere", ok);
        return r;
    }

    static Options parse(String[] args) {
        Map<String, String> a = BenchDatabase.options(args);
        String url = a.remove("pg-url");
        if (url == null) {
            throw new IllegalArgumentException("--pg-url is required");
        }
        Options o = new Options(url, BenchDatabase.integer(a.remove("rounds"), 3, 1, 100), BenchDatabase.integer(a.remove("concurrency"), 32, 1, 1000),
                BenchDatabase.integer(a.remove("kill-after"), 3, 0, 600), BenchDatabase.integer(a.remove("start-timeout"), 240, 10, 3600),
                BenchDatabase.integer(a.remove("deadline"), 1200, 30, 14_400), Path.of(a.getOrDefault("result", "bench/results/consent-crash.json")));
        a.remove("result");
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        return o;
    }
}
