package org.charte.support;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives each Spring test context a database of its own: an in-memory H2 database, or a new
 * database in the PostgreSQL cluster the test command started (CHARTE_TEST_PG_URL).
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("spring.datasource.url=" + newDatabaseUrl(),
                "charte.data-dir=" + dataDir(),
                "spring.datasource.username=" + (postgres() ? "postgres" : "sa"),
                "spring.datasource.password=",
                // The hourly rotation of key epochs would race the tests that drive it with a moved clock (KeyEpochTests).
                "charte.vault.epoch-cron=-").applyTo(context);
    }

    /** A directory of its own for the context's key file, removed when the JVM ends. */
    static String dataDir() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("charte-test-data");
            dir.toFile().deleteOnExit();
            dir.resolve("master.key").toFile().deleteOnExit();
            return dir.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Drops the audit table's append-only guard, as the table's owner could, so that a test can
     * tamper with the log and show that the hash chain still tells.
     */
    public static void dropAuditGuard(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        if (postgres()) {
            jdbc.sql("ALTER TABLE audit_entry DISABLE TRIGGER USER").update();
        } else {
            jdbc.sql("DROP TRIGGER IF EXISTS audit_entry_append_only").update();
        }
    }

    public static boolean postgres() {
        return "postgresql".equals(System.getProperty("charte.test.database", "h2"));
    }

    /** A new, empty database; its JDBC URL. */
    public static String newDatabaseUrl() {
        String name = "charte_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (!postgres()) {
            return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        }
        String admin = System.getenv("CHARTE_TEST_PG_URL");
        if (admin == null || admin.isBlank()) {
            throw new IllegalStateException("The PostgreSQL suite needs CHARTE_TEST_PG_URL "
                    + "(jdbc:postgresql://HOST:PORT/postgres?user=postgres); './charte test' starts a cluster and sets it.");
        }
        try (Connection connection = DriverManager.getConnection(admin); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + admin + ": " + e.getMessage(), e);
        }
        URI uri = URI.create(admin.substring("jdbc:".length()));
        return "jdbc:" + uri.getScheme() + "://" + uri.getAuthority() + "/" + name + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
    }
}
