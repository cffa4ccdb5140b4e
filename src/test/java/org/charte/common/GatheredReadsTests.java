package org.charte.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reads gathered into batches ({@link GatheredReads}), over a store in memory: each caller gets its own
 * key's value as it was when it asked, batches form under concurrency, a failed batch fails its callers
 * and holds nobody after it. (Over the real databases: SessionReadsTests and SubjectReadsTests.)
 */
class GatheredReadsTests {

    /** A store in memory read as the batch reader reads: a snapshot of the keys asked for, at the batch's start. */
    static Function<Set<Integer>, Map<Integer, Long>> snapshotOf(Map<Integer, Long> store, AtomicInteger calls) {
        return keys -> {
            calls.incrementAndGet();
            Map<Integer, Long> found = new HashMap<>();
            for (Integer key : keys) {
                Long value = store.get(key);
                if (value != null) {
                    found.put(key, value);
                }
            }
            return found;
        };
    }

    @Test
    @DisplayName("R8.3 every caller reads its key's value as written before it asked, never an older one, under concurrency")
    void eachSeesWhatWasWrittenBefore() throws Exception {
        for (Duration gather : List.of(Duration.ZERO, Duration.ofMillis(1))) {
            Map<Integer, Long> store = new ConcurrentHashMap<>();
            AtomicInteger calls = new AtomicInteger();
            GatheredReads<Integer, Long> reads = new GatheredReads<>("test.gather", gather, 64, snapshotOf(store, calls));
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> done = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    int key = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (long i = 0; i < 2_000; i++) {
                            store.put(key, i);
                            assertThat(reads.read(key)).as("key %d, write %d", key, i).isEqualTo(i);
                        }
                        assertThat(reads.read(1_000 + key)).as("a key never written").isNull();
                        return key;
                    }));
                }
                start.countDown();
                for (Future<Integer> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(reads.reads()).isEqualTo(16 * 2_001);
            assertThat(reads.batches()).isEqualTo(calls.get());
            assertThat(reads.batches()).as("batches formed (window %s)", gather).isLessThan(reads.reads());
        }
    }

    @Test
    @DisplayName("R8.3 a failed batch fails each of its callers with its exception, and the next callers are read")
    void failureReachesEveryCallerOnly() {
        AtomicInteger calls = new AtomicInteger();
        GatheredReads<Integer, Long> reads = new GatheredReads<>("test.gather", Duration.ofMillis(5), 64, keys -> {
            if (calls.incrementAndGet() <= 3) {
                throw new IllegalStateException("the database is away");
            }
            Map<Integer, Long> found = new HashMap<>();
            keys.forEach(k -> found.put(k, (long) k * 10));
            return found;
        });
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(12);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Object>> done = new ArrayList<>();
                for (int t = 0; t < 12; t++) {
                    int key = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        try {
                            return reads.read(key);
                        } catch (IllegalStateException e) {
                            return e;
                        }
                    }));
                }
                start.countDown();
                int failed = 0;
                for (int t = 0; t < 12; t++) {
                    Object outcome = done.get(t).get();
                    if (outcome instanceof IllegalStateException e) {
                        assertThat(e).hasMessage("the database is away");
                        failed++;
                    } else {
                        assertThat(outcome).isEqualTo((long) t * 10);
                    }
                }
                assertThat(failed).as("the callers of the failed batches").isPositive();
            } finally {
                pool.shutdownNow();
            }
            while (calls.get() < 3) {
                assertThatThrownBy(() -> reads.read(99)).hasMessage("the database is away");
            }
            assertThat(reads.read(7)).as("the lead was handed back").isEqualTo(70L);
        });
    }

    @Test
    @DisplayName("R8.3 an interrupted caller still gets its read, with its interrupt kept")
    void interruptKept() {
        GatheredReads<Integer, Long> reads = new GatheredReads<>("test.gather", Duration.ofMillis(1), 8, keys -> Map.of(1, 1L));
        Thread.currentThread().interrupt();
        try {
            assertThat(reads.read(1)).isEqualTo(1L);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    @DisplayName("R8.3 the gathering window is 0 to 100 ms, a batch 1 to 10,000 keys")
    void bounds() {
        Function<Set<Integer>, Map<Integer, Long>> none = keys -> Map.of();
        assertThatThrownBy(() -> new GatheredReads<>("charte.x.gather", Duration.ofMillis(-1), 8, none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("charte.x.gather");
        assertThatThrownBy(() -> new GatheredReads<>("charte.x.gather", Duration.ofMillis(101), 8, none)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GatheredReads<>("charte.x.gather", Duration.ZERO, 0, none)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GatheredReads<>("charte.x.gather", Duration.ZERO, 10_001, none)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new GatheredReads<>("charte.x.gather", GatheredReads.MAX_GATHER, 10_000, none).read(1)).isNull();
    }
}
