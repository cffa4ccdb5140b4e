package org.charte;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.charte.access.Commitments;
import org.charte.access.Grant;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.audit.AuditEvent;
import org.charte.audit.AuditLog;
import org.charte.audit.AuditVerification;
import org.charte.common.PreCountedBuckets;
import org.charte.common.Zones;
import org.charte.mail.Outbox;
import org.charte.mail.Passage;
import org.charte.retention.RetentionRuns;
import org.charte.subjects.Identity;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.Http;
import org.charte.testing.Json;
import org.charte.testing.MailServer;
import org.charte.testing.Staff;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two Charte nodes in one JVM (issue 16): two application contexts, each with its own web server on
 * a random port, on ONE database (a new one in the PostgreSQL cluster on the PostgreSQL pass, a shared
 * in-memory H2 otherwise) and one key file, as a cluster behind a load balancer runs. What one node
 * knows, the other must: lock-outs, rate limits, sessions, the audit chain, job locks, the mail outbox.
 */
@Tag("db")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeTests {

    ConfigurableApplicationContext a;
    ConfigurableApplicationContext b;
    int portA;
    int portB;

    @BeforeAll
    void twoNodes() {
        List<String> shared = new ArrayList<>(TestDatabase.sharedDatabaseProperties());
        shared.addAll(List.of("server.port=0", "spring.mail.host=127.0.0.1", "spring.mail.port=" + MailServer.port(),
                "charte.mail.from=dpo@example.org", "charte.rights.rate-limit.capacity=3", "charte.retention.cron=-",
                // the outbox's retry rounds are driven by the test, as a node's schedule would
                "charte.mail.retry-delay=PT1H"));
        // One after the other: the first migrates the database and makes the key file the second then reads.
        a = node(shared);
        b = node(shared);
        portA = port(a);
        portB = port(b);
    }

    static ConfigurableApplicationContext node(List<String> properties) {
        // as arguments: they win over application.properties, as a node's own configuration does
        return new SpringApplicationBuilder(CharteApplication.class).run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @AfterAll
    void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    @Test
    @DisplayName("L6 R8.3 a staff lock-out made on node A holds on node B: five wrong passwords on A, the right one refused on B")
    void staffLockOut() {
        String login = "lock-" + UUID.randomUUID().toString().substring(0, 8);
        a.getBean(StaffDirectory.class).create(new StaffDirectory.NewStaff(login, "Test", "dpo", Staff.PASSWORD));
        Http onA = new Http(portA);
        for (int i = 0; i < 5; i++) {
            assertThat(location(onA.password(login, "wrong password " + i))).endsWith("?error");
        }
        assertThat(location(new Http(portB).password(login, Staff.PASSWORD))).endsWith("/backoffice/connexion?locked");
    }

    @Test
    @DisplayName("R8.3 a staff session made on node A works on node B with the same cookie, and a sign-out on B ends it on A")
    void sessionAcrossNodes() {
        Staff staff = Staff.signedIn(a.getBean(StaffDirectory.class), portA, "dpo");
        assertThat(staff.http().get("/backoffice").statusCode()).isEqualTo(200);
        Http sameBrowserOnB = staff.http().onPort(portB);
        HttpResponse<String> onB = sameBrowserOnB.get("/backoffice");
        assertThat(onB.statusCode()).as("signed in on B with A's cookie: " + location(onB)).isEqualTo(200);

        String csrf = Http.csrf(onB.body());
        HttpResponse<String> out = sameBrowserOnB.postForm("/backoffice/deconnexion", Map.of("_csrf", csrf));
        assertThat(location(out)).endsWith("/backoffice/connexion?logout");
        assertThat(location(staff.http().get("/backoffice"))).as("signed out on A too").contains("/backoffice/connexion");
    }

    @Test
    @DisplayName("R6.1 a grant opened or ended on node A binds node B from B's next request: B's copy of the member's grants serves only at the stamp read with their account")
    void grantsAcrossNodes() {
        StaffDirectory directory = a.getBean(StaffDirectory.class);
        Staff adv = Staff.signedIn(directory, portA, "adv");
        a.getBean(Commitments.class).sign(adv.id());
        StaffMember admin = directory.create(new StaffDirectory.NewStaff("admin-" + UUID.randomUUID().toString().substring(0, 8), "Admin",
                "administrator", Staff.PASSWORD));
        UUID person = a.getBean(Subjects.class).register(SubjectStatus.PROSPECT, new Identity("Mme", "NOEUD", "Camille", null),
                LocalDate.of(2026, 1, 5));
        Http onB = adv.http().onPort(portB);
        String read = "/api/v1/subjects/" + person + "?purpose=customer-service";
        assertThat(onB.get(read).statusCode()).as("no grant yet: B copies the member's grants (none)").isEqualTo(403);

        Grants grantsOnA = a.getBean(Grants.class);
        Grant grant = grantsOnA.grantIndividual(adv.id(), "customer-service", Set.of("identity", "contact"), List.of(ResourceRef.subject(person)),
                Instant.now().plus(Duration.ofDays(1)), "two nodes", admin.id());
        assertThat(onB.get(read).statusCode()).as("opened on A: B's next request").isEqualTo(200);
        assertThat(onB.get(read).statusCode()).as("again, from B's copy").isEqualTo(200);
        assertThat(adv.http().get(read).statusCode()).as("and on A").isEqualTo(200);

        grantsOnA.revoke(grant.id(), admin.id(), "no longer needed");
        assertThat(onB.get(read).statusCode()).as("ended on A: B's very next request").isEqualTo(403);
        assertThat(adv.http().get(read).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("R8.5 the public forms' rate limit counts across both nodes: three posts spread over A and B, the fourth refused (429) on either")
    void publicRateLimit() {
        Http browser = new Http(portA);
        String csrf = browser.csrfFrom("/mes-droits/demande?type=access");
        Http onB = browser.onPort(portB);
        List<Integer> statuses = new ArrayList<>();
        statuses.add(browser.postForm("/mes-droits/demande", Map.of("_csrf", csrf)).statusCode());
        statuses.add(onB.postForm("/mes-droits/demande", Map.of("_csrf", csrf)).statusCode());
        statuses.add(browser.postForm("/mes-droits/demande", Map.of("_csrf", csrf)).statusCode());
        assertThat(statuses).as("neither refused as forged (the session and its token are shared) nor limited").doesNotContain(403, 429);
        assertThat(onB.postForm("/mes-droits/demande", Map.of("_csrf", csrf)).statusCode()).isEqualTo(429);
        assertThat(browser.postForm("/mes-droits/demande", Map.of("_csrf", csrf)).statusCode()).isEqualTo(429);
    }

    @Test
    @DisplayName("R8.5 L5 the unsubscribe link's limit is counted on each node and shared through the database: 20 posts of one link on A, "
            + "one more on B (its own copy), then B, having flushed, refuses it (429) as A does")
    void oneClickRateLimit() {
        String path = "/u/" + "twonodes" + UUID.randomUUID().toString().replace("-", "");
        Http onA = new Http(portA);
        Http onB = new Http(portB);
        for (int i = 0; i < 20; i++) {
            assertThat(onA.postForm(path, Map.of("List-Unsubscribe", "One-Click")).statusCode()).as("a token no link made").isEqualTo(404);
        }
        assertThat(onA.postForm(path, Map.of("List-Unsubscribe", "One-Click")).statusCode()).isEqualTo(429);
        a.getBean(PreCountedBuckets.class).flush();
        assertThat(onB.postForm(path, Map.of("List-Unsubscribe", "One-Click")).statusCode()).as("B's own copy, not flushed yet").isEqualTo(404);
        b.getBean(PreCountedBuckets.class).flush();
        assertThat(onB.postForm(path, Map.of("List-Unsubscribe", "One-Click")).statusCode()).isEqualTo(429);
        a.getBean(PreCountedBuckets.class).flush();
        assertThat(onA.postForm(path, Map.of("List-Unsubscribe", "One-Click")).statusCode()).isEqualTo(429);
    }

    @Test
    @DisplayName("L6 R5.5 a client lock-out made on node A holds on node B: five failed client sign-ins on A, the sixth on B is 429 problem+json")
    void clientLockOut() throws Exception {
        UUID database = UUID.randomUUID();
        String body = Json.write(Map.of("accessCode", "client-x", "password", "not the password"));
        for (int i = 0; i < 5; i++) {
            assertThat(clientSignIn(portA, database, body).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = clientSignIn(portB, database, body);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(clientSignIn(portA, UUID.randomUUID(), body).statusCode()).as("another database is not locked").isEqualTo(401);
    }

    static HttpResponse<String> clientSignIn(int port, UUID database, String body) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/client/hosted-databases/" + database + "/sign-in"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    @DisplayName("R6.5 the audit chain written by both nodes at once verifies on each, with no gap or fork")
    void auditChain() throws Exception {
        AuditLog logA = a.getBean(AuditLog.class);
        AuditLog logB = b.getBean(AuditLog.class);
        long before = logA.verify().entriesChecked();
        int perWriter = 100;
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (AuditLog log : List.of(logA, logA, logB, logB)) {
                done.add(writers.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        log.append(AuditEvent.allowed("system", "read", "customer-service", "test", UUID.randomUUID().toString(), null, List.of()));
                    }
                }));
            }
            for (Future<?> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        AuditVerification onA = logA.verify();
        AuditVerification onB = logB.verify();
        assertThat(onA.intact()).as(String.valueOf(onA.firstProblem())).isTrue();
        assertThat(onB.intact()).as(String.valueOf(onB.firstProblem())).isTrue();
        assertThat(onA.entriesChecked()).isGreaterThanOrEqualTo(before + 4L * perWriter).isEqualTo(onB.entriesChecked());
    }

    @Test
    @DisplayName("R5.6 a retention run asked on both nodes at once runs once: B is refused while A's run holds the cluster lock")
    void retentionRunsOnce() throws Exception {
        RetentionRuns runsA = a.getBean(RetentionRuns.class);
        RetentionRuns runsB = b.getBean(RetentionRuns.class);
        LocalDate today = LocalDate.now(Zones.PARIS);
        int before = runsA.recent(1000).size();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch bAsked = new CountDownLatch(1);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<RetentionRuns.Report> onA = runner.submit(() -> runsA.run(new RetentionRuns.Request(today, false, RetentionRuns.Trigger.API, 500),
                    new RetentionRuns.ProgressListener() {
                        @Override
                        public void started(UUID runId, Map<String, Long> dueByRule) {
                            started.countDown();
                            try {
                                bAsked.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }));
            assertThat(started.await(30, TimeUnit.SECONDS)).as("A's run started").isTrue();
            try {
                assertThatThrownBy(() -> runsB.run(new RetentionRuns.Request(today, false, RetentionRuns.Trigger.API, 500),
                        RetentionRuns.ProgressListener.NONE)).isInstanceOf(RetentionRuns.RunInProgressException.class);
            } finally {
                bAsked.countDown();
            }
            assertThat(onA.get(60, TimeUnit.SECONDS).status()).isEqualTo(RetentionRuns.Status.COMPLETED);
        } finally {
            runner.shutdownNow();
        }
        assertThat(runsB.recent(1000)).as("one run recorded, seen from both nodes").hasSize(before + 1);
    }

    @Test
    @DisplayName("R1.4 mails queued on node A while node B runs its retry rounds are each sent once (GreenMail counts)")
    void mailSentOnce() throws Exception {
        String to = "twonodes-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        Outbox outboxA = a.getBean(Outbox.class);
        Outbox outboxB = b.getBean(Outbox.class);
        int mails = 10;
        ExecutorService retries = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch queued = new CountDownLatch(1);
            Future<?> roundsOnB = retries.submit(() -> {
                while (queued.getCount() > 0) {
                    outboxB.sendPending();
                }
                for (int i = 0; i < 20; i++) {
                    outboxB.sendPending();
                }
            });
            new TransactionTemplate(a.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
                for (int i = 0; i < mails; i++) {
                    outboxA.queue(Passage.toController("breach-notification", null), to, "Two nodes " + i, "Body " + i);
                }
            });
            queued.countDown();
            outboxA.sendPending();
            roundsOnB.get(60, TimeUnit.SECONDS);
        } finally {
            retries.shutdownNow();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (MailServer.to(to).size() < mails && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        outboxA.sendPending();
        outboxB.sendPending();
        Thread.sleep(500);
        assertThat(MailServer.to(to)).hasSize(mails);
        assertThat(MailServer.to(to).stream().map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).distinct()).hasSize(mails);
    }
}
