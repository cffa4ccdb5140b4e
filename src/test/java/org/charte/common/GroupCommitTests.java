package org.charte.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The group commit that the proofs of cookie choices (L3) and the one-click objections (L5) are written through: real
 * writer threads, real callers, and failures thrown by the batch writer given to it. The "database" here is a list
 * that a batch joins only when its whole write succeeds, as a transaction would.
 */
class GroupCommitTests {

    /** A store whose batches are all or nothing; an item "bad" makes its whole batch fail. */
    static final class Store {
        final List<String> committed = new CopyOnWriteArrayList<>();
        final List<Integer> sizes = new CopyOnWriteArrayList<>();
        volatile CountDownLatch hold = new CountDownLatch(0);

        List<String> write(List<String> batch) throws Exception {
            hold.await();
            sizes.add(batch.size());
            if (batch.contains("bad")) {
                throw new IllegalArgumentException("refused");
            }
            committed.addAll(batch);
            return batch.stream().map(s -> "ok:" + s).toList();
        }
    }

    static Throwable cause(CompletableFuture<?> done) {
        try {
            done.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("completed normally");
    }

    @Test
    @DisplayName("L3 L5 many callers at once: each answered with its own result only once its batch is written, in fewer batches than callers")
    void concurrentCallersShareBatches() throws Exception {
        Store store = new Store();
        store.hold = new CountDownLatch(1);
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", 2, 1000, store::write)) {
            int callers = 200;
            CountDownLatch started = new CountDownLatch(callers);
            List<Future<String>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < callers; i++) {
                    String item = "item-" + i;
                    answers.add(pool.submit(() -> {
                        started.countDown();
                        String result = commits.write(item);
                        // what an answer promises is checked the moment it arrives: the item is written
                        assertThat(store.committed).contains(item);
                        return result;
                    }));
                }
                started.await();
                Thread.sleep(50); // let the callers queue while the first batches wait
                store.hold.countDown();
                for (int i = 0; i < callers; i++) {
                    assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("ok:item-" + i);
                }
            }
            assertThat(store.committed).hasSize(callers).doesNotHaveDuplicates();
            assertThat(commits.batches()).as("batched").isLessThan(callers);
            assertThat(store.sizes).allSatisfy(size -> assertThat(size).isBetween(1, 1000));
        }
    }

    @Test
    @DisplayName("L3 L5 a batch is never larger than its maximum")
    void batchSizeBounded() throws Exception {
        Store store = new Store();
        store.hold = new CountDownLatch(1);
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", 1, 7, store::write)) {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(commits.submit("item-" + i));
            }
            store.hold.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(store.sizes).allSatisfy(size -> assertThat(size).isBetween(1, 7));
            assertThat(store.sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(50);
            assertThat(store.committed).as("one writer: in the order submitted").isEqualTo(answers.stream().map(a -> a.join().substring(3)).toList());
        }
    }

    @Test
    @DisplayName("L3 L5 a batch that fails is written again item by item: only the bad item's caller gets its exception, the others are written and answered")
    void failedBatchRetriedAlone() throws Exception {
        Store store = new Store();
        store.hold = new CountDownLatch(1);
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", 1, 1000, store::write)) {
            CompletableFuture<String> first = commits.submit("first"); // taken alone while the store holds
            Thread.sleep(50);
            List<String> items = List.of("a", "b", "bad", "c");
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (String item : items) {
                answers.add(commits.submit(item));
            }
            store.hold.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("ok:first");
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).equals("bad")) {
                    assertThat(cause(answers.get(i))).isInstanceOf(IllegalArgumentException.class).hasMessage("refused");
                } else {
                    assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("ok:" + items.get(i));
                }
            }
            assertThat(store.committed).containsExactly("first", "a", "b", "c");
            assertThat(store.sizes).containsExactly(1, 4, 1, 1, 1, 1);
            assertThatThrownBy(() -> commits.write("bad")).as("write throws what the item's write threw")
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("refused");
            assertThat(commits.write("after")).as("the writer goes on").isEqualTo("ok:after");
        }
    }

    @Test
    @DisplayName("L3 L5 a batch that fails because the database cannot be reached is no item's fault: every caller told at once, no retry item by item")
    void unreachableDatabaseFailsTheBatchOnce() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        CountDownLatch hold = new CountDownLatch(1);
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", 1, 100, batch -> {
            hold.await();
            sizes.add(batch.size());
            if (batch.contains("first")) {
                return List.of("ok");
            }
            throw new CannotCreateTransactionException("no connection");
        })) {
            CompletableFuture<String> first = commits.submit("first");
            Thread.sleep(50);
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(commits.submit("item-" + i));
            }
            hold.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
            for (CompletableFuture<String> answer : answers) {
                assertThat(cause(answer)).isInstanceOf(CannotCreateTransactionException.class);
            }
            assertThat(sizes).containsExactly(1, 5);
        }
    }

    @Test
    @DisplayName("L3 L5 a batch writer answering the wrong number of results fails its callers instead of answering them wrongly")
    void wrongResultCountFails() {
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", 1, 10, batch -> List.of())) {
            assertThat(cause(commits.submit("x"))).isInstanceOf(IllegalStateException.class);
            List<CompletableFuture<String>> answers = commits.writeBatch(List.of("y", "z"));
            assertThat(answers).allSatisfy(a -> assertThat(a).isCompletedExceptionally());
        }
    }

    @Test
    @DisplayName("L3 L5 shutdown writes what is queued before the writers end; afterwards nothing is accepted, the caller told at once")
    void shutdownDrains() throws Exception {
        Store store = new Store();
        store.hold = new CountDownLatch(1);
        GroupCommit<String, String> commits = new GroupCommit<>("test", 2, 5, store::write);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(commits.submit("item-" + i));
        }
        Thread releaser = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.hold.countDown();
        });
        commits.close();
        releaser.join();
        assertThat(answers).allSatisfy(a -> assertThat(a).isCompleted().isNotCompletedExceptionally());
        assertThat(store.committed).hasSize(40);
        assertThat(cause(commits.submit("late"))).isInstanceOf(GroupCommit.ClosedException.class);
        assertThatThrownBy(() -> commits.write("late")).isInstanceOf(GroupCommit.ClosedException.class);
        commits.close(); // idempotent
        assertThat(store.committed).doesNotContain("late");
    }

    @Test
    @DisplayName("L3 L5 a shutdown whose writers do not finish in time fails what is still queued: no caller is left waiting, nothing of it written")
    void shutdownTimeoutFailsWhatIsLeft() throws Exception {
        Store store = new Store();
        store.hold = new CountDownLatch(1);
        GroupCommit<String, String> commits = new GroupCommit<>("test", 1, 2, store::write);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        answers.add(commits.submit("item-0"));
        Thread.sleep(50); // the writer has taken it and is held
        for (int i = 1; i < 10; i++) {
            answers.add(commits.submit("item-" + i));
        }
        commits.close(100, TimeUnit.MILLISECONDS);
        Set<String> told = ConcurrentHashMap.newKeySet();
        for (int i = 1; i < 10; i++) {
            assertThat(cause(answers.get(i))).isInstanceOf(GroupCommit.ClosedException.class);
            told.add("item-" + i);
        }
        store.hold.countDown(); // the batch being written when the time ran out still completes
        assertThat(answers.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("ok:item-0");
        Thread.sleep(50);
        assertThat(store.committed).containsExactly("item-0").doesNotContainAnyElementsOf(told);
    }

    @Test
    @DisplayName("L3 L5 an interrupted caller still learns its item's outcome")
    void callerInterruptStillAnswered() throws Exception {
        Store store = new Store();
        store.hold = new CountDownLatch(1);
        try (GroupCommit<String, String> commits = new GroupCommit<>("test", 1, 10, store::write)) {
            CompletableFuture<String> seen = new CompletableFuture<>();
            Thread caller = Thread.ofPlatform().start(() -> seen.complete(commits.write("x")));
            Thread.sleep(50);
            caller.interrupt();
            Thread.sleep(50);
            assertThat(seen).isNotDone();
            store.hold.countDown();
            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("ok:x");
            caller.join();
        }
    }

    @Test
    @DisplayName("L3 L5 the writers' number and the batch size are bounded")
    void bounds() {
        assertThatThrownBy(() -> new GroupCommit<String, String>("test", 0, 10, batch -> batch)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupCommit<String, String>("test", 1, 0, batch -> batch)).isInstanceOf(IllegalArgumentException.class);
    }
}
