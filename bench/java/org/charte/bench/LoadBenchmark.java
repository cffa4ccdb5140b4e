package org.charte.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.charte.CharteApplication;
import org.charte.access.AccessRequest.Actor;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.access.Totp;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditVerification;
import org.charte.common.SyntheticData;
import org.charte.common.Zones;
import org.charte.marketing.MarketingChoices;
import org.charte.marketing.MarketingChoices.NewConsent;
import org.charte.marketing.Means;
import org.charte.marketing.UnsubscribeToken;
import org.charte.policy.MarketingChannel;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.vault.Vault;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * A realistic mix of staff and public requests over loopback HTTP against the real application on
 * PostgreSQL (run by {@code bench/run load}, not a test; see bench/README.md).
 *
 * <ol>
 * <li>Creates a database on the cluster named by {@code --pg-url} and starts Charte on it with its
 * web server on a free loopback port, plus one endpoint of the benchmark's own, the <b>no-op</b>
 * {@code GET /api/v1/bench-noop} (answers {@code {"ok":true}}), registered in its context only:
 * it sits behind everything a staff API call is behind (Tomcat, the servlet filters, Spring
 * Security with the staff session, the session expiry check, the DispatcherServlet), and does
 * nothing else: the baseline of the ratio.</li>
 * <li>Set-up, untimed: {@code --people} people registered through the real code with their e-mail
 * consent to newsletters; {@code --staff} ADV members who signed the commitment, signed in over
 * HTTP (password, then enrolment with a TOTP code), each given the DPO's individual grants on every
 * one of these people for {@code customer-service} (identity, contact) and {@code orders}; each
 * person's one-click unsubscribe link.</li>
 * <li>Warm-up ({@code --warmup} s of the mix), then {@code --rounds} rounds of the no-op and the
 * <b>person read</b> alone ({@code GET /api/v1/subjects/{id}?purpose=customer-service}: the
 * session, the decision point, the audit append of the read, the decryption), {@code --measure}
 * seconds each, taking turns; the target's ratio is person read / no-op over these rounds.</li>
 * <li><b>The mix</b> for {@code --mix} seconds (300 by default): each caller draws its next
 * operation by weight: reading a person 60, an order 8, a ticket 8, a rights request 4, a
 * cookie choice 10, a one-click unsubscribe 10 (each person once, then again: idempotent).
 * Per operation: requests, rate, p50, p99, errors (any status but the expected one, or no answer).
 * The heap after a full GC is sampled every {@code --heap-every} seconds.</li>
 * <li>Checks: no error; the audit chain verifies ({@link AuditLog#verify()}), timed; the heap after
 * a full GC at the end of the mix against its start.</li>
 * </ol>
 *
 * <pre>LoadBenchmark --pg-url=... [--people=2000] [--staff=8] [--concurrency=32] [--warmup=10] [--measure=10] [--rounds=3] [--mix=300]
 *     [--heap-every=30] [--target=3000] [--ratio-target=0.25] [--deadline=1800] [--result=FILE]</pre>
 */
public final class LoadBenchmark {

    static final String NOOP = "/api/v1/bench-noop";
    static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36";
    static final String PASSWORD = "a long enough password for the bench";

    record Options(String adminUrl, int people, int staff, int concurrency, int warmup, int measure, int rounds, int mix, int heapEvery,
            double target, double ratioTarget, int deadlineSeconds, Path result) {}

    /** One member of staff's session: its cookie and its CSRF token. */
    record Session(String cookie, String csrf) {}

    /** An operation of the mix: its name, weight and the status that means it worked. */
    enum Op {
        READ_PERSON("GET /api/v1/subjects/{id} (read a person)", 60, 200),
        ORDER("POST /api/v1/subjects/{id}/orders", 8, 201),
        TICKET("POST /api/v1/subjects/{id}/tickets", 8, 201),
        RIGHTS_REQUEST("POST /api/v1/rights-requests", 4, 201),
        CONSENT("POST /consent/v1/records", 10, 201),
        UNSUBSCRIBE("POST /u/{token} (one click)", 10, 200);

        final String label;
        final int weight;
        final int expected;

        Op(String label, int weight, int expected) {
            this.label = label;
            this.weight = weight;
            this.expected = expected;
        }
    }

    private final Options options;
    private final Map<String, Object> report = new LinkedHashMap<>();

    private LoadBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchDatabase.runAndExit("LoadBenchmark", options.deadlineSeconds(), new LoadBenchmark(options)::run);
    }

    /**
     * The no-op: behind the whole chain of a staff API call, answers a small JSON body. A handler
     * method registered on Spring MVC's own mapping once Charte runs (no annotation, so that the tests'
     * component scan does not find it): as an API controller's method is found. (A functional route,
     * as before, made Spring MVC ask a router function first on every request of the benchmark, the
     * person read's included: a cost no deployment of Charte has.)
     */
    public static final class NoOp {
        public ResponseEntity<String> answer() {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("{\"ok\":true}");
        }

        static void register(ConfigurableApplicationContext context) throws NoSuchMethodException {
            RequestMappingHandlerMapping mvc = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
            mvc.registerMapping(RequestMappingInfo.paths(NOOP).methods(RequestMethod.GET).options(mvc.getBuilderConfiguration()).build(),
                    new NoOp(), NoOp.class.getMethod("answer"));
        }
    }

    private int run() throws Exception {
        String admin = options.adminUrl();
        report.put("postgresql", BenchDatabase.settings(admin));
        String name = BenchDatabase.newName("charte_bench_load_");
        BenchDatabase.execute(admin, "CREATE DATABASE " + name);
        Path dataDir = Files.createTempDirectory("charte-bench-data");
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + BenchDatabase.url(admin, name),
                "--spring.datasource.username=" + BenchDatabase.user(admin), "--spring.datasource.password=", "--charte.data-dir=" + dataDir,
                "--" + SyntheticData.PROPERTY + "=true", "--charte.retention.cron=-", "--spring.main.log-startup-info=false",
                "--logging.level.root=WARN", "--logging.level.org.charte=WARN", "--server.port=0", "--server.address=127.0.0.1",
                "--charte.hosting.provision-on-subscription=false"));
        args.addAll(BenchDatabase.ONE_ADDRESS);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CharteApplication.class).web(WebApplicationType.SERVLET)
                .run(args.toArray(String[]::new))) {
            NoOp.register(context);
            return measure(context);
        } finally {
            BenchDatabase.deleteTree(dataDir);
            BenchDatabase.dropQuietly(admin, name);
        }
    }

    private int measure(ConfigurableApplicationContext context) throws Exception {
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        String base = "http://127.0.0.1:" + port;
        int pool = context.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 10);
        System.out.printf(Locale.ROOT, "Charte on %s (connection pool %d), %,d people, %d ADV sessions, %d concurrent callers, JVM max heap %.0f MiB%n",
                base, pool, options.people(), options.staff(), options.concurrency(), BenchDatabase.mib(Runtime.getRuntime().maxMemory()));
        report.put("people", options.people());
        report.put("staff", options.staff());
        report.put("concurrency", options.concurrency());
        report.put("pool", pool);
        Clock clock = context.getBean(Clock.class);

        List<UUID> people = people(context, options.people());
        UnsubscribeToken tokens = new UnsubscribeToken(context.getBean(Vault.class)::linkSignature);
        List<URI> unsubscribes = new ArrayList<>(people.size());
        for (UUID p : people) {
            unsubscribes.add(URI.create(base + "/u/" + tokens.issue(p, MarketingChannel.EMAIL, "newsletters", clock.instant())));
        }
        List<Session> sessions = staff(context, base, people);
        String version = bannerVersion(base);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        jdbc.sql("CHECKPOINT").update();
        AtomicLong unsubscribeNext = new AtomicLong();
        Requests requests = new Requests(base, people, unsubscribes, sessions, version, LocalDate.now(clock.withZone(Zones.PARIS)), unsubscribeNext);

        // the same two requests for wrk (bench/wrk/get.lua, person.lua): the sessions' cookies and the people's ids in files
        Path cookies = Wrk.lines("charte-bench-sessions-", sessions.stream().map(Session::cookie).toList());
        Wrk.Script noOpScript = Wrk.Script.of(base, "get.lua", "path", NOOP, "accept", "application/json", "cookies", cookies.toString());
        Wrk.Script readScript = Wrk.Script.of(base, "person.lua", "cookies", cookies.toString(), "people",
                Wrk.lines("charte-bench-people-", people.stream().map(UUID::toString).toList()).toString());
        System.out.println(HttpLoad.generatorLine() + " for the no-op and the person read; the mix: Java's HttpClient in this JVM");
        report.put("generator", HttpLoad.generatorLine());
        System.out.printf(Locale.ROOT, "warm-up: the mix for %d s, then the no-op and the person read for %d s each%n", options.warmup(),
                Math.max(1, options.warmup() / 2));
        Map<Op, HttpLoad.Result> warm = mix(requests, options.warmup(), null);
        HttpLoad.run("warm-up no-op", options.concurrency(), Long.MAX_VALUE, Math.max(1, options.warmup() / 2), requests::noOp, noOpScript);
        HttpLoad.run("warm-up read", options.concurrency(), Long.MAX_VALUE, Math.max(1, options.warmup() / 2), requests::read, readScript);
        long warmErrors = warm.values().stream().mapToLong(r -> r.errors()).sum();
        System.out.printf(Locale.ROOT, "  warm-up mix: %,d requests, %,d errors%n", warm.values().stream().mapToLong(HttpLoad.Result::requests).sum(),
                warmErrors);

        System.out.println(HttpLoad.header());
        List<HttpLoad.Result> noOps = new ArrayList<>();
        List<HttpLoad.Result> reads = new ArrayList<>();
        ServerCpu cpu = new ServerCpu(context.getBean(JdbcClient.class));
        double[] noOpCpu = new double[2];
        double[] readCpu = new double[2];
        for (int round = 1; round <= options.rounds(); round++) {
            double[] before = cpu.now();
            noOps.add(HttpLoad.run("  round " + round + " no-op", options.concurrency(), Long.MAX_VALUE, options.measure(), requests::noOp, noOpScript));
            double[] between = cpu.now();
            reads.add(HttpLoad.run("  round " + round + " read a person", options.concurrency(), Long.MAX_VALUE, options.measure(), requests::read,
                    readScript));
            double[] after = cpu.now();
            for (int i = 0; i < 2; i++) {
                noOpCpu[i] += between[i] - before[i];
                readCpu[i] += after[i] - between[i];
            }
            System.out.println(noOps.getLast().line() + ServerCpu.perRequest(between, before, noOps.getLast().requests()));
            System.out.println(reads.getLast().line() + ServerCpu.perRequest(after, between, reads.getLast().requests()));
        }
        HttpLoad.Result noOp = HttpLoad.merge("GET " + NOOP + " (baseline)", noOps);
        HttpLoad.Result read = HttpLoad.merge("GET /api/v1/subjects/{id} alone", reads);
        System.out.println(noOp.line() + ServerCpu.perRequest(noOpCpu, new double[2], noOp.requests()));
        System.out.println(read.line() + ServerCpu.perRequest(readCpu, new double[2], read.requests()));
        report.put("serverCpuMsPerRequest", Map.of("noOpJvm", noOpCpu[0] / noOp.requests(), "noOpPostgresql", noOpCpu[1] / noOp.requests(),
                "readJvm", readCpu[0] / read.requests(), "readPostgresql", readCpu[1] / read.requests()));
        boolean readsOk = read.answered(200) == read.requests() && noOp.answered(200) == noOp.requests();
        double ratio = read.rate() / noOp.rate();

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Map<String, Object>> heap = new ArrayList<>();
        double heapStart = heapAfterGc(memory);
        heap.add(Map.of("second", 0, "usedMiB", heapStart));
        System.out.printf(Locale.ROOT, "the mix for %d s (heap after a full GC: %.1f MiB)%n", options.mix(), heapStart);
        long auditBefore = jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single();
        Map<Op, HttpLoad.Result> mixed = mix(requests, options.mix(), heap);
        double heapEnd = heapAfterGc(memory);
        heap.add(Map.of("second", options.mix(), "usedMiB", heapEnd));
        long auditAfter = jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single();
        System.out.println(HttpLoad.header());
        long total = 0;
        double seconds = 0;
        long errors = 0;
        for (HttpLoad.Result r : mixed.values()) {
            System.out.println(r.line());
            total += r.requests();
            seconds = Math.max(seconds, r.seconds());
            errors += r.errors();
        }
        System.out.printf(Locale.ROOT, "  the mix: %,d requests in %.1f s, %.0f/s; %,d errors; %,d audit entries written (%.0f/s)%n", total, seconds,
                total / seconds, errors, auditAfter - auditBefore, (auditAfter - auditBefore) / seconds);
        System.out.printf(Locale.ROOT, "  heap after a full GC, MiB, every %d s: %s%n", options.heapEvery(),
                heap.stream().map(h -> String.format(Locale.ROOT, "%.1f", (Double) h.get("usedMiB"))).collect(Collectors.joining(" ")));

        long verifyStart = System.nanoTime();
        AuditVerification verification = context.getBean(AuditLog.class).verify();
        double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
        long entries = jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single();
        boolean chainOk = verification.intact() && verification.entriesChecked() == entries;
        System.out.printf(Locale.ROOT, "  audit chain: %s, %,d of %,d entries checked in %.1f s%s%n", verification.intact() ? "intact" : "BROKEN",
                verification.entriesChecked(), entries, verifySeconds, verification.firstProblem() == null ? "" : " " + verification.firstProblem());

        boolean rateMet = read.rate() >= options.target();
        boolean ratioMet = ratio >= options.ratioTarget();
        boolean heapStable = heapEnd <= heapStart * 1.25 + 32;
        System.out.printf(Locale.ROOT, "  read a person alone %.0f/s (p50 %.2f ms, p99 %.2f ms), no-op %.0f/s (p50 %.2f ms, p99 %.2f ms): ratio %.3f%n",
                read.rate(), read.ms(0.5), read.ms(0.99), noOp.rate(), noOp.ms(0.5), noOp.ms(0.99), ratio);
        System.out.printf(Locale.ROOT, "  read a person %.0f/s: target >= %.0f/s %s; ratio to the no-op %.3f: target >= %.2f %s%n", read.rate(),
                options.target(), rateMet ? "MET" : "NOT MET", ratio, options.ratioTarget(), ratioMet ? "MET" : "NOT MET");
        System.out.printf(Locale.ROOT, "  checks: errors in the mix %,d (warm-up %,d), reads and no-ops all 200: %s; audit chain intact and whole: %s; "
                + "heap %.1f -> %.1f MiB: %s%n", errors, warmErrors, readsOk ? "yes" : "NO", chainOk ? "yes" : "NO", heapStart, heapEnd,
                heapStable ? "stable" : "GREW");

        report.put("baselineNoOp", noOp.json());
        report.put("readAlone", read.json());
        report.put("rateRatio", ratio);
        Map<String, Object> mixReport = new LinkedHashMap<>();
        mixed.forEach((op, r) -> mixReport.put(op.name(), r.json()));
        report.put("mix", mixReport);
        report.put("mixSeconds", seconds);
        report.put("mixRequests", total);
        report.put("mixErrors", errors);
        report.put("warmupErrors", warmErrors);
        report.put("auditEntriesWritten", auditAfter - auditBefore);
        report.put("auditChain", Map.of("intact", verification.intact(), "checked", verification.entriesChecked(), "entries", entries,
                "seconds", verifySeconds));
        report.put("heapAfterGcMiB", heap);
        report.put("heapStable", heapStable);
        report.put("target", Map.of("readPerSecond", options.target(), "met", rateMet, "ratio", options.ratioTarget(), "ratioMet", ratioMet));
        boolean passed = errors == 0 && readsOk && chainOk && heapStable;
        report.put("checksPassed", passed);
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(options.result().toFile(), report);
        return passed ? 0 : 1;
    }

    private static double heapAfterGc(MemoryMXBean memory) {
        System.gc();
        return BenchDatabase.mib(memory.getHeapMemoryUsage().getUsed());
    }

    /** The requests of each operation, varied by their number. */
    record Requests(String base, List<UUID> people, List<URI> unsubscribes, List<Session> sessions, String version, LocalDate today,
            AtomicLong unsubscribeNext) {

        private Session session(long i) {
            return sessions.get((int) (i % sessions.size()));
        }

        private UUID person(long i) {
            return people.get((int) Math.floorMod(i * 7919, people.size()));
        }

        HttpRequest noOp(long i) {
            return HttpRequest.newBuilder(URI.create(base + NOOP)).timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                    .header("Cookie", session(i).cookie()).GET().build();
        }

        HttpRequest read(long i) {
            return HttpRequest.newBuilder(URI.create(base + "/api/v1/subjects/" + person(i) + "?purpose=customer-service"))
                    .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").header("Cookie", session(i).cookie()).GET().build();
        }

        private HttpRequest staffPost(long i, String path, String json) {
            Session s = session(i);
            return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                    .header("Content-Type", "application/json").header("Cookie", s.cookie()).header("X-CSRF-TOKEN", s.csrf())
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        }

        HttpRequest request(Op op, long i) {
            return switch (op) {
                case READ_PERSON -> read(i);
                case ORDER -> staffPost(i, "/api/v1/subjects/" + person(i) + "/orders",
                        "{\"currency\":\"EUR\",\"lines\":[{\"productCode\":\"FORMATION-GESTAN\",\"quantity\":" + (1 + i % 3)
                                + ",\"unitPrice\":\"150.00\"}]}");
                case TICKET -> staffPost(i, "/api/v1/subjects/" + person(i) + "/tickets",
                        "{\"channel\":\"PHONE\",\"title\":\"Accès impossible\",\"message\":\"La cliente n'arrive plus à se connecter depuis ce matin.\"}");
                case RIGHTS_REQUEST -> staffPost(i, "/api/v1/rights-requests", "{\"type\":\"access\",\"channel\":\"email\",\"receivedOn\":\"" + today
                        + "\",\"name\":\"Jeanne Courriel\",\"email\":\"jeanne-" + i + "@example.org\",\"details\":\"Demande reçue par courriel.\",\"language\":\"fr\"}");
                case CONSENT -> HttpRequest.newBuilder(URI.create(base + "/consent/v1/records")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("User-Agent", CHROME)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"consentId\":\"" + UUID.randomUUID() + "\",\"bannerVersion\":\"" + version
                                + "\",\"method\":\"banner\",\"site\":\"https://www.gestan-demo.example\",\"language\":\"" + (i % 3 == 0 ? "en" : "fr")
                                + "\",\"choices\":{\"audience\":" + (i % 2 == 0) + ",\"social-sharing\":" + (i % 5 == 0) + "}}"))
                        .build();
                case UNSUBSCRIBE -> HttpRequest.newBuilder(unsubscribes.get((int) (unsubscribeNext.getAndIncrement() % unsubscribes.size())))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build();
            };
        }
    }

    /**
     * The mix: {@code --concurrency} virtual threads on one HTTP/1.1 client, each drawing its next
     * operation by weight (a fixed pseudo-random sequence) until {@code seconds} passed; latencies
     * and statuses per operation. When {@code heap} is given, a sampler records the heap after a
     * full GC every {@code --heap-every} seconds.
     */
    private Map<Op, HttpLoad.Result> mix(Requests requests, int seconds, List<Map<String, Object>> heap) throws Exception {
        Op[] table = new Op[100];
        int k = 0;
        for (Op op : Op.values()) {
            for (int w = 0; w < op.weight; w++) {
                table[k++] = op;
            }
        }
        int concurrency = options.concurrency();
        int ops = Op.values().length;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            AtomicLong next = new AtomicLong();
            List<Map<Integer, Long>> statuses = new ArrayList<>();
            LongAdder[] errors = new LongAdder[ops];
            for (int o = 0; o < ops; o++) {
                statuses.add(new ConcurrentHashMap<>());
                errors[o] = new LongAdder();
            }
            long[][][] samples = new long[concurrency][ops][];
            int[][] counts = new int[concurrency][ops];
            CountDownLatch done = new CountDownLatch(concurrency);
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            AtomicLong last = new AtomicLong(start);
            int perThread = (int) Math.min(2_000_000L, 6_000L * seconds / Math.max(1, concurrency / 8) + 1000);
            for (int t = 0; t < concurrency; t++) {
                int thread = t;
                Thread.ofVirtual().name("bench-mix-" + t).start(() -> {
                    try {
                        while (true) {
                            long i = next.getAndIncrement();
                            if (System.nanoTime() >= end) {
                                break;
                            }
                            Op op = table[(int) Math.floorMod(i * 2654435761L >>> 7, 100)];
                            int o = op.ordinal();
                            HttpRequest r = requests.request(op, i);
                            long t0 = System.nanoTime();
                            try {
                                HttpResponse<byte[]> response = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
                                statuses.get(o).merge(response.statusCode(), 1L, Long::sum);
                                if (response.statusCode() != op.expected) {
                                    errors[o].increment();
                                    if (errors[o].sum() <= 3) {
                                        System.out.printf(Locale.ROOT, "  %s answered %d: %s%n", op.label, response.statusCode(),
                                                new String(response.body(), StandardCharsets.UTF_8).lines().limit(3).collect(Collectors.joining(" ")));
                                    }
                                }
                            } catch (Exception e) {
                                errors[o].increment();
                                statuses.get(o).merge(-1, 1L, Long::sum);
                            }
                            long t1 = System.nanoTime();
                            long[] mine = samples[thread][o];
                            if (mine == null) {
                                mine = samples[thread][o] = new long[Math.max(1000, perThread * op.weight / 100)];
                            }
                            if (counts[thread][o] < mine.length) {
                                mine[counts[thread][o]++] = t1 - t0;
                            }
                            last.accumulateAndGet(t1, Math::max);
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            if (heap != null) {
                MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                for (int s = options.heapEvery(); s < seconds; s += options.heapEvery()) {
                    long at = start + s * 1_000_000_000L;
                    while (System.nanoTime() < at && done.getCount() > 0) {
                        Thread.sleep(Math.max(1, Math.min(1000, (at - System.nanoTime()) / 1_000_000)));
                    }
                    heap.add(Map.of("second", s, "usedMiB", heapAfterGc(memory)));
                }
            }
            done.await();
            double elapsed = (last.get() - start) / 1e9;
            Map<Op, HttpLoad.Result> results = new LinkedHashMap<>();
            for (Op op : Op.values()) {
                int o = op.ordinal();
                int n = 0;
                for (int t = 0; t < concurrency; t++) {
                    n += counts[t][o];
                }
                long[] all = new long[n];
                int at = 0;
                for (int t = 0; t < concurrency; t++) {
                    if (samples[t][o] != null) {
                        System.arraycopy(samples[t][o], 0, all, at, counts[t][o]);
                        at += counts[t][o];
                    }
                }
                Arrays.sort(all);
                long count = statuses.get(o).values().stream().mapToLong(Long::longValue).sum();
                results.put(op, new HttpLoad.Result(op.label, count, elapsed, all, new TreeMap<>(statuses.get(o)), errors[o].sum()));
            }
            return results;
        } finally {
            client.close();
        }
    }

    /** People registered through the real code with their e-mail consent to newsletters; untimed. */
    private static List<UUID> people(ConfigurableApplicationContext context, int count) throws Exception {
        Subjects subjects = context.getBean(Subjects.class);
        MarketingChoices choices = context.getBean(MarketingChoices.class);
        LocalDate today = LocalDate.now(context.getBean(Clock.class).withZone(Zones.PARIS));
        context.getBean(Vault.class).linkSignature(new byte[1]); // the vault's own keys, loaded once before the callers take every connection
        long start = System.nanoTime();
        List<Future<UUID>> futures = new ArrayList<>(count);
        try (ExecutorService pool = Executors.newFixedThreadPool(8, Thread.ofVirtual().name("bench-people-", 0).factory())) {
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    UUID id = subjects.register(SubjectStatus.PROSPECT,
                            new PersonalData(new Identity("Mme", "CHARGE", "Claire", LocalDate.of(1980, 1, 1).plusDays(n % 9000)),
                                    new Contacts(List.of(new PostalAddress(List.of(n + " rue Vauban"), "21000", "Dijon", "FR")),
                                            List.of("load-" + n + "@example.org"), List.of(String.format(Locale.ROOT, "+336%08d", 10_000_000 + n))), null),
                            today.minusMonths(1));
                    choices.consent(Actor.subject(id), "rights-requests", id,
                            new NewConsent(MarketingChannel.EMAIL, "newsletters", Means.FORM, "newsletter-form-v3", "https://www.example.org/inscription"));
                    return id;
                }));
            }
        }
        List<UUID> people = new ArrayList<>(count);
        for (Future<UUID> f : futures) {
            people.add(f.get());
        }
        System.out.printf(Locale.ROOT, "set-up: %,d people registered with their e-mail consent in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        return people;
    }

    /** ADV members who signed the commitment, with the DPO's grants on every person, signed in over HTTP. */
    private List<Session> staff(ConfigurableApplicationContext context, String base, List<UUID> people) throws Exception {
        StaffDirectory directory = context.getBean(StaffDirectory.class);
        Commitments commitments = context.getBean(Commitments.class);
        Grants grants = context.getBean(Grants.class);
        Clock clock = context.getBean(Clock.class);
        StaffMember dpo = directory.create(new StaffDirectory.NewStaff("bench-dpo-" + UUID.randomUUID().toString().substring(0, 8), "DPO", "dpo", PASSWORD));
        List<ResourceRef> everyone = people.stream().map(ResourceRef::subject).toList();
        List<Session> sessions = new ArrayList<>();
        for (int s = 0; s < options.staff(); s++) {
            String login = "bench-adv-" + s + "-" + UUID.randomUUID().toString().substring(0, 6);
            StaffMember member = directory.create(new StaffDirectory.NewStaff(login, "ADV " + s, "adv", PASSWORD));
            commitments.sign(member.id());
            grants.grantIndividual(member.id(), "customer-service", Set.of("identity", "contact", "support-requests"), everyone, clock.instant().plus(Duration.ofDays(1)),
                    "load benchmark", dpo.id());
            grants.grantIndividual(member.id(), "orders", Set.of("orders"), everyone, clock.instant().plus(Duration.ofDays(1)), "load benchmark",
                    dpo.id());
            sessions.add(signIn(base, login));
        }
        System.out.printf(Locale.ROOT, "set-up: %d ADV members signed in, each with grants on every person%n", sessions.size());
        return sessions;
    }

    /** Password, then enrolment of the second factor with a TOTP code, as a person would; the session's cookie and CSRF token. */
    private static Session signIn(String base, String login) throws Exception {
        CookieManager cookies = new CookieManager();
        try (HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build()) {
            String page = get(client, base + "/backoffice/connexion");
            HttpResponse<String> password = postForm(client, base + "/backoffice/connexion",
                    Map.of("username", login, "password", PASSWORD, "_csrf", csrf(page)));
            if (!password.headers().firstValue("Location").orElse("").endsWith("/backoffice/enrolement")) {
                throw new IllegalStateException("sign-in of " + login + ": expected the enrolment page, got " + password.statusCode());
            }
            String enrolment = get(client, base + "/backoffice/enrolement");
            Matcher secret = Pattern.compile("id=\"secret\">([A-Z2-7]+)<").matcher(enrolment);
            if (!secret.find()) {
                throw new IllegalStateException("no key on the enrolment page");
            }
            String code = Totp.code(Totp.fromBase32(secret.group(1)), Totp.step(Instant.now()));
            HttpResponse<String> done = postForm(client, base + "/backoffice/enrolement", Map.of("code", code, "_csrf", csrf(enrolment)));
            if (!done.headers().firstValue("Location").orElse("").endsWith("/backoffice")) {
                throw new IllegalStateException("enrolment of " + login + " refused: " + done.statusCode());
            }
            String csrf = csrf(get(client, base + "/backoffice/connexion"));
            HttpCookie session = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no session cookie"));
            return new Session("JSESSIONID=" + session.getValue(), csrf);
        }
    }

    private static String get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpResponse<String> postForm(HttpClient client, String url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token in the page");
        }
        return m.group(1);
    }

    /** The banner version consent.js is given, as the script names it. */
    private static String bannerVersion(String base) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            String script = get(client, base + "/consent/v1/consent.js");
            Matcher v = Pattern.compile("\\{\"v\":\"([0-9a-f]{16})\"").matcher(script);
            if (!v.find()) {
                throw new IllegalStateException("consent.js names no banner version");
            }
            return v.group(1);
        }
    }

    /**
     * The server's CPU, in milliseconds: this JVM's (Charte and, during the no-op and read rounds,
     * nothing else: wrk is a process of its own) and the PostgreSQL cluster's (every process
     * {@code pg_stat_activity} lists, from {@code /proc}: the cluster runs on this machine). CPU
     * per request says more than a rate on a machine shared with other work.
     */
    static final class ServerCpu {
        private final JdbcClient jdbc;
        private final Map<Integer, Double> postgresql = new HashMap<>();
        private double postgresqlTotal;

        ServerCpu(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        /** {JVM ms, PostgreSQL ms} so far (PostgreSQL's: the sum of each process's CPU since it was first seen here). */
        double[] now() {
            double jvm = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
            for (Integer pid : jdbc.sql("SELECT pid FROM pg_stat_activity").query(Integer.class).list()) {
                double ms = processCpuMs(pid);
                Double seen = postgresql.put(pid, ms);
                postgresqlTotal += seen == null ? 0 : Math.max(0, ms - seen);
            }
            return new double[] {jvm, postgresqlTotal};
        }

        private static double processCpuMs(int pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0; // utime + stime, in ticks of 10 ms (USER_HZ 100)
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        static String perRequest(double[] to, double[] from, long requests) {
            return requests == 0 ? "" : String.format(Locale.ROOT, " (server CPU %.3f ms/request: JVM %.3f, PostgreSQL %.3f)",
                    (to[0] - from[0] + to[1] - from[1]) / requests, (to[0] - from[0]) / requests, (to[1] - from[1]) / requests);
        }
    }

    static Options parse(String[] args) {
        Map<String, String> a = BenchDatabase.options(args);
        String url = a.remove("pg-url");
        if (url == null) {
            throw new IllegalArgumentException("--pg-url is required");
        }
        Options o = new Options(url, BenchDatabase.integer(a.remove("people"), 2000, 10, 100_000), BenchDatabase.integer(a.remove("staff"), 8, 1, 100),
                BenchDatabase.integer(a.remove("concurrency"), 32, 1, 1000), BenchDatabase.integer(a.remove("warmup"), 10, 1, 600),
                BenchDatabase.integer(a.remove("measure"), 10, 1, 600), BenchDatabase.integer(a.remove("rounds"), 3, 1, 100),
                BenchDatabase.integer(a.remove("mix"), 300, 5, 3600), BenchDatabase.integer(a.remove("heap-every"), 30, 1, 3600),
                Double.parseDouble(a.getOrDefault("target", "3000")), Double.parseDouble(a.getOrDefault("ratio-target", "0.25")),
                BenchDatabase.integer(a.remove("deadline"), 1800, 30, 14_400), Path.of(a.getOrDefault("result", "bench/results/load.json")));
        a.remove("target");
        a.remove("ratio-target");
        a.remove("result");
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        return o;
    }
}
