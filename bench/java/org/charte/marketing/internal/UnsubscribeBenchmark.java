package org.charte.marketing.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.charte.bench.BenchDatabase;
import org.charte.bench.HttpLoad;
import org.charte.bench.Wrk;
import org.charte.marketing.UnsubscribeToken;
import org.charte.policy.MarketingChannel;
import org.charte.vault.Vault;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * One-click unsubscribe (RFC 8058, L5) on PostgreSQL over real HTTP (run by {@code bench/run
 * unsubscribe}, not a test; see bench/README.md).
 *
 * <ol>
 * <li>Creates a database on the cluster named by {@code --pg-url} and starts the real application
 * on it with its web server on a free loopback port (Tomcat, Spring Security, the real controllers).</li>
 * <li>Makes {@code --people} people through the real code (registered, then their e-mail consent to
 * newsletters), untimed, and mints each one's unsubscribe token with the real token code
 * ({@link UnsubscribeToken} signed by {@link Vault#linkSignature}, as a marketing mail's link).</li>
 * <li>Warm-up: {@code GET /actuator/health} for {@code --warmup} seconds, then the one click of the
 * first {@code --warmup-people} people, then their clicks again, {@code --warmup-again} times each (idempotent; within
 * the link's rate limit: 20 in 10 minutes), and (unless {@code --long-way=0}) {@value #LONG_WAY_WARMUP} times each the long way
 * (below), so that the JIT has compiled the click's paths before they are measured.</li>
 * <li><b>baseline</b>: {@code GET /actuator/health} of the same server by the same load generator
 * ({@code --concurrency} callers) for {@code --measure} seconds.</li>
 * <li><b>one click</b>: {@code POST /u/{token}} with {@code List-Unsubscribe=One-Click}, each
 * remaining person once, by the same callers; the rate is those POSTs over the time until the last
 * answer (capped at {@code --max-seconds}). Each answer comes after the objection's commit (the
 * objections of concurrent clicks share one transaction, group commit, and each click is answered once it
 * is committed). Half the remaining people click at the one click's own door ({@link OneClickDoor}), the other half
 * (unless {@code --long-way=0}) <b>the long way</b>, {@code POST /u/{token}?long-way}: a query string, which the door leaves
 * to Spring Security and Spring MVC ({@link UnsubscribePages}), to measure in the same run what the door saves.</li>
 * <li><b>again</b>: the same clicks a second time on the first {@code --measure} seconds' worth of
 * people (idempotent: nothing new recorded).</li>
 * <li>Checks: every POST answered 200, the database holds exactly one one-click objection per
 * person clicked, and every answer is metered under its route ({@code http.server.requests}, uri {@code /u/{token}}),
 * the door's as Spring MVC's.</li>
 * </ol>
 *
 * <pre>UnsubscribeBenchmark --pg-url=... [--people=10000] [--concurrency=32] [--warmup=5] [--warmup-people=2000]
 *     [--warmup-again=10] [--measure=10] [--max-seconds=60] [--pool=N] [--target=2000] [--p99-target=50] [--deadline=900] [--long-way=1] [--result=FILE]</pre>
 */
public final class UnsubscribeBenchmark {

    record Options(String adminUrl, int people, int concurrency, int warmup, int warmupPeople, int warmupAgain, int measure, int maxSeconds,
            int pool, double target, double p99Target, int deadlineSeconds, Path result, boolean longWay) {}

    /** The long way's clicks in the warm-up, per warm-up link (with {@code --warmup-again}, within the link's limit of 20). */
    static final int LONG_WAY_WARMUP = 4;

    private final Options options;
    private final Map<String, Object> report = new LinkedHashMap<>();

    private UnsubscribeBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("UnsubscribeBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchDatabase.runAndExit("UnsubscribeBenchmark", options.deadlineSeconds(), new UnsubscribeBenchmark(options)::run);
    }

    private int run() throws Exception {
        String admin = options.adminUrl();
        report.put("postgresql", BenchDatabase.settings(admin));
        String name = BenchDatabase.newName("charte_bench_unsub_");
        BenchDatabase.execute(admin, "CREATE DATABASE " + name);
        Path dataDir = Files.createTempDirectory("charte-bench-data");
        List<String> more = new ArrayList<>();
        if (options.pool() > 0) {
            more.add("--spring.datasource.hikari.maximum-pool-size=" + options.pool());
        }
        try (ConfigurableApplicationContext context = BenchDatabase.startWeb(BenchDatabase.url(admin, name), BenchDatabase.user(admin), dataDir,
                more.toArray(String[]::new))) {
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
        System.out.printf(Locale.ROOT, "Charte on %s (connection pool %d), %,d people, %d concurrent callers%n", base, pool, options.people(),
                options.concurrency());
        report.put("people", options.people());
        report.put("concurrency", options.concurrency());
        report.put("pool", pool);

        List<ConsentingPeople.Person> people = ConsentingPeople.make(context, options.people(), MarketingChannel.EMAIL, 8);
        UnsubscribeToken tokens = new UnsubscribeToken(context.getBean(Vault.class)::linkSignature);
        Clock clock = context.getBean(Clock.class);
        List<URI> links = new ArrayList<>(people.size());
        for (ConsentingPeople.Person p : people) {
            links.add(URI.create(base + UnsubscribeLinks.PATH + tokens.issue(p.id(), MarketingChannel.EMAIL, ConsentingPeople.PURPOSE, clock.instant())));
        }
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        jdbc.sql("CHECKPOINT").update();

        URI health = URI.create(base + "/actuator/health");
        HttpRequest healthRequest = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(30)).GET().build();
        // the same requests for wrk: GET /actuator/health, and the links' paths in a file (line n: person n's link)
        Wrk.Script healthScript = Wrk.Script.of(base, "get.lua", "path", "/actuator/health");
        String linksFile = Wrk.lines("charte-bench-links-", links.stream().map(URI::getRawPath).toList()).toString();
        int warmPeople = Math.min(options.warmupPeople(), people.size() / 2);
        System.out.println(HttpLoad.generatorLine());
        report.put("generator", HttpLoad.generatorLine());
        long againWarm = (long) warmPeople * options.warmupAgain();
        System.out.printf(Locale.ROOT, "warm-up: health for %d s, then %,d one-click POSTs, then %,d again (%d a link)%n", options.warmup(),
                warmPeople, againWarm, options.warmupAgain());
        HttpLoad.run("warm-up health", options.concurrency(), Long.MAX_VALUE, options.warmup(), i -> healthRequest, healthScript);
        HttpLoad.Result warm = HttpLoad.run("warm-up one click", options.concurrency(), warmPeople, options.maxSeconds(), i -> click(links.get((int) i)),
                Wrk.Script.of(base, "unsubscribe.lua", "tokens", linksFile, "from", "0"));
        HttpLoad.Result warmAgain = againWarm == 0 || warmPeople == 0 ? null
                : HttpLoad.run("warm-up again", options.concurrency(), againWarm, options.maxSeconds(),
                        i -> click(links.get((int) (i % warmPeople))),
                        Wrk.Script.of(base, "unsubscribe.lua", "tokens", linksFile, "from", "0", "span", Integer.toString(warmPeople)));
        System.out.println(HttpLoad.header());
        System.out.println(warm.line());
        if (warmAgain != null) {
            System.out.println(warmAgain.line());
        }
        long longWarm = options.longWay() ? (long) warmPeople * LONG_WAY_WARMUP : 0;
        HttpLoad.Result warmLongWay = longWarm == 0 ? null
                : HttpLoad.run("warm-up the long way", options.concurrency(), longWarm, options.maxSeconds(),
                        i -> click(longWay(links.get((int) (i % warmPeople)))),
                        Wrk.Script.of(base, "unsubscribe.lua", "tokens", linksFile, "from", "0", "span", Integer.toString(warmPeople), "suffix",
                                "?long-way"));
        if (warmLongWay != null) {
            System.out.println(warmLongWay.line());
        }

        CpuMeter cpu = CpuMeter.of(jdbc);
        CpuMeter.Sample beforeHealth = cpu.now();
        HttpLoad.Result baseline = HttpLoad.run("GET /actuator/health (baseline)", options.concurrency(), Long.MAX_VALUE, options.measure(),
                i -> healthRequest, healthScript);
        CpuMeter.Sample afterHealth = cpu.now();
        System.out.println(baseline.line());
        int atDoor = options.longWay() ? (links.size() - warmPeople) / 2 : links.size() - warmPeople;
        List<URI> measured = links.subList(warmPeople, warmPeople + atDoor);
        Wrk.Script measuredScript = Wrk.Script.of(base, "unsubscribe.lua", "tokens", linksFile, "from", Integer.toString(warmPeople), "limit",
                Integer.toString(atDoor));
        HttpLoad.Result oneClick = HttpLoad.run("POST /u/{token} one click", options.concurrency(), measured.size(), options.maxSeconds(),
                i -> click(measured.get((int) i)), measuredScript);
        CpuMeter.Sample afterClicks = cpu.now();
        System.out.println(oneClick.line());
        HttpLoad.Result longWay = null;
        CpuMeter.Sample beforeLongWay = afterClicks;
        CpuMeter.Sample afterLongWay = afterClicks;
        if (options.longWay()) {
            List<URI> theLongWay = links.subList(warmPeople + atDoor, links.size());
            beforeLongWay = cpu.now();
            longWay = HttpLoad.run("POST /u/{token}?long-way (Security and MVC)", options.concurrency(), theLongWay.size(), options.maxSeconds(),
                    i -> click(longWay(theLongWay.get((int) i))), Wrk.Script.of(base, "unsubscribe.lua", "tokens", linksFile, "from",
                            Integer.toString(warmPeople + atDoor), "suffix", "?long-way"));
            afterLongWay = cpu.now();
            System.out.println(longWay.line());
        }
        int againCount = (int) Math.min(measured.size(), Math.max(1, (long) (oneClick.rate() * options.measure())));
        CpuMeter.Sample beforeAgain = cpu.now();
        HttpLoad.Result again = HttpLoad.run("POST /u/{token} again (idempotent)", options.concurrency(), againCount, options.maxSeconds(),
                i -> click(measured.get((int) i)), measuredScript);
        CpuMeter.Sample afterAgain = cpu.now();
        System.out.println(again.line());
        System.out.println(CpuMeter.line("GET /actuator/health (baseline)", beforeHealth, afterHealth, baseline.requests()));
        System.out.println(CpuMeter.line("POST /u/{token} one click", afterHealth, afterClicks, oneClick.requests()));
        if (longWay != null) {
            System.out.println(CpuMeter.line("POST /u/{token}?long-way", beforeLongWay, afterLongWay, longWay.requests()));
        }
        System.out.println(CpuMeter.line("POST /u/{token} again", beforeAgain, afterAgain, again.requests()));
        Map<String, Object> cpuPerRequest = new LinkedHashMap<>();
        cpuPerRequest.put("baselineHealth", CpuMeter.json(beforeHealth, afterHealth, baseline.requests()));
        cpuPerRequest.put("oneClick", CpuMeter.json(afterHealth, afterClicks, oneClick.requests()));
        if (longWay != null) {
            cpuPerRequest.put("oneClickLongWay", CpuMeter.json(beforeLongWay, afterLongWay, longWay.requests()));
        }
        cpuPerRequest.put("oneClickAgain", CpuMeter.json(beforeAgain, afterAgain, again.requests()));
        report.put("cpuPerRequest", cpuPerRequest);

        long objections = jdbc.sql("SELECT COUNT(*) FROM marketing_basis WHERE kind = 'OBJECTION' AND collected_by = 'ONE_CLICK'").query(Long.class).single();
        // each person clicked has an e-mail address of their own: each one on the suppression list (L9)
        long suppressed = jdbc.sql("SELECT COUNT(*) FROM marketing_suppression WHERE channel = 'EMAIL'").query(Long.class).single();
        long expected = warm.ok() + oneClick.ok() + (longWay == null ? 0 : longWay.ok());
        // wrk stopped by --max-seconds before the last answers (0 otherwise)
        long inFlight = warm.unanswered() + oneClick.unanswered() + (longWay == null ? 0 : longWay.unanswered());
        List<HttpLoad.Result> posts = new ArrayList<>(List.of(warm, oneClick, again));
        for (HttpLoad.Result other : new HttpLoad.Result[] {warmAgain, warmLongWay, longWay}) {
            if (other != null) {
                posts.add(other);
            }
        }
        boolean allOk = posts.stream().allMatch(r -> r.ok() == r.requests());
        long answered = posts.stream().mapToLong(HttpLoad.Result::ok).sum();
        long unanswered = posts.stream().mapToLong(HttpLoad.Result::unanswered).sum();
        double ratio = oneClick.rate() / baseline.rate();
        System.out.printf(Locale.ROOT, "  one click / health: rate %.3f, p50 %.2f / %.2f ms, p99 %.2f / %.2f ms%n", ratio, oneClick.ms(0.5),
                baseline.ms(0.5), oneClick.ms(0.99), baseline.ms(0.99));
        if (longWay != null) {
            System.out.printf(Locale.ROOT, "  the door / the long way: rate %.3f, p50 %.2f / %.2f ms, p99 %.2f / %.2f ms%n",
                    oneClick.rate() / longWay.rate(), oneClick.ms(0.5), longWay.ms(0.5), oneClick.ms(0.99), longWay.ms(0.99));
            report.put("doorOverLongWay", oneClick.rate() / longWay.rate());
        }
        // Both ways name their requests' meters by the route (http.server.requests, uri /u/{token}), the door as Spring MVC does
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        Timer metered = meters.find("http.server.requests").tag("uri", "/u/{token}").tag("status", "200").timer();
        long meteredCount = metered == null ? 0 : metered.count();
        // and no in-flight long-task timer paid by each request (management.metrics.observations.ignored-meters)
        boolean active = meters.find("http.server.requests.active").longTaskTimer() != null;
        boolean meteredOk = meteredCount >= answered && meteredCount <= answered + unanswered && !active;
        System.out.printf(Locale.ROOT, "  request meters: %,d answers metered as POST /u/{token} 200 for %,d answered, %s: %s%n", meteredCount,
                answered, active ? "an active-requests timer" : "no active-requests timer", meteredOk ? "ok" : "MISMATCH");
        report.put("meteredAsRoute", meteredCount);
        boolean met = oneClick.rate() >= options.target() && oneClick.ms(0.99) < options.p99Target();
        System.out.printf(Locale.ROOT, "  one click %.0f POSTs/s, p99 %.2f ms: target >= %.0f/s with p99 < %.0f ms %s%n", oneClick.rate(),
                oneClick.ms(0.99), options.target(), options.p99Target(), met ? "MET" : "NOT MET");
        System.out.printf(Locale.ROOT, "  checks: every POST answered 200: %s; one-click objections recorded %,d for %,d people clicked: %s; "
                + "e-mail addresses suppressed %,d: %s%n", allOk ? "yes" : "NO", objections, expected,
                objections >= expected && objections <= expected + inFlight ? "ok" : "MISMATCH", suppressed, suppressed == objections ? "ok" : "MISMATCH");

        report.put("warmup", warm.json());
        report.put("baselineHealth", baseline.json());
        report.put("oneClick", oneClick.json());
        if (longWay != null) {
            report.put("oneClickLongWay", longWay.json());
        }
        report.put("oneClickAgain", again.json());
        report.put("rateRatio", ratio);
        report.put("target", Map.of("perSecond", options.target(), "p99Ms", options.p99Target(), "met", met));
        report.put("objectionsRecorded", objections);
        report.put("emailsSuppressed", suppressed);
        boolean passed = allOk && objections >= expected && objections <= expected + inFlight && meteredOk && suppressed == objections;
        report.put("checksPassed", passed);
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValue(options.result().toFile(), report);
        return passed ? 0 : 1;
    }

    /** The same link the long way: a query string, which {@link OneClickDoor} leaves to Spring Security and Spring MVC. */
    private static URI longWay(URI link) {
        return URI.create(link + "?long-way");
    }

    private static HttpRequest click(URI link) {
        return HttpRequest.newBuilder(link).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build();
    }

    static Options parse(String[] args) {
        Map<String, String> a = BenchDatabase.options(args);
        String url = a.remove("pg-url");
        if (url == null) {
            throw new IllegalArgumentException("--pg-url is required");
        }
        Options o = new Options(url, BenchDatabase.integer(a.remove("people"), 10_000, 100, 1_000_000),
                BenchDatabase.integer(a.remove("concurrency"), 32, 1, 1000), BenchDatabase.integer(a.remove("warmup"), 5, 0, 600),
                BenchDatabase.integer(a.remove("warmup-people"), 2000, 0, 1_000_000), BenchDatabase.integer(a.remove("warmup-again"), 10, 0, 19),
                BenchDatabase.integer(a.remove("measure"), 10, 1, 600),
                BenchDatabase.integer(a.remove("max-seconds"), 60, 1, 3600), BenchDatabase.integer(a.remove("pool"), 0, 0, 190),
                Double.parseDouble(a.getOrDefault("target", "2000")), Double.parseDouble(a.getOrDefault("p99-target", "50")),
                BenchDatabase.integer(a.remove("deadline"), 900, 30, 14_400), Path.of(a.getOrDefault("result", "bench/results/unsubscribe.json")),
                BenchDatabase.integer(a.remove("long-way"), 1, 0, 1) == 1);
        if (o.longWay() && o.warmupAgain() + 1 + LONG_WAY_WARMUP > 20) {
            throw new IllegalArgumentException("--warmup-again may be at most " + (19 - LONG_WAY_WARMUP)
                    + " with the long way (a link takes 20 posts in 10 minutes): lower it or set --long-way=0");
        }
        a.remove("target");
        a.remove("p99-target");
        a.remove("result");
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        return o;
    }
}
