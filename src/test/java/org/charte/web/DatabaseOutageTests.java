package org.charte.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.charte.CharteApplication;
import org.charte.access.StaffDirectory;
import org.charte.testing.Json;
import org.charte.testing.Staff;
import org.charte.testing.ThrowawayPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL stopped and started again under load, on a cluster of this test's own (the suite's
 * shared one must never stop): while it is down the API answers 503 problem+json with
 * {@code Retry-After} and pages a 503 page in the visitor's language, never 500; Charte serves
 * again by itself once it is back; every choice acknowledged (201) is stored. PostgreSQL pass only
 * (it needs PostgreSQL's binaries and tells nothing about H2); a context of its own, started once.
 */
@Tag("db")
@EnabledIfSystemProperty(named = "charte.test.database", matches = "postgresql")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTests {

    private static final String CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36";
    private static final String SITE = "https://www.gestan-demo.example";

    private static ThrowawayPostgres pg;
    private static ConfigurableApplicationContext app;
    private static Path dataDir;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        pg = ThrowawayPostgres.initdb().start("fsync=off", "synchronous_commit=on");
        dataDir = Files.createTempDirectory("charte-outage-data");
        app = new SpringApplicationBuilder(CharteApplication.class).web(WebApplicationType.SERVLET).run("--spring.datasource.url=" + pg.url("postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=", "--charte.data-dir=" + dataDir, "--server.port=0",
                "--server.address=127.0.0.1",
                // Hikari gives up waiting for a connection after 0.5 s (5 s in production): the outage's answers, the same, come sooner
                "--spring.datasource.hikari.connection-timeout=500", "--charte.retention.cron=-",
                "--charte.vault.epoch-cron=-", "--charte.rights.lapse-cron=-", "--charte.policy.notice-cron=-", "--spring.main.log-startup-info=false",
                // the load comes from one address, for longer than a minute: not this test's limit
                "--charte.cookies.consent-rate-limit.capacity=1000000000");
        port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (pg != null) {
            pg.close();
        }
        if (dataDir != null) {
            dataDir.resolve("master.key").toFile().delete();
            dataDir.toFile().delete();
        }
    }

    @Test
    @DisplayName("R6.5 L3 PostgreSQL stopped (immediate) and started again under load: 503 problem+json with Retry-After on the API, a 503 page in French "
            + "or English, never 500 nor a failed error page; Charte serves again without a restart; every acknowledged choice is stored; the audit chain verifies")
    void restartedUnderLoad(CapturedOutput output) throws Exception {
        Staff dpo = Staff.signedIn(app.getBean(StaffDirectory.class), port, "dpo");
        assertThat(dpo.http().get("/api/v1/audit/verify").statusCode()).isEqualTo(200);
        String version = bannerVersion();

        Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicBoolean stopLoad = new AtomicBoolean();
        AtomicLong sequence = new AtomicLong();
        AtomicReference<String> lastRefusal = new AtomicReference<>("");
        AtomicReference<HttpResponse<String>> unavailable = new AtomicReference<>();
        int callers = 6;
        CountDownLatch done = new CountDownLatch(callers);
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            for (int t = 0; t < callers; t++) {
                Thread.ofVirtual().start(() -> {
                    try {
                        while (!stopLoad.get()) {
                            UUID consentId = UUID.randomUUID();
                            HttpResponse<String> response = client.send(choice(version, consentId, sequence.getAndIncrement()),
                                    HttpResponse.BodyHandlers.ofString());
                            statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
                            if (response.statusCode() == 201) {
                                acknowledged.add(consentId);
                            } else {
                                lastRefusal.set(response.statusCode() + " " + response.body());
                                if (response.statusCode() == 503) {
                                    unavailable.set(response);
                                }
                            }
                        }
                    } catch (Exception e) {
                        lastRefusal.set(e.toString());
                        statuses.computeIfAbsent(-1, s -> new LongAdder()).increment();
                    } finally {
                        done.countDown();
                    }
                });
            }
            await(() -> acknowledged.size() >= 20, () -> "choices acknowledged before the outage; answers " + statuses + ", last refusal " + lastRefusal);

            pg.stop("immediate");

            HttpResponse<String> api = awaitStatus(() -> dpo.http().get("/api/v1/audit/verify"), 503);
            assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(api.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(Json.of(api).path("status").asInt()).isEqualTo(503);
            assertThat(Json.of(api).path("detail").asString()).contains("unreachable").doesNotContain("Exception").doesNotContain("jdbc");

            HttpResponse<String> french = dpo.http().get("/backoffice", "Accept-Language", "fr");
            assertThat(french.statusCode()).isEqualTo(503);
            assertThat(french.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(french.body()).contains("La base de données est injoignable").doesNotContain("Exception");
            HttpResponse<String> english = dpo.http().get("/backoffice?lang=en", "Accept-Language", "en");
            assertThat(english.statusCode()).isEqualTo(503);
            assertThat(english.body()).contains("The database is unreachable").doesNotContain("Exception");

            pg.start();

            awaitStatus(() -> dpo.http().get("/api/v1/audit/verify"), 200);
            long before = acknowledged.size();
            await(() -> acknowledged.size() >= before + 20, () -> "choices acknowledged after the outage; answers " + statuses + ", last refusal " + lastRefusal);
            stopLoad.set(true);
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(statuses).as("answers during the load: %s", statuses).containsKeys(201, 503).doesNotContainKeys(500, -1);
        assertThat(statuses.keySet()).as("answers during the load: %s", statuses).allMatch(s -> s == 201 || s == 503);
        // consent.js's choices (answered at their own door, ConsentDoor): the 503 says to post again, and when
        assertThat(unavailable.get().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(unavailable.get().headers().firstValue("Retry-After")).isPresent();
        assertThat(unavailable.get().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(Json.of(unavailable.get()).path("status").asInt()).isEqualTo(503);
        assertThat(unavailable.get().body()).doesNotContain("Exception").doesNotContain("jdbc");
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        Set<UUID> stored = Set.copyOf(jdbc.sql("SELECT consent_id FROM consent_record").query(UUID.class).list());
        assertThat(stored).containsAll(acknowledged);
        HttpResponse<String> verify = dpo.http().get("/api/v1/audit/verify");
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(Json.of(verify).path("intact").asBoolean()).as(verify.body()).isTrue();
        assertThat(dpo.http().get("/backoffice").statusCode()).isEqualTo(200);
        // every 503 went through its error page: none failed on the way (a second wait for the database) into a stack trace
        assertThat(output.getAll()).doesNotContain("Exception Processing [ErrorPage").doesNotContain("Servlet.service() for servlet");
    }

    private static String bannerVersion() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            String script = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/consent/v1/consent.js")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher v = Pattern.compile("\\{\"v\":\"([0-9a-f]{16})\"").matcher(script);
            assertThat(v.find()).as("consent.js names its banner version").isTrue();
            return v.group(1);
        }
    }

    private static HttpRequest choice(String version, UUID consentId, long i) {
        String body = "{\"consentId\":\"" + consentId + "\",\"bannerVersion\":\"" + version + "\",\"method\":\"banner\",\"site\":\"" + SITE
                + "\",\"language\":\"fr\",\"choices\":{\"audience\":" + (i % 2 == 0) + ",\"social-sharing\":" + (i % 5 == 0) + "}}";
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/consent/v1/records")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("User-Agent", CHROME)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> awaitStatus(Supplier<HttpResponse<String>> request, int status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        HttpResponse<String> last = request.get();
        while (last.statusCode() != status && System.nanoTime() < deadline) {
            assertThat(last.statusCode()).as("never 500: %s", last.body()).isNotEqualTo(500);
            Thread.sleep(200);
            last = request.get();
        }
        assertThat(last.statusCode()).as(last.body()).isEqualTo(status);
        return last;
    }

    private static void await(Supplier<Boolean> condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!condition.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.get()).as(what.get()).isTrue();
    }
}
