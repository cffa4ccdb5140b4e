package org.charte.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Threads that keep reading in the background while a test does its own reads, so that gathered
 * reads are busy (a batch under way, a window open) when the test's read is asked. {@link #close()}
 * stops them and fails with the first failure any of them met.
 */
public final class BusyReaders implements AutoCloseable {

    /** One background read; it may throw (an assertion included). */
    @FunctionalInterface
    public interface Read {
        void run() throws Exception;
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService pool;
    private final List<Future<?>> readers = new ArrayList<>();

    private BusyReaders(int threads, Read read) {
        pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            readers.add(pool.submit(() -> {
                while (running.get()) {
                    read.run();
                }
                return null;
            }));
        }
    }

    /** Starts {@code threads} threads, each repeating {@code read} until closed. */
    public static BusyReaders start(int threads, Read read) {
        return new BusyReaders(threads, read);
    }

    @Override
    public void close() throws ExecutionException, InterruptedException {
        running.set(false);
        try {
            for (Future<?> reader : readers) {
                reader.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
