package org.charte.subjects.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.charte.common.Ids;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.BusyReaders;
import org.charte.testing.CharteIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person's row and key read for a read of their data ({@link SubjectStore#rowWithKey}): outside a
 * transaction, the reads of concurrent requests made by one statement, each as it is when asked; within
 * a transaction, by that transaction, which sees what it wrote.
 */
@CharteIntegrationTest
class SubjectReadsTests {

    @Autowired
    SubjectStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Ids ids;

    UUID person(String lastName) {
        UUID id = ids.next();
        store.insert(id, SubjectStatus.PROSPECT, new PersonalData(new Identity("Mme", lastName, "Élise", LocalDate.of(1980, 5, 17))),
                LocalDate.of(2026, 11, 30));
        return id;
    }

    String lastNameRead(UUID id) {
        JdbcSubjects.Keyed keyed = store.rowWithKey(id).orElseThrow();
        return store.view(keyed.row(), keyed.key(), Set.of(Subjects.IDENTITY)).identity().lastName();
    }

    @Test
    @DisplayName("R8.3 R2.1 concurrent reads of people are made together, each request opening its own person")
    void eachTheirOwn() throws Exception {
        Map<UUID, String> names = new ConcurrentHashMap<>();
        for (int i = 0; i < 12; i++) {
            String name = "LECTURE-" + i + "-ÆØÅ";
            names.put(person(name), name);
        }
        List<UUID> people = new ArrayList<>(names.keySet());
        long statements = store.gatheredStatements();
        long reads = store.gatheredReads();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        UUID id = people.get(ThreadLocalRandom.current().nextInt(people.size()));
                        assertThat(lastNameRead(id)).isEqualTo(names.get(id));
                    }
                    assertThat(store.rowWithKey(ids.next())).as("nobody").isEmpty();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.gatheredReads() - reads).isGreaterThanOrEqualTo(16 * 201);
        assertThat(store.gatheredStatements() - statements).as("fewer statements than reads").isLessThan(store.gatheredReads() - reads);
    }

    @Test
    @DisplayName("R8.3 a change committed before a read is asked is always seen, however busy the reads")
    void seesWhatWasCommittedBefore() throws Exception {
        UUID changing = person("CHANGEANTE");
        List<UUID> busy = List.of(person("OCCUPÉE-1"), person("OCCUPÉE-2"));
        try (BusyReaders busyReads = BusyReaders.start(6, () -> store.rowWithKey(busy.get(ThreadLocalRandom.current().nextInt(2))).orElseThrow())) {
            SubjectStatus[] statuses = SubjectStatus.values();
            for (int i = 0; i < 150; i++) {
                SubjectStatus status = statuses[i % statuses.length];
                jdbc.sql("UPDATE data_subject SET status = ? WHERE id = ?").param(status.name()).param(changing).update();
                assertThat(store.rowWithKey(changing).orElseThrow().row().status()).as("change %d", i).isEqualTo(status);
            }
        }
    }

    @Test
    @DisplayName("R8.3 within a transaction, a person's read is the transaction's own: it sees the person the transaction just recorded")
    void withinATransaction() throws Exception {
        List<UUID> busy = List.of(person("OCCUPÉE-3"), person("OCCUPÉE-4"));
        try (BusyReaders busyReads = BusyReaders.start(6, () -> store.rowWithKey(busy.get(ThreadLocalRandom.current().nextInt(2))).orElseThrow())) {
            TransactionTemplate transaction = new TransactionTemplate(transactions);
            for (int i = 0; i < 40; i++) {
                String name = "DANS-LA-TRANSACTION-" + i;
                // other requests' reads under way meanwhile: this one must not wait for theirs, which cannot see it
                String read = transaction.execute(status -> lastNameRead(person(name)));
                assertThat(read).isEqualTo(name);
            }
        }
    }
}
