package org.charte.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP benchmarks' external load generator: <a href="https://github.com/wg/wrk">wrk</a> (Debian's
 * package), a separate process driven by the Lua scripts of {@code bench/wrk} (see bench/README.md).
 * One {@link #run} is one phase: {@code wrk -t THREADS -c CONNECTIONS -d SECONDS} against loopback
 * only, the script given the phase's {@code name=value} arguments; its {@code done()} prints one
 * line of JSON (requests, statuses, socket errors, latency percentiles, wrk's own CPU time) read
 * back into an {@link HttpLoad.Result}, as the Java generator's.
 */
public final class Wrk {

    static final String MARK = "CHARTE-WRK ";
    static final String THREAD_DONE = "CHARTE-WRK-THREAD-DONE";
    /** Answers slower than this are wrk's "timeout" errors (the Java generator's requests time out after as long). */
    static final int TIMEOUT_SECONDS = 30;

    /** A phase's requests for wrk: the server's base URL (loopback), a script of bench/wrk, its arguments. */
    public record Script(String base, String file, Map<String, String> args) {

        /** {@code Script.of("http://127.0.0.1:8080", "consent.lua", "version", v, "path", "/consent/v1/records")} */
        public static Script of(String base, String file, String... namesAndValues) {
            if (namesAndValues.length % 2 != 0) {
                throw new IllegalArgumentException("names and values go in pairs");
            }
            Map<String, String> args = new LinkedHashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                args.put(namesAndValues[i], namesAndValues[i + 1]);
            }
            return new Script(base, file, args);
        }
    }

    private Wrk() {}

    /** The scripts' directory: bench/wrk under the working directory (bench/run runs from the project's root), or BENCH_WRK_SCRIPTS. */
    static Path scripts() {
        String dir = System.getenv("BENCH_WRK_SCRIPTS");
        Path path = Path.of(dir == null || dir.isBlank() ? "bench/wrk" : dir).toAbsolutePath();
        if (!Files.isRegularFile(path.resolve("charte.lua"))) {
            throw new IllegalStateException("wrk's scripts are not in " + path + " (run from the project's root, or set BENCH_WRK_SCRIPTS)");
        }
        return path;
    }

    /** wrk on the PATH (or BENCH_WRK). */
    static String executable() {
        String given = System.getenv("BENCH_WRK");
        if (given != null && !given.isBlank()) {
            return given;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException("wrk was not found on the PATH: install Debian's package (apt-get install wrk; bench/run does it "
                + "when root), or use the Java generator (BENCH_LOADGEN=java)");
    }

    /** wrk's threads: BENCH_WRK_THREADS, 1 by default (the server shares the machine's cores with it). */
    static int threads() {
        String t = System.getenv("BENCH_WRK_THREADS");
        return t == null || t.isBlank() ? 1 : BenchDatabase.integer(t.strip(), 1, 1, 64);
    }

    /** Lines for a script to read (people's ids, sessions' cookies, links...), in a file removed when the JVM exits. */
    public static Path lines(String prefix, Collection<String> lines) throws IOException {
        Path file = Files.createTempFile(prefix, ".txt");
        file.toFile().deleteOnExit();
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static void loopbackOnly(String base) throws IOException {
        URI uri = URI.create(base);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || !InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("the load generator targets loopback only, not " + base);
        }
    }

    /**
     * One phase: at most {@code maxRequests} requests ({@link Long#MAX_VALUE}: no limit) for at most
     * {@code maxSeconds}, over {@code connections} connections.
     */
    static HttpLoad.Result run(String name, int connections, long maxRequests, double maxSeconds, Script script) throws Exception {
        loopbackOnly(script.base());
        if (maxRequests <= 0) {
            return new HttpLoad.Result(name, 0, 0, new long[0], Map.of(), 0, "wrk", 0, 0);
        }
        boolean limited = maxRequests != Long.MAX_VALUE;
        int threads = (int) Math.max(1, Math.min(Math.min(threads(), connections), limited ? maxRequests : Integer.MAX_VALUE));
        long seconds = Math.max(1, (long) Math.ceil(maxSeconds));
        List<String> command = new ArrayList<>(List.of(executable(), "-t", Integer.toString(threads), "-c", Integer.toString(Math.max(connections, threads)),
                "-d", seconds + "s", "--timeout", TIMEOUT_SECONDS + "s", "-s", scripts().resolve(script.file()).toString(), script.base(), "--",
                "threads=" + threads));
        if (limited) {
            command.add("limit=" + maxRequests);
        }
        script.args().forEach((k, v) -> command.add(k + "=" + v));
        Process wrk = new ProcessBuilder(command).start();
        wrk.getOutputStream().close(); // wrk reads nothing from its input
        StringBuilder errors = new StringBuilder();
        Thread stderr = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = wrk.errorReader(StandardCharsets.UTF_8)) {
                r.lines().limit(50).forEach(line -> errors.append(line).append('\n'));
            } catch (IOException e) {
                // the process is gone
            }
        });
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!wrk.waitFor(seconds + 120, TimeUnit.SECONDS)) {
                    wrk.destroyForcibly();
                }
            } catch (InterruptedException e) {
                // finished
            }
        });
        String json = null;
        int done = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(wrk.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(MARK)) {
                    json = line.substring(MARK.length());
                } else if (line.equals(THREAD_DONE) && ++done == threads) {
                    // every thread sent its share and had its answers: wrk's main thread sleeps until -d unless interrupted
                    new ProcessBuilder("kill", "-INT", Long.toString(wrk.pid())).start().waitFor();
                }
            }
        }
        int code = wrk.waitFor();
        watchdog.interrupt();
        stderr.join();
        if (code != 0 || json == null) {
            throw new IllegalStateException("wrk failed (exit code " + code + ") for " + name + ": " + errors.toString().strip());
        }
        return result(name, JsonMapper.builder().build().readTree(json));
    }

    static HttpLoad.Result result(String name, JsonNode json) {
        Map<Integer, Long> statuses = new TreeMap<>();
        long non2xx = 0;
        for (var status : json.get("statuses").properties()) {
            int code = Integer.parseInt(status.getKey());
            long n = status.getValue().asLong();
            statuses.put(code, n);
            if (code < 200 || code > 299) {
                non2xx += n;
            }
        }
        JsonNode socket = json.get("socketErrors");
        long lost = socket.get("read").asLong() + socket.get("write").asLong(); // sent, then the connection failed
        long failed = socket.get("connect").asLong() + lost;
        long answered = json.get("requests").asLong();
        List<double[]> grid = new ArrayList<>();
        for (JsonNode point : json.get("latencyUs")) {
            grid.add(new double[] {point.get(0).asDouble(), point.get(1).asDouble()});
        }
        long[] sorted = distribution(grid, (int) Math.min(answered, 5_000_000));
        if (failed > 0) {
            statuses.merge(-1, failed, Long::sum);
        }
        return new HttpLoad.Result(name, answered + failed, json.get("seconds").asDouble(), sorted, statuses,
                failed + socket.get("timeout").asLong() + non2xx, "wrk", json.get("cpuMs").asDouble(),
                Math.max(0, json.get("unanswered").asLong() - lost));
    }

    /**
     * {@code n} latencies (ns, sorted) rebuilt from wrk's percentiles ([percent, microseconds] from
     * 0 to 100), linearly between two points: the percentiles of the grid come back exactly.
     */
    static long[] distribution(List<double[]> grid, int n) {
        long[] sorted = new long[grid.isEmpty() ? 0 : n];
        int k = 0;
        for (int j = 0; j < sorted.length; j++) {
            double p = 100.0 * (j + 1) / n;
            while (k < grid.size() - 2 && grid.get(k + 1)[0] < p) {
                k++;
            }
            double[] a = grid.get(k);
            double[] b = grid.get(Math.min(k + 1, grid.size() - 1));
            double us = b[0] <= a[0] ? b[1] : a[1] + (b[1] - a[1]) * Math.min(1, Math.max(0, (p - a[0]) / (b[0] - a[0])));
            sorted[j] = Math.round(us * 1000);
        }
        return sorted;
    }

    /** What the line of a phase says of the generator. */
    static String describe() {
        return String.format(Locale.ROOT, "wrk (%d thread%s, a separate process)", threads(), threads() == 1 ? "" : "s");
    }
}
