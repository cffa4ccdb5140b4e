package org.charte.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * A closed-loop HTTP load generator on loopback: {@code concurrency} virtual threads share one
 * {@link HttpClient} (HTTP/1.1, keep-alive: about one connection per caller), each sending its next
 * request as soon as the previous answer is read, until {@code maxRequests} were sent or
 * {@code maxSeconds} passed. Every request's latency (send to body read) and status are kept.
 */
public final class HttpLoad {

    /** What one phase measured. */
    public record Result(String name, long requests, double seconds, long[] sortedNanos, Map<Integer, Long> statuses, long errors) {

        public double rate() {
            return requests / seconds;
        }

        public double ms(double q) {
            return sortedNanos.length == 0 ? Double.NaN : BenchDatabase.percentile(sortedNanos, q) / 1e6;
        }

        public long ok() {
            return statuses.getOrDefault(200, 0L);
        }

        /** How many requests were answered with this status. */
        public long answered(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", requests);
            m.put("seconds", seconds);
            m.put("perSecond", rate());
            m.put("p50Ms", ms(0.50));
            m.put("p90Ms", ms(0.90));
            m.put("p99Ms", ms(0.99));
            m.put("p999Ms", ms(0.999));
            m.put("maxMs", sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6);
            m.put("statuses", statuses);
            m.put("errors", errors);
            return m;
        }

        public String line() {
            return String.format(Locale.ROOT, "%-34s %9d %9.1f %9.0f %8.2f %8.2f %8.2f %8.2f   %s%s", name, requests, seconds, rate(), ms(0.50),
                    ms(0.90), ms(0.99), ms(0.999), statuses, errors > 0 ? " errors " + errors : "");
        }
    }

    /** Several runs of the same request as one: counts and times added, latencies pooled. */
    public static Result merge(String name, List<Result> runs) {
        long requests = 0;
        double seconds = 0;
        long errors = 0;
        int samples = 0;
        Map<Integer, Long> statuses = new TreeMap<>();
        for (Result r : runs) {
            requests += r.requests();
            seconds += r.seconds();
            errors += r.errors();
            samples += r.sortedNanos().length;
            r.statuses().forEach((status, n) -> statuses.merge(status, n, Long::sum));
        }
        long[] all = new long[samples];
        int k = 0;
        for (Result r : runs) {
            System.arraycopy(r.sortedNanos(), 0, all, k, r.sortedNanos().length);
            k += r.sortedNanos().length;
        }
        Arrays.sort(all);
        return new Result(name, requests, seconds, all, statuses, errors);
    }

    public static String header() {
        return String.format(Locale.ROOT, "%-34s %9s %9s %9s %8s %8s %8s %8s   %s", "", "requests", "seconds", "per s", "p50 ms", "p90 ms", "p99 ms",
                "p99.9 ms", "statuses");
    }

    private HttpLoad() {}

    public static Result run(String name, int concurrency, long maxRequests, double maxSeconds, LongFunction<HttpRequest> request) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            AtomicLong next = new AtomicLong();
            Map<Integer, Long> statuses = new ConcurrentHashMap<>();
            LongAdder errors = new LongAdder();
            List<long[]> samples = new ArrayList<>();
            long[] counts = new long[concurrency];
            CountDownLatch done = new CountDownLatch(concurrency);
            long start = System.nanoTime();
            long end = start + (long) (maxSeconds * 1e9);
            AtomicLong last = new AtomicLong(start);
            for (int t = 0; t < concurrency; t++) {
                long[] mine = new long[(int) Math.min(maxRequests, 4_000_000L / concurrency + 1)];
                samples.add(mine);
                int thread = t;
                Thread.ofVirtual().name("bench-http-" + t).start(() -> {
                    try {
                        int n = 0;
                        while (true) {
                            long i = next.getAndIncrement();
                            if (i >= maxRequests || System.nanoTime() >= end) {
                                break;
                            }
                            HttpRequest r = request.apply(i);
                            long t0 = System.nanoTime();
                            try {
                                HttpResponse<byte[]> response = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
                                statuses.merge(response.statusCode(), 1L, Long::sum);
                            } catch (Exception e) {
                                errors.increment();
                            }
                            long t1 = System.nanoTime();
                            if (n < mine.length) {
                                mine[n++] = t1 - t0;
                            }
                            last.accumulateAndGet(t1, Math::max);
                        }
                        counts[thread] = n;
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
            long total = 0;
            for (long c : counts) {
                total += c;
            }
            long[] all = new long[(int) total];
            int k = 0;
            for (int t = 0; t < concurrency; t++) {
                System.arraycopy(samples.get(t), 0, all, k, (int) counts[t]);
                k += (int) counts[t];
            }
            Arrays.sort(all);
            long requests = statuses.values().stream().mapToLong(Long::longValue).sum() + errors.sum();
            return new Result(name, requests, (last.get() - start) / 1e9, all, new TreeMap<>(statuses), errors.sum());
        } finally {
            client.close();
        }
    }
}
