package org.charte.bench;

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.access.internal.ApiTokens;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditVerification;
import org.charte.testing.ThrowawayPostgres;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL failover under load, run by {@code bench/run failover} (issue #16, item 5; not a
 * test: two clusters, a base backup and the application take longer than the suite may spend).
 *
 * <ol>
 * <li>Starts a primary (fsync, synchronous_commit on) and a hot standby made by pg_basebackup,
 * streaming from it, listed in the primary's {@code synchronous_standby_names}: a commit returns
 * once the standby has its WAL on disk. Both on loopback, free ports, temporary directories.</li>
 * <li>Starts Charte on the multi-host URL {@code jdbc:postgresql://P1,P2/postgres?targetServerType=primary}.</li>
 * <li>Applies load over real HTTP: proofs of cookie choices ({@code POST /consent/v1/records},
 * public) and new people ({@code POST /api/v1/subjects} with an API token; each an audit entry);
 * every 2xx answer is kept.</li>
 * <li>After {@code --before} seconds stops the primary with {@code pg_ctl -m immediate} (as a
 * crash), waits {@code --promote-after} seconds (an operator or a failover manager noticing), and
 * promotes the standby. Charte is not restarted: its pool reconnects to whichever host is primary.</li>
 * <li>Loads {@code --after} more seconds once writes are acknowledged again, then checks on the
 * new primary that every acknowledged choice and person is there, that no answer was 500, and that
 * the audit chain verifies.</li>
 * </ol>
 * It fails (exit code 1) if one acknowledged write is missing, an answer was a 500, Charte did not
 * recover within {@code --recover-timeout} seconds, or the chain does not verify.
 *
 * <pre>FailoverCheck [--concurrency=16] [--before=10] [--promote-after=2] [--after=10] [--recover-timeout=60] [--deadline=900] [--result=FILE]</pre>
 */
public final class FailoverCheck {

    record Options(int concurrency, int before, int promoteAfter, int after, int recoverTimeout, int deadlineSeconds, Path result) {}

    private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36";
    private static final String SITE = "https://www.gestan-demo.example";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Options options;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final Set<UUID> choices = ConcurrentHashMap.newKeySet();
    private final Set<UUID> people = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    /** The first answer of each kind other than 2xx, to show what the callers were told. */
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    /** Nanos of the last 2xx answer to a write, to measure when writes came back. */
    private final AtomicLong lastAcknowledged = new AtomicLong();

    private FailoverCheck(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("FailoverCheck: " + e.getMessage());
            System.exit(2);
            return;
        }
        BenchDatabase.runAndExit("FailoverCheck", options.deadlineSeconds(), new FailoverCheck(options)::run);
    }

    private int run() throws Exception {
        Path dataDir = Files.createTempDirectory("charte-bench-failover");
        long t0 = System.nanoTime();
        try (ThrowawayPostgres primary = ThrowawayPostgres.initdb().start("fsync=on", "synchronous_commit=on", "full_page_writes=on",
                "synchronous_standby_names=standby1", "wal_level=replica", "max_wal_senders=5")) {
            try (ThrowawayPostgres standby = ThrowawayPostgres.standbyOf(primary, "standby1").start("hot_standby=on", "fsync=on")) {
                String syncState = awaitSynchronous(primary);
                System.out.printf(Locale.ROOT, "Primary on 127.0.0.1:%d, hot standby on 127.0.0.1:%d (pg_basebackup, streaming, %s), ready in %.1f s%n",
                        primary.port(), standby.port(), syncState, (System.nanoTime() - t0) / 1e9);
                report.put("primaryPort", primary.port());
                report.put("standbyPort", standby.port());
                report.put("standbyState", syncState);
                String url = "jdbc:postgresql://127.0.0.1:" + primary.port() + ",127.0.0.1:" + standby.port()
                        + "/postgres?targetServerType=primary&hostRecheckSeconds=2&connectTimeout=3&socketTimeout=30";
                report.put("jdbcUrl", url);
                long s0 = System.nanoTime();
                try (ConfigurableApplicationContext app = BenchDatabase.startWeb(url, "postgres", dataDir,
                        "--spring.datasource.hikari.connection-timeout=5000", "--spring.datasource.hikari.maximum-pool-size=10")) {
                    int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
                    System.out.printf(Locale.ROOT, "Charte on 127.0.0.1:%d (in this JVM) on %s, up in %.1f s%n", port, url, (System.nanoTime() - s0) / 1e9);
                    return scenario(app, port, primary, standby);
                }
            }
        } finally {
            BenchDatabase.deleteTree(dataDir);
        }
    }

    private int scenario(ConfigurableApplicationContext app, int port, ThrowawayPostgres primary, ThrowawayPostgres standby) throws Exception {
        StaffMember admin = app.getBean(StaffDirectory.class)
                .create(new StaffDirectory.NewStaff("failover-" + UUID.randomUUID().toString().substring(0, 8), "Failover check", "dpo",
                        "a long enough password", null, false));
        String token = app.getBean(ApiTokens.class).issue("failover check", "adv", Set.of("subjects:write"), null, admin.id()).secret();
        String base = "http://127.0.0.1:" + port;
        String version = bannerVersion(base);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sequence = new AtomicLong();
        CountDownLatch done = new CountDownLatch(options.concurrency());
        long stoppedAt;
        long promotedAt;
        long recoveredAt;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build()) {
            for (int t = 0; t < options.concurrency(); t++) {
                boolean person = t % 2 == 1;
                Thread.ofVirtual().start(() -> {
                    try {
                        while (!stop.get()) {
                            long i = sequence.getAndIncrement();
                            if (person) {
                                postPerson(client, base, token, i);
                            } else {
                                postChoice(client, base, version, i);
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((choices.size() < 10 || people.size() < 10) && System.nanoTime() < warm) {
                Thread.sleep(100);
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(options.before()));
            long beforeChoices = choices.size();
            long beforePeople = people.size();
            System.out.printf(Locale.ROOT, "  load for %d s: %,d choices and %,d people acknowledged; answers %s%n", options.before(), beforeChoices,
                    beforePeople, counts());
            stoppedAt = System.nanoTime();
            primary.stop("immediate");
            System.out.printf(Locale.ROOT, "  primary stopped (pg_ctl -m immediate) in %.1f s%n", (System.nanoTime() - stoppedAt) / 1e9);
            Thread.sleep(TimeUnit.SECONDS.toMillis(options.promoteAfter()));
            promotedAt = System.nanoTime();
            standby.promote();
            System.out.printf(Locale.ROOT, "  standby promoted (pg_ctl promote) %.1f s after the stop, in %.1f s%n", (promotedAt - stoppedAt) / 1e9,
                    (System.nanoTime() - promotedAt) / 1e9);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.recoverTimeout());
            while (lastAcknowledged.get() < System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(200) || lastAcknowledged.get() < promotedAt) {
                if (System.nanoTime() > deadline) {
                    stop.set(true);
                    done.await(60, TimeUnit.SECONDS);
                    System.out.printf(Locale.ROOT, "  Charte did NOT recover within %d s of the promotion; answers %s%n", options.recoverTimeout(), counts());
                    report.put("recovered", false);
                    report.put("statuses", counts());
                    write();
                    return 1;
                }
                Thread.sleep(50);
            }
            recoveredAt = System.nanoTime();
            System.out.printf(Locale.ROOT, "  writes acknowledged again %.1f s after the stop (%.1f s after the promotion), without a restart%n",
                    (recoveredAt - stoppedAt) / 1e9, (recoveredAt - promotedAt) / 1e9);
            Thread.sleep(TimeUnit.SECONDS.toMillis(options.after()));
            stop.set(true);
            done.await(60, TimeUnit.SECONDS);
        }
        Map<String, Long> answered = counts();
        System.out.printf(Locale.ROOT, "  load ended: %,d choices and %,d people acknowledged in all; answers %s%n", choices.size(), people.size(), answered);

        Set<UUID> storedChoices = ids(standby.url("postgres"), "SELECT consent_id FROM consent_record");
        Set<UUID> storedPeople = ids(standby.url("postgres"), "SELECT id FROM data_subject");
        long missingChoices = choices.stream().filter(id -> !storedChoices.contains(id)).count();
        long missingPeople = people.stream().filter(id -> !storedPeople.contains(id)).count();
        AuditVerification verification = app.getBean(AuditLog.class).verify();
        long errors = answered.entrySet().stream().filter(e -> e.getKey().startsWith("5") && !e.getKey().equals("503")).mapToLong(Map.Entry::getValue)
                .sum();
        boolean ok = missingChoices == 0 && missingPeople == 0 && verification.intact() && errors == 0 && !choices.isEmpty() && !people.isEmpty();
        refusals.forEach((what, body) -> System.out.printf(Locale.ROOT, "    first %s answer: %s%n", what, body.replace('\n', ' ')));
        System.out.printf(Locale.ROOT, "  on the new primary: %,d of %,d acknowledged choices and %,d of %,d acknowledged people there; audit chain %s "
                + "(%,d entries); answers 5xx other than 503: %d: %s%n", choices.size() - missingChoices, choices.size(), people.size() - missingPeople,
                people.size(), verification.intact() ? "intact" : "BROKEN " + verification.firstProblem(), verification.entriesChecked(), errors,
                ok ? "ok" : "FAILED");
        report.put("recovered", true);
        report.put("promoteAfterStopSeconds", (promotedAt - stoppedAt) / 1e9);
        report.put("writesBackAfterStopSeconds", (recoveredAt - stoppedAt) / 1e9);
        report.put("writesBackAfterPromotionSeconds", (recoveredAt - promotedAt) / 1e9);
        report.put("statuses", answered);
        report.put("refusals", refusals);
        report.put("acknowledgedChoices", choices.size());
        report.put("acknowledgedPeople", people.size());
        report.put("missingChoices", missingChoices);
        report.put("missingPeople", missingPeople);
        report.put("auditIntact", verification.intact());
        report.put("auditEntries", verification.entriesChecked());
        report.put("checksPassed", ok);
        write();
        return ok ? 0 : 1;
    }

    private void write() throws Exception {
        JSON.writerWithDefaultPrettyPrinter().writeValue(options.result().toFile(), report);
    }

    private Map<String, Long> counts() {
        Map<String, Long> c = new TreeMap<>();
        statuses.forEach((k, v) -> c.put(k, v.sum()));
        return c;
    }

    private void count(String what) {
        statuses.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    private void postChoice(HttpClient client, String base, String version, long i) {
        UUID consentId = UUID.randomUUID();
        String body = "{\"consentId\":\"" + consentId + "\",\"bannerVersion\":\"" + version + "\",\"method\":\"banner\",\"site\":\"" + SITE
                + "\",\"language\":\"fr\",\"choices\":{\"audience\":" + (i % 2 == 0) + ",\"social-sharing\":" + (i % 5 == 0) + "}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/consent/v1/records")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("User-Agent", CHROME).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        send(client, request, response -> choices.add(consentId));
    }

    private void postPerson(HttpClient client, String base, String token, long i) {
        String body = "{\"identity\":{\"civility\":\"Mme\",\"lastName\":\"Bascule-" + letters(i) + "\",\"firstNames\":\"Camille\",\"birthDate\":\"1985-04-12\"},"
                + "\"contacts\":{\"emails\":[\"camille." + i + "@failover.example\"]}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/subjects")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        send(client, request, response -> people.add(UUID.fromString(JSON.readTree(response.body()).path("id").asString())));
    }

    /** A number in letters (a name holds only letters): 0 a, 25 z, 26 ba, ... */
    private static String letters(long i) {
        StringBuilder s = new StringBuilder();
        long n = i;
        do {
            s.insert(0, (char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return s.toString();
    }

    private void send(HttpClient client, HttpRequest request, Consumer<HttpResponse<String>> acknowledged) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            count(Integer.toString(response.statusCode()));
            if (response.statusCode() / 100 != 2) {
                refusals.putIfAbsent(response.statusCode() + " " + request.uri().getPath(),
                        response.body().substring(0, Math.min(300, response.body().length())));
            }
            if (response.statusCode() / 100 == 2) {
                acknowledged.accept(response);
                lastAcknowledged.set(System.nanoTime());
            } else if (response.statusCode() == 503) {
                Thread.sleep(100); // as Retry-After asks, shortened: the check measures when writes come back
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            count(e.getClass().getSimpleName());
        }
    }

    /** Waits until the primary reports the standby streaming and synchronous; its sync_state. */
    private static String awaitSynchronous(ThrowawayPostgres primary) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(primary.url("postgres"));
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT state, sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")) {
                if (rs.next() && "streaming".equals(rs.getString(1)) && "sync".equals(rs.getString(2))) {
                    return "streaming, sync";
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the standby did not become a synchronous standby within 60 s");
    }

    private static Set<UUID> ids(String url, String sql) throws Exception {
        Set<UUID> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    private static String bannerVersion(String base) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            String script = client.send(HttpRequest.newBuilder(URI.create(base + "/consent/v1/consent.js")).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher v = Pattern.compile("\\{\"v\":\"([0-9a-f]{16})\"").matcher(script);
            if (!v.find()) {
                throw new IllegalStateException("consent.js names no banner version");
            }
            return v.group(1);
        }
    }

    static Options parse(String[] args) {
        Map<String, String> a = BenchDatabase.options(args);
        Options o = new Options(BenchDatabase.integer(a.remove("concurrency"), 16, 1, 1000), BenchDatabase.integer(a.remove("before"), 10, 1, 3600),
                BenchDatabase.integer(a.remove("promote-after"), 2, 0, 600), BenchDatabase.integer(a.remove("after"), 10, 1, 3600),
                BenchDatabase.integer(a.remove("recover-timeout"), 60, 5, 3600), BenchDatabase.integer(a.remove("deadline"), 900, 60, 14_400),
                Path.of(a.getOrDefault("result", "bench/results/failover.json")));
        a.remove("result");
        if (!a.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + a.keySet());
        }
        return o;
    }
}
