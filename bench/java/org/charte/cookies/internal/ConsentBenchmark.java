package org.charte.cookies.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.bench.BenchDatabase;
import org.charte.CharteApplication;
import org.charte.bench.HttpLoad;
import org.charte.bench.Wrk;
import org.charte.common.SyntheticData;
import org.charte.marketing.internal.CpuMeter;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proofs of cookie choices (L3, R9.11) on durable PostgreSQL over real HTTP (run by
 * {@code bench/run consent}, not a test; see bench/README.md).
 *
 * <ol>
 * <li>Creates a database on the cluster named by {@code --pg-url} and starts the real application
 * on it with its web server on a free loopback port, plus two no-op endpoints of the benchmark's
 * own (registered in its context only; nothing of them is in Charte):
 * <ul>
 * <li><b>the no-op</b> (the baseline the target's ratio is taken against), {@code POST
 * /consent/v1/bench-noop}: a handler that reads the body and answers 201 with a small JSON body,
 * behind everything a real endpoint is behind (Tomcat, the servlet filters, Spring Security and
 * its URL rules, under the same public door as the consent records, the DispatcherServlet);</li>
 * <li><b>the Tomcat-only no-op</b>, {@code POST /bench/noop}: a servlet filter ahead of every
 * other one that does the same: the cost of an HTTP request on this server, nothing more
 * (for information).</li>
 * </ul></li>
 * <li>Warm-up: the no-ops, then {@code POST /consent/v1/records}, {@code --warmup} seconds each.</li>
 * <li>{@code --rounds} rounds, each of: the no-op, <b>consent</b> ({@code POST /consent/v1/records},
 * a new consent id and a choice on the banner in force each time, as consent.js posts it; a 201
 * comes after the proof's commit), the Tomcat-only no-op, and {@code GET /actuator/health} (the
 * other benchmarks' baseline), and (unless {@code --long-way=0}) the same choices the long way, {@code POST
 * /consent/v1/records?long-way} (a query string: {@link ConsentDoor} leaves it to Spring Security and Spring MVC, as
 * every choice went before that door), {@code --measure} seconds each, by the same {@code --concurrency} callers
 * (128: at 10,000 proofs a second answered in about 10 ms, a hundred are in flight at any moment). Taking turns, the phases share the changes of a loaded machine alike; each phase's
 * rounds are then pooled (requests over seconds, latencies together).</li>
 * <li>Checks: every consent POST answered 201, and the database holds exactly as many proofs
 * (each with its choices) as were acknowledged (with wrk, plus at most the requests in flight when
 * it stopped at the end of a phase, whose answers it did not read).</li>
 * </ol>
 *
 * <pre>ConsentBenchmark --pg-url=... [--concurrency=128] [--warmup=20] [--measure=5] [--rounds=3] [--pool=N] [--writers=N]
 *     [--target=10000] [--p99-target=100] [--ratio-target=0.5] [--deadline=900] [--long-way=1] [--result=FILE]</pre>
 */
public final class ConsentBenchmark {

    static final String NOOP = "/bench/noop";
    /** Under the consent door (/consent/v1/**: anyone, no session), so that the same security rules apply. */
    static final String MVC_NOOP = "/consent/v1/bench-noop";
    static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36";

    record Options(String adminUrl, int concurrency, int warmup, int measure, int rounds, int pool, int writers, double target, double p99Target, double ratioTarget,
            int deadlineSeconds, Path result, boolean longWay) {}

    /**
     * The same door the long way ({@code --long-way=1}): a query string, which {@link ConsentDoor} leaves to Spring
     * Security's chain and Spring MVC's {@code ConsentApi}, as every choice went before the door (for comparison).
     */
    static final String LONG_WAY = "/consent/v1/records?long-way";

    private final Options options;
    private final Map<String, Object> report = new LinkedHashMap<>();

    private ConsentBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ConsentBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchDatabase.runAndExit("ConsentBenchmark", options.deadlineSeconds(), new ConsentBenchmark(options)::run);
    }

    /** The no-op endpoint: ahead of every other filter, reads the body, answers 201 with a small JSON body. */
    static FilterRegistrationBean<Filter> noOp() {
        byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        Filter filter = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            if (!http.getRequestURI().equals(NOOP)) {
                chain.doFilter(request, response);
                return;
            }
            http.getInputStream().readAllBytes();
            created((HttpServletResponse) response, answer);
        };
        return aheadOfAll(filter, NOOP);
    }

    /** A filter of the benchmark's own on one path, ahead of every other filter. */
    private static FilterRegistrationBean<Filter> aheadOfAll(Filter filter, String path) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(path);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** 201 with a JSON body. */
    private static void created(HttpServletResponse out, byte[] json) throws IOException {
        out.setStatus(201);
        out.setContentType("application/json");
        out.setContentLength(json.length);
        out.getOutputStream().write(json);
    }

    /**
     * The no-op endpoint of the application: a handler that reads the body and answers 201 with a
     * small JSON body, behind everything a real endpoint is behind (Tomcat, the servlet filters,
     * Spring Security and its URL rules, the DispatcherServlet). A functional route, not an
     * annotated controller: the benchmarks are compiled with the tests, whose component scan must
     * not find it.
     */
    static RouterFunction<ServerResponse> mvcNoOp() {
        return RouterFunctions.route().POST(MVC_NOOP, request -> {
            request.servletRequest().getInputStream().readAllBytes();
            return ServerResponse.status(201).contentType(MediaType.APPLICATION_JSON).body("{\"ok\":true}");
        }).build();
    }

    /** Charte with its web server on a free loopback port and the benchmark's no-op endpoints. */
    static ConfigurableApplicationContext startWeb(String url, String user, Path dataDir, String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=", "--charte.data-dir=" + dataDir, "--" + SyntheticData.PROPERTY + "=true",
                "--charte.retention.cron=-", "--spring.main.log-startup-info=false", "--logging.level.root=WARN", "--logging.level.org.charte=WARN",
                "--server.port=0", "--server.address=127.0.0.1"));
        args.addAll(BenchDatabase.ONE_ADDRESS);
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(CharteApplication.class).web(WebApplicationType.SERVLET)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("benchNoOp", FilterRegistrationBean.class,
                        ConsentBenchmark::noOp))
                .initializers(context -> ((GenericApplicationContext) context).registerBean("benchMvcNoOp", RouterFunction.class,
                        ConsentBenchmark::mvcNoOp))
                .run(args.toArray(String[]::new));
    }

    private int run() throws Exception {
        String admin = options.adminUrl();
        report.put("postgresql", BenchDatabase.settings(admin));
        String name = BenchDatabase.newName("charte_bench_consent_");
        BenchDatabase.execute(admin, "CREATE DATABASE " + name);
        Path dataDir = Files.createTempDirectory("charte-bench-data");
        List<String> more = new ArrayList<>();
        if (options.pool() > 0) {
            more.add("--spring.datasource.hikari.maximum-pool-size=" + options.pool());
        }
        if (options.writers() > 0) {
            more.add("--charte.cookies.writers=" + options.writers());
        }
        try (ConfigurableApplicationContext context = startWeb(BenchDatabase.url(admin, name), BenchDatabase.user(admin), dataDir,
                more.toArray(String[]::new))) {
            return measure(context);
        } finally {
            BenchDatabase.deleteTree(dataDir);
            BenchDatabase.dropQuietly(admin, name);
        }
    }

    /** The banner version consent.js is given, as the script names it. */
    static String bannerVersion(String base) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            String script = client.send(HttpRequest.newBuilder(URI.create(base + "/consent/v1/consent.js")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher v = Pattern.compile("\\{\"v\":\"([0-9a-f]{16})\"").matcher(script);
            if (!v.find()) {
                throw new IllegalStateException("consent.js names no banner version");
            }
            return v.group(1);
        }
    }

    /** The same choices for wrk (bench/wrk/consent.lua): new consent ids (their middle random for each phase), answers varied alike. */
    static Wrk.Script choices(String base, String path, String version) {
        return Wrk.Script.of(base, "consent.lua", "path", path, "version", version, "agent", CHROME, "ids",
                UUID.randomUUID().toString().substring(9, 23), "seed", Long.toString(ThreadLocalRandom.current().nextInt(1 << 30)));
    }

    /** A choice as consent.js posts it, for a new consent id; {@code i} varies the answers. */
    static HttpRequest choice(URI records, String version, UUID consentId, long i) {
        String body = "{\"consentId\":\"" + consentId + "\",\"bannerVersion\":\"" + version + "\",\"method\":\"banner\","
                + "\"site\":\"https://www.gestan-demo.example\",\"language\":\"" + (i % 3 == 0 ? "en" : "fr") + "\","
                + "\"choices\":{\"audience\":" + (i % 2 == 0) + ",\"social-sharing\":" + (i % 5 == 0) + "}}";
        return HttpRequest.newBuilder(records).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("User-Agent", CHROME).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private int measure(ConfigurableApplicationContext context) throws Exception {
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        String base = "http://127.0.0.1:" + port;
        int pool = context.getEnvironment().getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 10);
        int batchSize = context.getEnvironment().getProperty("charte.cookies.batch-size", Integer.class, 1000);
        int writers = context.getEnvironment().getProperty("charte.cookies.writers", Integer.class, 2);
        System.out.printf(Locale.ROOT, "Charte on %s (connection pool %d, consent batches of at most %d, %d writers), %d concurrent callers%n", base,
                pool, batchSize, writers, options.concurrency());
        report.put("writers", writers);
        report.put("concurrency", options.concurrency());
        report.put("pool", pool);
        report.put("batchSize", batchSize);
        String version = bannerVersion(base);
        URI records = URI.create(base + "/consent/v1/records");
        ConsentWriter writer = context.getBean(ConsentWriter.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        jdbc.sql("CHECKPOINT").update();

        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/actuator/health")).timeout(Duration.ofSeconds(30)).GET().build();
        Wrk.Script healthScript = Wrk.Script.of(base, "get.lua", "path", "/actuator/health");
        System.out.println(HttpLoad.generatorLine());
        report.put("generator", HttpLoad.generatorLine());
        System.out.printf(Locale.ROOT, "warm-up: the no-op and the consent POSTs, %d s each%n", options.warmup());
        HttpLoad.run("warm-up no-op", options.concurrency(), Long.MAX_VALUE, options.warmup(),
                i -> noOpRequest(base, version, i), choices(base, NOOP, version));
        HttpLoad.run("warm-up no-op", options.concurrency(), Long.MAX_VALUE, options.warmup(),
                i -> choice(URI.create(base + MVC_NOOP), version, UUID.randomUUID(), i), choices(base, MVC_NOOP, version));
        HttpLoad.Result warmLongWay = null;
        if (options.longWay()) { // the long way warmed as well, so that both ways are compared warm
            warmLongWay = HttpLoad.run("warm-up consent the long way", options.concurrency(), Long.MAX_VALUE, options.warmup(),
                    i -> choice(URI.create(base + LONG_WAY), version, UUID.randomUUID(), i), choices(base, LONG_WAY, version));
        }
        HttpLoad.Result warm = HttpLoad.run("warm-up consent", options.concurrency(), Long.MAX_VALUE, options.warmup(),
                i -> choice(records, version, UUID.randomUUID(), i), choices(base, "/consent/v1/records", version));
        System.out.println(HttpLoad.header());
        System.out.println(warm.line());

        // The phases take turns, --rounds times, so that a change in the machine's load (it is shared) weighs on each alike.
        List<HttpLoad.Result> noOps = new ArrayList<>();
        List<HttpLoad.Result> consents = new ArrayList<>();
        List<HttpLoad.Result> filterNoOps = new ArrayList<>();
        List<HttpLoad.Result> healths = new ArrayList<>();
        List<HttpLoad.Result> longWays = new ArrayList<>();
        CpuMeter.Sample longWayCpu = new CpuMeter.Sample(0, 0);
        long longWayBatches = 0;
        long batchesBefore = writer.batches();
        // The CPU each phase cost (the JVM's, the server's alone with wrk; PostgreSQL's backends), summed over the rounds
        CpuMeter cpu = CpuMeter.of(jdbc);
        CpuMeter.Sample zero = new CpuMeter.Sample(0, 0);
        CpuMeter.Sample noOpCpu = zero;
        CpuMeter.Sample consentCpu = zero;
        for (int round = 1; round <= options.rounds(); round++) {
            CpuMeter.Sample start = cpu.now();
            noOps.add(HttpLoad.run("  round " + round + " no-op", options.concurrency(), Long.MAX_VALUE, options.measure(),
                    i -> choice(URI.create(base + MVC_NOOP), version, UUID.randomUUID(), i), choices(base, MVC_NOOP, version)));
            CpuMeter.Sample middle = cpu.now();
            consents.add(HttpLoad.run("  round " + round + " consent", options.concurrency(), Long.MAX_VALUE, options.measure(),
                    i -> choice(records, version, UUID.randomUUID(), i), choices(base, "/consent/v1/records", version)));
            CpuMeter.Sample end = cpu.now();
            noOpCpu = new CpuMeter.Sample(noOpCpu.jvmMs() + middle.jvmMs() - start.jvmMs(), noOpCpu.postgresMs() + middle.postgresMs() - start.postgresMs());
            consentCpu = new CpuMeter.Sample(consentCpu.jvmMs() + end.jvmMs() - middle.jvmMs(),
                    consentCpu.postgresMs() + end.postgresMs() - middle.postgresMs());
            filterNoOps.add(HttpLoad.run("  round " + round + " Tomcat-only no-op", options.concurrency(), Long.MAX_VALUE, options.measure(),
                    i -> noOpRequest(base, version, i), choices(base, NOOP, version)));
            healths.add(HttpLoad.run("  round " + round + " health", options.concurrency(), Long.MAX_VALUE, options.measure(), i -> health,
                    healthScript));
            if (options.longWay()) {
                CpuMeter.Sample before = cpu.now();
                long batchesAtStart = writer.batches();
                longWays.add(HttpLoad.run("  round " + round + " consent the long way", options.concurrency(), Long.MAX_VALUE,
                        options.measure(), i -> choice(URI.create(base + LONG_WAY), version, UUID.randomUUID(), i), choices(base, LONG_WAY, version)));
                CpuMeter.Sample after = cpu.now();
                longWayBatches += writer.batches() - batchesAtStart;
                longWayCpu = new CpuMeter.Sample(longWayCpu.jvmMs() + after.jvmMs() - before.jvmMs(),
                        longWayCpu.postgresMs() + after.postgresMs() - before.postgresMs());
                System.out.println(longWays.getLast().line());
            }
            System.out.println(noOps.getLast().line());
            System.out.println(consents.getLast().line());
            System.out.println(filterNoOps.getLast().line());
            System.out.println(healths.getLast().line());
        }
        long batches = writer.batches() - batchesBefore - longWayBatches; // the consent phases' own
        HttpLoad.Result noOp = HttpLoad.merge("POST " + MVC_NOOP + " (baseline)", noOps);
        HttpLoad.Result consent = HttpLoad.merge("POST /consent/v1/records", consents);
        HttpLoad.Result filterNoOp = HttpLoad.merge("POST " + NOOP + " (Tomcat only)", filterNoOps);
        HttpLoad.Result healthResult = HttpLoad.merge("GET /actuator/health", healths);
        System.out.println("all rounds:");
        System.out.println(noOp.line());
        System.out.println(consent.line());
        System.out.println(filterNoOp.line());
        System.out.println(healthResult.line());

        System.out.println(CpuMeter.line("POST " + MVC_NOOP + " (baseline)", zero, noOpCpu, noOp.requests()));
        System.out.println(CpuMeter.line("POST /consent/v1/records", zero, consentCpu, consent.requests()));
        report.put("cpuPerRequest", Map.of("baselineNoOp", CpuMeter.json(zero, noOpCpu, noOp.requests()),
                "consent", CpuMeter.json(zero, consentCpu, consent.requests())));
        long longWayAcknowledged = warmLongWay == null ? 0 : warmLongWay.answered(201);
        long longWayUnanswered = warmLongWay == null ? 0 : warmLongWay.unanswered();
        boolean longWayCreated = warmLongWay == null || warmLongWay.answered(201) == warmLongWay.requests();
        if (options.longWay()) {
            HttpLoad.Result longWay = HttpLoad.merge("POST " + LONG_WAY + " (Security and MVC)", longWays);
            System.out.println(longWay.line());
            System.out.println(CpuMeter.line("POST " + LONG_WAY + " (Security and MVC)", zero, longWayCpu, longWay.requests()));
            System.out.printf(Locale.ROOT, "  the long way, through Spring Security and MVC: %.0f proofs/s, p99 %.2f ms, %.3f of the MVC no-op; "
                    + "the door %.2f times its rate, %.1f proofs per commit%n", longWay.rate(), longWay.ms(0.99), longWay.rate() / noOp.rate(),
                    consent.rate() / longWay.rate(), longWayBatches == 0 ? 0.0 : longWay.requests() / (double) longWayBatches);
            report.put("longWay", longWay.json());
            report.put("longWayCpu", CpuMeter.json(zero, longWayCpu, longWay.requests()));
            report.put("rateRatioLongWay", consent.rate() / longWay.rate());
            longWayAcknowledged += longWay.answered(201);
            longWayUnanswered += longWay.unanswered();
            longWayCreated &= longWay.answered(201) == longWay.requests();
        }

        long stored = jdbc.sql("SELECT COUNT(*) FROM consent_record").query(Long.class).single();
        long choices = jdbc.sql("SELECT choices FROM consent_record").query(String.class).list().stream()
                .mapToLong(c -> StoredChoices.of(c).size()).sum();
        long acknowledged = warm.answered(201) + consent.answered(201) + longWayAcknowledged;
        report.put("rounds", options.rounds());
        boolean allCreated = warm.answered(201) == warm.requests() && consent.answered(201) == consent.requests() && longWayCreated;
        double ratio = consent.rate() / noOp.rate();
        System.out.printf(Locale.ROOT, "  consent / no-op: rate %.3f, p50 %.2f / %.2f ms, p99 %.2f / %.2f ms; consent / Tomcat-only no-op %.3f; "
                + "consent / health %.3f%n", ratio, consent.ms(0.5), noOp.ms(0.5), consent.ms(0.99), noOp.ms(0.99), consent.rate() / filterNoOp.rate(),
                consent.rate() / healthResult.rate());
        System.out.printf(Locale.ROOT, "  group commit: %,d batches for %,d proofs, %.1f proofs per commit%n", batches, consent.requests(),
                batches == 0 ? 0.0 : consent.requests() / (double) batches);
        boolean rateMet = consent.rate() >= options.target() && consent.ms(0.99) < options.p99Target();
        boolean ratioMet = ratio >= options.ratioTarget();
        System.out.printf(Locale.ROOT, "  consent %.0f durable records/s, p99 %.2f ms: target >= %.0f/s with p99 < %.0f ms %s%n", consent.rate(),
                consent.ms(0.99), options.target(), options.p99Target(), rateMet ? "MET" : "NOT MET");
        System.out.printf(Locale.ROOT, "  consent / no-op rate %.3f: target >= %.2f %s%n", ratio, options.ratioTarget(), ratioMet ? "MET" : "NOT MET");
        // wrk stops at the end of a phase with requests in flight, which the server may still store (never more): the Java
        // generator reads every answer (none in flight), so that every proof stored must then be an acknowledged one
        long inFlight = warm.unanswered() + consent.unanswered() + longWayUnanswered;
        boolean storedOk = stored >= acknowledged && stored <= acknowledged + inFlight && choices == 2 * stored;
        // Both ways name their requests' meters by the route (http.server.requests, uri /consent/v1/records), the door as Spring MVC does
        Timer metered = context.getBean(MeterRegistry.class).find("http.server.requests").tag("uri", "/consent/v1/records").tag("status", "201")
                .timer();
        long meteredCount = metered == null ? 0 : metered.count();
        boolean meteredOk = meteredCount >= acknowledged && meteredCount <= acknowledged + inFlight;
        System.out.printf(Locale.ROOT, "  request meters: %,d answers metered as POST /consent/v1/records 201 for %,d acknowledged: %s%n", meteredCount,
                acknowledged, meteredOk ? "ok" : "MISMATCH");
        report.put("meteredAsRoute", meteredCount);
        System.out.printf(Locale.ROOT, "  checks: every consent POST answered 201: %s; proofs stored %,d (choices %,d) for %,d acknowledged%s: %s%n",
                allCreated ? "yes" : "NO", stored, choices, acknowledged,
                inFlight == 0 ? "" : String.format(Locale.ROOT, " and %,d sent when wrk stopped, unanswered", inFlight), storedOk ? "ok" : "MISMATCH");

        report.put("warmup", warm.json());
        report.put("baselineNoOp", noOp.json());
        report.put("tomcatOnlyNoOp", filterNoOp.json());
        report.put("rateRatioTomcatOnly", consent.rate() / filterNoOp.rate());
        report.put("health", healthResult.json());
        report.put("consent", consent.json());
        report.put("batches", batches);
        report.put("rateRatio", ratio);
        report.put("rateRatioHealth", consent.rate() / healthResult.rate());
        report.put("target", Map.of("perSecond", options.target(), "p99Ms", options.p99Target(), "met", rateMet, "ratio", options.ratioTarget(),
                "ratioMet", ratioMet));
        report.put("proofsStored", stored);
        report.put("unansweredWhenStopped", inFlight);
        boolean passed = allCreated && storedOk && meteredOk;
        report.put("checksPassed", passed);
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(options.result().toFile(), report);
        return passed ? 0 : 1;
    }

    /** The no-op gets the same body as a consent POST, so that both read and send the same bytes. */
    private static HttpRequest noOpRequest(String base, String version, long i) {
        return choice(URI.create(base + NOOP), version, UUID.randomUUID(), i);
    }

    static Options parse(String[] args) {
        Map<String, String> a = BenchDatabase.options(args);
        String url = a.remove("pg-url");
        if (url == null) {
            throw new IllegalArgumentException("--pg-url is required");
        }
        Options o = new Options(url, BenchDatabase.integer(a.remove("concurrency"), 128, 1, 1000), BenchDatabase.integer(a.remove("warmup"), 20, 0, 600),
                BenchDatabase.integer(a.remove("measure"), 5, 1, 600), BenchDatabase.integer(a.remove("rounds"), 3, 1, 100),
                BenchDatabase.integer(a.remove("pool"), 0, 0, 190), BenchDatabase.integer(a.remove("writers"), 0, 0, 8),
                Double.parseDouble(a.getOrDefault("target", "10000")), Double.parseDouble(a.getOrDefault("p99-target", "100")),
                Double.parseDouble(a.getOrDefault("ratio-target", "0.5")), BenchDatabase.integer(a.remove("deadline"), 900, 30, 14_400),
                Path.of(a.getOrDefault("result", "bench/results/consent.json")), BenchDatabase.integer(a.remove("long-way"), 1, 0, 1) == 1);
        a.remove("target");
        a.remove("p99-target");
        a.remove("ratio-target");
        a.remove("result");
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        return o;
    }
}
