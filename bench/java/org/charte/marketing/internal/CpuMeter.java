package org.charte.marketing.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CPU time (user + system, from Linux's {@code /proc}) this JVM and the PostgreSQL cluster
 * (its postmaster and every process it started) spend: on a machine shared with other work, the
 * CPU a request costs moves much less than the requests a second. The JVM's includes the
 * benchmark's own load generator with BENCH_LOADGEN=java (with wrk, the default, it is the server's
 * alone, and wrk's own CPU is printed on each phase's line). PostgreSQL's is read only when the database tells its data
 * directory (a superuser or {@code pg_read_all_settings}) and runs on this machine; otherwise 0.
 */
public final class CpuMeter {

    private static final double TICK_MS = 10; // USER_HZ is 100 on Linux

    /** CPU milliseconds at one moment. */
    public record Sample(double jvmMs, double postgresMs) {}

    private final long postmaster;

    private CpuMeter(long postmaster) {
        this.postmaster = postmaster;
    }

    public static CpuMeter of(JdbcClient jdbc) {
        long pid = -1;
        try {
            String dir = jdbc.sql("SELECT setting FROM pg_settings WHERE name = 'data_directory'").query(String.class).single();
            pid = Long.parseLong(Files.readAllLines(Path.of(dir, "postmaster.pid")).getFirst().strip());
        } catch (RuntimeException | IOException e) {
            System.out.println("  (PostgreSQL's CPU not measured: " + e.getClass().getSimpleName() + ")");
        }
        return new CpuMeter(pid);
    }

    public Sample now() {
        return new Sample(ticks(Path.of("/proc/self/stat")) * TICK_MS, postmaster < 0 ? 0 : postgresTicks() * TICK_MS);
    }

    /** The CPU per request between two samples, as a line and as JSON. */
    public static String line(String label, Sample from, Sample to, long requests) {
        double jvm = (to.jvmMs() - from.jvmMs()) / requests;
        double pg = (to.postgresMs() - from.postgresMs()) / requests;
        return String.format(Locale.ROOT, "  CPU per request, %-34s JVM %6.2f ms + PostgreSQL %6.2f ms = %6.2f ms", label, jvm, pg, jvm + pg);
    }

    public static Map<String, Double> json(Sample from, Sample to, long requests) {
        double jvm = (to.jvmMs() - from.jvmMs()) / requests;
        double pg = (to.postgresMs() - from.postgresMs()) / requests;
        return Map.of("jvmMs", jvm, "postgresMs", pg, "totalMs", jvm + pg);
    }

    private long postgresTicks() {
        long total = ticks(Path.of("/proc", Long.toString(postmaster), "stat"));
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                String[] fields = fields(process.resolve("stat"));
                if (fields.length > 13 && Long.parseLong(fields[1]) == postmaster) {
                    total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    private static long ticks(Path stat) {
        String[] fields = fields(stat);
        return fields.length > 13 ? Long.parseLong(fields[11]) + Long.parseLong(fields[12]) : 0;
    }

    /** The fields after the command's name (which may hold spaces): state, ppid, ..., utime is [11], stime [12]. */
    private static String[] fields(Path stat) {
        try {
            String line = Files.readString(stat);
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }
}
