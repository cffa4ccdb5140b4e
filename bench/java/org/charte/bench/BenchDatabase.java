package org.charte.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.charte.CharteApplication;
import org.charte.common.SyntheticData;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the PostgreSQL benchmarks with a {@code main} share: the server's settings, databases
 * created and dropped on the cluster named by an admin URL, Charte started without web on one of
 * them (synthetic data allowed, the nightly retention run off), options, a deadline, percentiles.
 */
public final class BenchDatabase {

    private BenchDatabase() {}

    /** The admin URL's user (postgres by default). */
    public static String user(String adminUrl) {
        URI uri = URI.create(adminUrl.substring("jdbc:".length()));
        String user = "postgres";
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                if (pair.startsWith("user=")) {
                    user = pair.substring(5);
                }
            }
        }
        return user;
    }

    /** The URL of another database on the same server, with the same query. */
    public static String url(String adminUrl, String database) {
        URI uri = URI.create(adminUrl.substring("jdbc:".length()));
        return "jdbc:" + uri.getScheme() + "://" + uri.getAuthority() + "/" + database + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
    }

    public static String newName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The settings that matter for a benchmark's numbers, printed once. */
    public static Map<String, String> settings(String adminUrl) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            for (String setting : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method",
                    "shared_buffers", "max_wal_size", "work_mem")) {
                try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    settings.put(setting, rs.getString(1));
                }
            }
        }
        System.out.printf(Locale.ROOT, "PostgreSQL %s: fsync=%s synchronous_commit=%s full_page_writes=%s shared_buffers=%s max_wal_size=%s%n",
                settings.get("server_version"), settings.get("fsync"), settings.get("synchronous_commit"), settings.get("full_page_writes"),
                settings.get("shared_buffers"), settings.get("max_wal_size"));
        return settings;
    }

    public static void execute(String adminUrl, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public static void dropQuietly(String adminUrl, String database) {
        try {
            execute(adminUrl, "DROP DATABASE IF EXISTS " + database);
        } catch (SQLException e) {
            System.err.println("could not drop the database " + database + ": " + e.getMessage());
        }
    }

    /** Charte on that database, without web, with the synthetic-data switch, the nightly run off, quiet logs. */
    public static ConfigurableApplicationContext start(String url, String user, Path dataDir, String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=", "--charte.data-dir=" + dataDir, "--" + SyntheticData.PROPERTY + "=true",
                "--charte.retention.cron=-", "--spring.main.log-startup-info=false", "--logging.level.root=WARN", "--logging.level.org.charte=WARN"));
        args.addAll(Arrays.asList(more));
        return new SpringApplicationBuilder(CharteApplication.class).web(WebApplicationType.NONE).run(args.toArray(String[]::new));
    }

    /**
     * The load of an HTTP benchmark comes from one address (loopback): consent.js's doors' rate limits stay in the path
     * (their cost measured, one busy client's, the worst case) with an allowance no run reaches.
     */
    public static final List<String> ONE_ADDRESS = List.of("--charte.cookies.consent-rate-limit.capacity=1000000000",
            "--charte.cookies.beacon-rate-limit.capacity=1000000000");

    /** Charte with its web server on a free loopback port (or the one {@code --server.port} in {@code more} names). */
    public static ConfigurableApplicationContext startWeb(String url, String user, Path dataDir, String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=", "--charte.data-dir=" + dataDir, "--" + SyntheticData.PROPERTY + "=true",
                "--charte.retention.cron=-", "--spring.main.log-startup-info=false", "--logging.level.root=WARN", "--logging.level.org.charte=WARN",
                "--server.address=127.0.0.1"));
        args.addAll(ONE_ADDRESS);
        if (Arrays.stream(more).noneMatch(arg -> arg.startsWith("--server.port="))) {
            args.add("--server.port=0");
        }
        args.addAll(Arrays.asList(more));
        return new SpringApplicationBuilder(CharteApplication.class).web(WebApplicationType.SERVLET).run(args.toArray(String[]::new));
    }

    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }

    /** A benchmark's body: returns the process's exit code. */
    @FunctionalInterface
    public interface Body {
        int run() throws Exception;
    }

    /**
     * Runs a benchmark's body and exits with its code: 1 (with the reason) when it fails, 3 when it
     * passes its deadline (halted, so a stuck database call cannot keep the machine busy).
     */
    public static void runAndExit(String program, int deadlineSeconds, Body body) {
        Thread watchdog = Thread.ofPlatform().daemon(true).name("bench-deadline").start(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(deadlineSeconds));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println(program + ": the run passed its deadline of " + deadlineSeconds + " s; halting");
            Runtime.getRuntime().halt(3);
        });
        int code;
        try {
            code = body.run();
        } catch (Exception | Error e) {
            System.err.println(program + ": the run failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        watchdog.interrupt();
        System.exit(code);
    }

    /** {@code --name=value} options; the caller removes those it knows and refuses the rest. */
    public static Map<String, String> options(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("unexpected argument " + arg + " (options are --name=value)");
            }
            a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return a;
    }

    public static int integer(String value, int otherwise, int min, int max) {
        int v = value == null ? otherwise : Integer.parseInt(value);
        if (v < min || v > max) {
            throw new IllegalArgumentException("a value must lie between " + min + " and " + max + ", not " + v);
        }
        return v;
    }

    public static long percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))];
    }

    /** The heap's old generation (where a growing live set shows), or null if the collector names none. */
    public static MemoryPoolMXBean oldGeneration() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
                return pool;
            }
        }
        return null;
    }

    public static double mib(long bytes) {
        return bytes / 1048576.0;
    }
}
