package org.charte.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's or a scenario's own, on a free loopback port, in a temporary
 * directory, that it may stop, restart, replicate and promote (which the shared cluster of the
 * PostgreSQL suite must never be). Debian's binaries ({@code /usr/lib/postgresql/N/bin}, the
 * newest), run as the {@code postgres} user through {@code runuser} when the JVM runs as root
 * (PostgreSQL refuses root), as the current user otherwise. Trust authentication on loopback,
 * replication included (initdb's defaults); the user {@code postgres}.
 */
public final class ThrowawayPostgres implements AutoCloseable {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path dir;
    private final Path data;
    private final int port;
    private final List<String> settings = new ArrayList<>();
    private boolean running;

    private ThrowawayPostgres(Path dir, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    /** A new cluster (initdb, no fsync of its files), not started yet. */
    public static ThrowawayPostgres initdb() {
        ThrowawayPostgres pg = new ThrowawayPostgres(newDirectory(), freePort());
        pg.run(60, bin("initdb"), "-D", pg.data.toString(), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C");
        return pg;
    }

    /**
     * A hot standby of {@code primary} (pg_basebackup with {@code -R}: streaming replication from
     * it), not started yet; it reports itself under the application name {@code name}, which the
     * primary's {@code synchronous_standby_names} may list.
     */
    public static ThrowawayPostgres standbyOf(ThrowawayPostgres primary, String name) {
        ThrowawayPostgres pg = new ThrowawayPostgres(newDirectory(), freePort());
        pg.run(120, bin("pg_basebackup"), "-h", "127.0.0.1", "-p", Integer.toString(primary.port), "-U", "postgres", "-D", pg.data.toString(),
                "-R", "-X", "stream", "--no-sync", "-c", "fast");
        pg.settings.add("primary_conninfo=host=127.0.0.1 port=" + primary.port + " user=postgres application_name=" + name);
        return pg;
    }

    /** Starts the cluster with {@code settings} (name=value, as {@code postgres -c}), which later starts keep. */
    public ThrowawayPostgres start(String... more) {
        settings.addAll(List.of(more));
        List<String> command = new ArrayList<>(List.of(bin("pg_ctl"), "-D", data.toString(), "-w", "-t", "60", "-l", dir.resolve("log").toString()));
        StringBuilder options = new StringBuilder("-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir + " -c max_connections=100");
        for (String setting : settings) {
            options.append(" -c ").append(setting.replace(" ", "\\ "));
        }
        command.addAll(List.of("-o", options.toString(), "start"));
        running = true;
        run(90, command.toArray(String[]::new));
        return this;
    }

    /** Stops it: {@code immediate} (as a crash: no checkpoint, recovery at the next start) or {@code fast}. */
    public void stop(String mode) {
        run(60, bin("pg_ctl"), "-D", data.toString(), "-m", mode, "-w", "-t", "60", "stop");
        running = false;
    }

    /** Promotes a standby to primary, waiting until it accepts writes. */
    public void promote() {
        run(60, bin("pg_ctl"), "-D", data.toString(), "-w", "-t", "60", "promote");
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of a database of this cluster, as the user {@code postgres}. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** The last lines of its server log, to explain a failure. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops it at once if it runs, and removes its directory. */
    @Override
    public void close() {
        try {
            if (running || Files.exists(data.resolve("postmaster.pid"))) {
                stop("immediate");
            }
        } catch (RuntimeException e) {
            // removed below all the same
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory: the system's cleaning takes it
            }
        }
    }

    /** The newest PostgreSQL 15+ program of that name under /usr/lib/postgresql. */
    static String bin(String program) {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin").resolve(program)).filter(Files::isExecutable)
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getParent().getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .map(Path::toString).orElseThrow(() -> new IllegalStateException("no " + program + " under /usr/lib/postgresql"));
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL under /usr/lib/postgresql", e);
        }
    }

    private static Path newDirectory() {
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "charte-pg-");
            if (ROOT) {
                new ProcessBuilder("chown", "postgres:", dir.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a PostgreSQL program (as postgres when root), in its directory, failing with its output. */
    private void run(int timeoutSeconds, String... command) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        try {
            Path out = Files.createTempFile("charte-pg-command", ".log");
            try {
                Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeoutSeconds + " s: " + Files.readString(out));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + Files.readString(out)
                            + "\n" + logTail());
                }
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
