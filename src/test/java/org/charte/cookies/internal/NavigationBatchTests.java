package org.charte.cookies.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.charte.cookies.ChoiceMethod;
import org.charte.testing.RightsTestBase;
import org.charte.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Page views written in batches by the beacon's writers (R3.4, L8, R4.4), on the real database (H2
 * with one writer, and PostgreSQL with two in the db suite): many callers at once, the same visitors
 * in several batches, each view stored once and counted once, each visitor counted once a day, a
 * consented view kept as such only under a consent id whose choice accepts audience measurement.
 * One beacon at a time over HTTP: {@code NavigationDataTests}.
 */
class NavigationBatchTests extends RightsTestBase {

    static final List<String> AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36");

    @Autowired NavigationData navigation;
    @Autowired ConsentRecords records;
    @Autowired ConsentBanner banner;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcNavigation navigationRows;
    @Autowired JdbcConsentRecords consentRows;

    private UUID consent(boolean audience) {
        return consent(UUID.randomUUID(), audience);
    }

    private UUID consent(UUID id, boolean audience) {
        Map<String, Boolean> choices = new LinkedHashMap<>();
        banner.purposes().forEach(p -> choices.put(p, audience && p.equals("audience")));
        records.record(new ConsentRecords.Submission(id, banner.version().value(), ChoiceMethod.BANNER, "https://www.gestan-demo.example", "fr",
                choices), AGENTS.get(0), null, null);
        return id;
    }

    private static InetAddress address(int visitor) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) visitor});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    @DisplayName("R3.4 L8 R4.4 page views sent by many callers at once, the same visitors in several batches, are each stored and counted once, "
            + "each visitor counted once; consented only under a consent accepting audience measurement")
    void manyCallersEachViewOnce() throws Exception {
        String site = "https://b" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        UUID accepting = consent(true);
        UUID refusing = consent(false);
        int callers = 16;
        int each = 60;
        int visitors = 40; // address i % 20 with agent i / 20 % 2: 40 visitors, each in many batches of both writers
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                done.add(pool.submit(() -> {
                    int stored = 0;
                    for (int k = 0; k < each; k++) {
                        int i = caller * each + k;
                        UUID consent = i % 9 == 0 ? accepting : i % 9 == 4 ? refusing : null;
                        String referrer = i % 3 == 0 ? "https://search.example/?q=" + i : site + "/p" + ((i + 1) % 7);
                        CompletableFuture<Void> view = navigation.receive(new NavigationData.Beacon(site, "/p" + (i % 7), referrer, consent),
                                address(i % 20), AGENTS.get(i / 20 % 2));
                        assertThat(view).as("the writer is not saturated").isNotNull();
                        view.join(); // as a request waits for its commit
                        stored++;
                    }
                    return stored;
                }));
            }
            int acknowledged = 0;
            for (Future<Integer> f : done) {
                acknowledged += f.get();
            }
            assertThat(acknowledged).isEqualTo(callers * each);
        } finally {
            pool.shutdownNow();
        }
        int views = callers * each;
        long withAccepting = IntStream.range(0, views).filter(i -> i % 9 == 0).count();
        long fromElsewhere = IntStream.range(0, views).filter(i -> i % 3 == 0).count();
        long consented = count("SELECT COUNT(*) FROM navigation_consented_event WHERE site = ?", site);
        long exempt = count("SELECT COUNT(*) FROM navigation_exempt_event WHERE site = ?", site);
        assertThat(consented).as("consented: the accepting id's views only").isEqualTo(withAccepting);
        assertThat(count("SELECT COUNT(*) FROM navigation_consented_event WHERE consent_id = ?", refusing)).isZero();
        assertThat(consented + exempt).as("each view stored once").isEqualTo(views);
        assertThat(count("SELECT COALESCE(SUM(views), 0) FROM navigation_count WHERE site = ? AND dimension = 'day'", site))
                .as("each view counted once, in the events' transaction").isEqualTo(views);
        assertThat(count("SELECT COALESCE(SUM(views), 0) FROM navigation_count WHERE site = ? AND dimension = 'page'", site)).isEqualTo(views);
        assertThat(count("SELECT COALESCE(SUM(views), 0) FROM navigation_count WHERE site = ? AND dimension = 'browser'", site)).isEqualTo(views);
        assertThat(count("SELECT COUNT(*) FROM navigation_visitor WHERE site = ?", site)).as("the day's visitors, each once").isEqualTo(visitors);
        assertThat(count("SELECT COUNT(DISTINCT visitor) FROM navigation_exempt_event WHERE site = ?", site))
                .as("one hash per visitor whichever thread made it: no thread's hash mixed into another's").isEqualTo(visitors);
        assertThat(count("SELECT COUNT(*) FROM navigation_visitor v WHERE site = ? AND NOT EXISTS (SELECT 1 FROM navigation_exempt_event e "
                + "WHERE e.site = v.site AND e.visitor = v.visitor)", site)).as("the visitors counted are the events' hashes").isZero();
        assertThat(count("SELECT COALESCE(SUM(visitors), 0) FROM navigation_count WHERE site = ? AND dimension = 'day'", site))
                .as("each visitor counted once though in several batches").isEqualTo(visitors);
        long entries = count("SELECT COUNT(*) FROM navigation_exempt_event WHERE site = ? AND entry = TRUE", site)
                + count("SELECT COUNT(*) FROM navigation_consented_event WHERE site = ? AND entry = TRUE", site);
        assertThat(count("SELECT COALESCE(SUM(visits), 0) FROM navigation_count WHERE site = ? AND dimension = 'day'", site))
                .as("a visit per entry page").isEqualTo(entries).isEqualTo(fromElsewhere);
    }

    @Test
    @DisplayName("R3.4 L8 a batch whose counters cannot be written stores none of its views: no event, no visitor, its callers told")
    void failedBatchStoresNothing() {
        String site = "https://f" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        UUID accepting = consent(true);
        // the counters refuse this site's rows when written, after its events and visitors were (the constraint holds for every other site)
        TestDatabase.asOwner(jdbc, "ALTER TABLE navigation_count ADD CONSTRAINT navigation_count_test_refuses CHECK (site <> '" + site + "')");
        List<CompletableFuture<Void>> views = new ArrayList<>();
        try {
            views.add(navigation.receive(new NavigationData.Beacon(site, "/a", "https://search.example/", null), address(7), AGENTS.get(0)));
            views.add(navigation.receive(new NavigationData.Beacon(site, "/b", null, accepting), address(8), AGENTS.get(1)));
            for (CompletableFuture<Void> view : views) {
                assertThat(view).isNotNull();
                assertThat(view).failsWithin(Duration.ofSeconds(30));
            }
        } finally {
            TestDatabase.asOwner(jdbc, "ALTER TABLE navigation_count DROP CONSTRAINT navigation_count_test_refuses");
        }
        assertThat(count("SELECT COUNT(*) FROM navigation_exempt_event WHERE site = ?", site)).isZero();
        assertThat(count("SELECT COUNT(*) FROM navigation_consented_event WHERE site = ?", site)).isZero();
        assertThat(count("SELECT COUNT(*) FROM navigation_visitor WHERE site = ?", site)).isZero();
        assertThat(count("SELECT COUNT(*) FROM navigation_count WHERE site = ?", site)).isZero();

        navigation.receive(new NavigationData.Beacon(site, "/a", null, null), address(7), AGENTS.get(0)).join();
        assertThat(count("SELECT COUNT(*) FROM navigation_exempt_event WHERE site = ?", site)).isEqualTo(1);
        assertThat(count("SELECT COALESCE(SUM(visitors), 0) FROM navigation_count WHERE site = ? AND dimension = 'day'", site))
                .as("the visitor counted when first stored").isEqualTo(1);
    }

    @Test
    @DisplayName("R3.4 L3 a batch of views under a consent id whose withdrawal is being committed waits for it and then sees the refusal: "
            + "the view kept as exempt measurement keeps it, nothing under the consent id")
    void batchWaitsForAWithdrawalInProgress() throws Exception {
        String site = "https://h" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        UUID id = consent(true);
        JdbcConsentRecords.Row accepted = consentRows.byConsentId(id, 10).getFirst();
        Map<String, Boolean> refused = new LinkedHashMap<>();
        banner.purposes().forEach(p -> refused.put(p, false));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            // the withdrawal's transaction: its lock on the consent id taken, its refusal written, not yet committed
            Future<?> withdrawal = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                navigationRows.lockConsents(List.of(id), true);
                consentRows.insertAll(List.of(new JdbcConsentRecords.Row(UUID.randomUUID(), id, accepted.bannerVersion(), accepted.method(),
                        accepted.site(), accepted.language(), accepted.browser(), accepted.recordedAt().plusSeconds(1), refused)));
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> view = navigation.receive(new NavigationData.Beacon(site, "/waits", null, id), address(3), AGENTS.get(0));
            assertThat(view).isNotNull();
            Thread.sleep(500);
            assertThat(view).as("the batch waits for the withdrawal's lock").isNotDone();
            release.countDown();
            withdrawal.get(30, TimeUnit.SECONDS);
            view.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM navigation_consented_event WHERE consent_id = ?", id))
                .as("checked once the refusal was committed: nothing under the consent id").isZero();
        assertThat(count("SELECT COUNT(*) FROM navigation_exempt_event WHERE site = ? AND page = '/waits'", site))
                .as("the view kept as exempt measurement keeps it").isEqualTo(1);
    }

    @Test
    @DisplayName("R3.4 L3 a withdrawal of audience consent committed while a batch of views checked under that consent before it is still "
            + "being written erases those views too: no navigation data stays tied to a withdrawn consent id")
    void withdrawalDuringABatchErasesIt() throws Exception {
        String site = "https://w" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        UUID id = consent(true);
        navigation.receive(new NavigationData.Beacon(site, "/", null, null), address(1), AGENTS.get(0)).join(); // the site's counters exist
        CountDownLatch counterHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // another transaction holds the site's day counter: the writer's next batch checks the consent, inserts its consented
            // view, then waits there, uncommitted, on that counter
            Future<?> holder = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                jdbc.sql("SELECT views FROM navigation_count WHERE site = ? AND dimension = 'day' AND item = '' FOR UPDATE").param(site)
                        .query(Long.class).list();
                counterHeld.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(counterHeld.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> view = navigation.receive(new NavigationData.Beacon(site, "/during", null, id), address(2), AGENTS.get(1));
            assertThat(view).isNotNull();
            Thread.sleep(500); // the writer checks the consent (it accepts) and waits on the counter
            Future<?> withdrawal = pool.submit(() -> consent(id, false)); // the refusal and its erasure, committed at once unless it waits
            Thread.sleep(500); // the withdrawal reaches its erasure while the batch is still open
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            view.get(30, TimeUnit.SECONDS);
            withdrawal.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM navigation_consented_event WHERE consent_id = ?", id))
                .as("the batch's consented view, checked before the withdrawal, erased by it").isZero();
        assertThat(count("SELECT COALESCE(SUM(views), 0) FROM navigation_count WHERE site = ? AND dimension = 'day'", site))
                .as("the view is still counted, as exempt measurement counts it").isEqualTo(2);
    }
}
