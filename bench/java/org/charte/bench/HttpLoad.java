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
 * The HTTP benchmarks' closed-loop load on loopback, by one of two generators (BENCH_LOADGEN, see
 * bench/README.md):
 * <ul>
 * <li><b>wrk</b> (the default): a separate process ({@link Wrk}), {@code concurrency} connections
 * on BENCH_WRK_THREADS threads (1 by default), the phase's requests built by a Lua script of
 * bench/wrk;</li>
 * <li><b>java</b>: in this JVM, {@code concurrency} virtual threads share one {@link HttpClient}
 * (HTTP/1.1, keep-alive: about one connection per caller).</li>
 * </ul>
 * Either way each caller sends its next request as soon as the previous answer is read, until
 * {@code maxRequests} were sent or {@code maxSeconds} passed; latency (send to answer read) and
 * status are kept. An error is a request without an answer or with an answer outside 2xx.
 */
public final class HttpLoad {

    /** The two generators. */
    public enum Generator {
        WRK, JAVA;

        /** BENCH_LOADGEN: wrk (the default) or java. */
        public static Generator chosen() {
            String g = System.getenv("BENCH_LOADGEN");
            if (g == null || g.isBlank() || g.strip().equalsIgnoreCase("wrk")) {
                return WRK;
            }
            if (g.strip().equalsIgnoreCase("java")) {
                return JAVA;
            }
            throw new IllegalArgumentException("BENCH_LOADGEN must be wrk or java, not '" + g + "'");
        }
    }

    /** The generator of this run, and what to print of it. */
    public static String generatorLine() {
        return Generator.chosen() == Generator.WRK ? "load generator: " + Wrk.describe()
                : "load generator: Java's HttpClient on virtual threads, in this JVM (BENCH_LOADGEN=java)";
    }

    /**
     * What one phase measured. {@code generator} says which made the load; {@code generatorCpuMs} is
     * the CPU time wrk's process used (NaN for the Java generator: its CPU is the JVM's, with the server's);
     * {@code unanswered}: requests sent whose answer was not read when the phase ended (wrk stops at
     * its duration with requests in flight, which the server may still carry out; the Java generator
     * waits for every answer: 0). They are not in {@code requests}.
     */
    public record Result(String name, long requests, double seconds, long[] sortedNanos, Map<Integer, Long> statuses, long errors, String generator,
            double generatorCpuMs, long unanswered) {

        public Result(String name, long requests, double seconds, long[] sortedNanos, Map<Integer, Long> statuses, long errors) {
            this(name, requests, seconds, sortedNanos, statuses, errors, "java", Double.NaN, 0);
        }

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
            m.put("generator", generator);
            m.put("unanswered", unanswered);
            if (!Double.isNaN(generatorCpuMs) && requests > 0) {
                m.put("generatorCpuMsPerRequest", generatorCpuMs / requests);
            }
            return m;
        }

        public String line() {
            return String.format(Locale.ROOT, "%-34s %9d %9.1f %9.0f %8.2f %8.2f %8.2f %8.2f   %s%s", name, requests, seconds, rate(), ms(0.50),
                    ms(0.90), ms(0.99), ms(0.999), statuses, errors > 0 ? " errors " + errors : "")
                    + (Double.isNaN(generatorCpuMs) || requests == 0 ? "" : String.format(Locale.ROOT, " (wrk CPU %.3f ms/request)", generatorCpuMs / requests));
        }
    }

    /** Several runs of the same request as one: counts and times added, latencies pooled. */
    public static Result merge(String name, List<Result> runs) {
        long requests = 0;
        double seconds = 0;
        long errors = 0;
        int samples = 0;
        double cpu = 0;
        long unanswered = 0;
        Map<Integer, Long> statuses = new TreeMap<>();
        for (Result r : runs) {
            unanswered += r.unanswered();
            requests += r.requests();
            seconds += r.seconds();
            errors += r.errors();
            cpu += r.generatorCpuMs();
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
        return new Result(name, requests, seconds, all, statuses, errors, runs.isEmpty() ? "java" : runs.getFirst().generator(), cpu, unanswered);
    }

    public static String header() {
        return String.format(Locale.ROOT, "%-34s %9s %9s %9s %8s %8s %8s %8s   %s", "", "requests", "seconds", "per s", "p50 ms", "p90 ms", "p99 ms",
                "p99.9 ms", "statuses");
    }

    private HttpLoad() {}

    /**
     * One phase by the generator of this run (BENCH_LOADGEN): {@code request} builds request number i
     * for the Java generator, {@code wrk} names the script of bench/wrk that builds the same requests.
     */
    public static Result run(String name, int concurrency, long maxRequests, double maxSeconds, LongFunction<HttpRequest> request, Wrk.Script wrk)
            throws Exception {
        return Generator.chosen() == Generator.WRK ? Wrk.run(name, concurrency, maxRequests, maxSeconds, wrk)
                : run(name, concurrency, maxRequests, maxSeconds, request);
    }

    /** One phase by the Java generator, in this JVM. */
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
                                if (response.statusCode() / 100 != 2) {
                                    errors.increment();
                                }
                            } catch (Exception e) {
                                errors.increment();
                                statuses.merge(-1, 1L, Long::sum);
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
            long requests = statuses.values().stream().mapToLong(Long::longValue).sum();
            return new Result(name, requests, (last.get() - start) / 1e9, all, new TreeMap<>(statuses), errors.sum());
        } finally {
            client.close();
        }
    }
}
