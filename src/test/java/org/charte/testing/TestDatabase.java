package org.charte.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gives each Spring test context a database of its own: an in-memory H2 database, or a new
 * database in the PostgreSQL cluster the test command started (CHARTE_TEST_PG_URL). On PostgreSQL
 * the context runs as production should (docs/operations.md, "The audit log on PostgreSQL and H2"): Flyway migrates as the tables'
 * owner ({@link #OWNER}), the application connects as {@link #APPLICATION}, a role with only the
 * rights the migrations grant it. Its passwords are hashed at a test's cost ({@link TestPasswords}).
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The role that owns the tables and runs the migrations (spring.flyway.user); CREATEROLE, for hosted databases' logins. */
    public static final String OWNER = "charte_test_owner";
    /** The role the application connects as (spring.datasource.username): only what the migrations grant it. */
    public static final String APPLICATION = "charte_test_app";
    static final String PASSWORD = "charte-test";

    private static volatile boolean rolesReady;

    /** The hourly rotation of key epochs would race the tests that drive it with a moved clock (KeyEpochTests). */
    private static final String NO_EPOCH_JOB = "charte.vault.epoch-cron=-";
    /** The nightly lapse of unverified rights requests would close requests other tests still expect open (RequestLapseTests drives it). */
    private static final String NO_LAPSE_JOB = "charte.rights.lapse-cron=-";
    /** The hourly notice of a material policy change would mail every active client of a shared context; PolicyChangeNoticeTests runs it. */
    private static final String NO_NOTICE_JOB = "charte.policy.notice-cron=-";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().addBeanPostProcessor(TestPasswords.INSTANCE);
        if (!postgres()) {
            TestPropertyValues.of("spring.datasource.url=" + newDatabaseUrl(), "charte.data-dir=" + dataDir(),
                    "spring.datasource.username=sa", "spring.datasource.password=", NO_EPOCH_JOB, NO_LAPSE_JOB, NO_NOTICE_JOB).applyTo(context);
            return;
        }
        ensureRoles();
        String name = createDatabase(OWNER);
        TestPropertyValues.of("spring.datasource.url=" + url(name, false), "charte.data-dir=" + dataDir(),
                "spring.datasource.username=" + APPLICATION, "spring.datasource.password=" + PASSWORD,
                "spring.flyway.user=" + OWNER, "spring.flyway.password=" + PASSWORD, NO_EPOCH_JOB, NO_LAPSE_JOB, NO_NOTICE_JOB).applyTo(context);
    }

    /**
     * The properties of several application contexts sharing one new database and one key file (the
     * nodes of a cluster): on PostgreSQL a new database migrated as {@link #OWNER} and used as
     * {@link #APPLICATION}, on H2 a named in-memory database the JVM's contexts share.
     */
    public static List<String> sharedDatabaseProperties() {
        List<String> properties = new ArrayList<>(List.of("charte.data-dir=" + dataDir(), NO_EPOCH_JOB, NO_LAPSE_JOB, NO_NOTICE_JOB));
        if (!postgres()) {
            properties.addAll(List.of("spring.datasource.url=" + newDatabaseUrl(), "spring.datasource.username=sa", "spring.datasource.password="));
            return properties;
        }
        ensureRoles();
        properties.addAll(List.of("spring.datasource.url=" + url(createDatabase(OWNER), false), "spring.datasource.username=" + APPLICATION,
                "spring.datasource.password=" + PASSWORD, "spring.flyway.user=" + OWNER, "spring.flyway.password=" + PASSWORD));
        return properties;
    }

    /** The data directories made by this JVM, removed with all they hold when it ends. */
    private static final List<Path> DATA_DIRS = new ArrayList<>();

    /**
     * A directory of its own for the context's key file and keystore, removed with its contents when
     * the JVM ends (File.deleteOnExit removes only empty directories: the keystores were left in /tmp).
     */
    static String dataDir() {
        try {
            Path dir = Files.createTempDirectory("charte-test-data");
            synchronized (DATA_DIRS) {
                if (DATA_DIRS.isEmpty()) {
                    Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::removeDataDirs, "charte-test-data-removal"));
                }
                DATA_DIRS.add(dir);
            }
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void removeDataDirs() {
        synchronized (DATA_DIRS) {
            for (Path dir : DATA_DIRS) {
                try (Stream<Path> tree = Files.walk(dir)) {
                    tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException | UncheckedIOException e) {
                    // already gone, or unreadable: nothing more a test JVM's exit can do
                }
            }
        }
    }

    /**
     * Drops the audit table's append-only guards, as the table's owner could, so that a test can
     * tamper with the log and show that the hash chain still tells. On PostgreSQL the owner disables
     * the triggers and grants the role {@code jdbc} connects as UPDATE and DELETE on the log, INSERT and DELETE on its head.
     */
    public static void dropAuditGuard(JdbcClient jdbc) {
        if (postgres()) {
            String user = "\"" + jdbc.sql("SELECT current_user").query(String.class).single().replace("\"", "\"\"") + "\"";
            asOwner(jdbc, "ALTER TABLE audit_entry DISABLE TRIGGER USER", "GRANT UPDATE, DELETE ON audit_entry TO " + user,
                    "GRANT INSERT, DELETE ON audit_head TO " + user);
        } else {
            asOwner(jdbc, "DROP TRIGGER IF EXISTS audit_entry_append_only", "DROP TABLE IF EXISTS audit_entry_truncate_guard");
        }
    }

    /**
     * Runs statements (DDL) as the owner of the tables {@code jdbc} reaches: on PostgreSQL over a
     * connection of the owner's, committed at once; on H2 through {@code jdbc} (its one administrator).
     */
    public static void asOwner(JdbcClient jdbc, String... statements) {
        if (!postgres()) {
            for (String statement : statements) {
                jdbc.sql(statement).update();
            }
            return;
        }
        String database = jdbc.sql("SELECT current_database()").query(String.class).single();
        String owner = jdbc.sql("SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'audit_entry'")
                .query(String.class).single();
        try (Connection connection = OWNER.equals(owner) ? DriverManager.getConnection(url(database, false), OWNER, PASSWORD)
                : DriverManager.getConnection(url(database, true));
                Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = '30s'");
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run as " + owner + ": " + e.getMessage(), e);
        }
    }

    public static boolean postgres() {
        return "postgresql".equals(System.getProperty("charte.test.database", "h2"));
    }

    /**
     * A new, empty database; its JDBC URL. On PostgreSQL the URL names the cluster's administrator
     * (as CHARTE_TEST_PG_URL does), who then owns the tables: for commands run as a whole process.
     */
    public static String newDatabaseUrl() {
        if (!postgres()) {
            return "jdbc:h2:mem:" + newName() + ";DB_CLOSE_DELAY=-1";
        }
        return url(createDatabase(null), true);
    }

    private static String newName() {
        return "charte_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static String admin() {
        String admin = System.getenv("CHARTE_TEST_PG_URL");
        if (admin == null || admin.isBlank()) {
            throw new IllegalStateException("The PostgreSQL suite needs CHARTE_TEST_PG_URL "
                    + "(jdbc:postgresql://HOST:PORT/postgres?user=postgres); './charte test' starts a cluster and sets it.");
        }
        return admin;
    }

    /** Creates a database in the cluster, owned by {@code owner} (the administrator when null); its name. */
    private static String createDatabase(@Nullable String owner) {
        String name = newName();
        try (Connection connection = DriverManager.getConnection(admin()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + (owner == null ? "" : " OWNER " + owner));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + admin() + ": " + e.getMessage(), e);
        }
        return name;
    }

    /**
     * The owner and application roles, made once in the cluster (several test JVMs may share it).
     * The owner has CREATEROLE: its functions make the hosted databases' logins (migration V18_1).
     */
    private static synchronized void ensureRoles() {
        if (rolesReady) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(admin()); Statement statement = connection.createStatement()) {
            for (String role : new String[] {OWNER + " LOGIN CREATEROLE", APPLICATION + " LOGIN"}) {
                statement.execute("DO $$ BEGIN CREATE ROLE " + role + " PASSWORD '" + PASSWORD + "';"
                        + " EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
            }
            // Roles left by an earlier version of this class, when the application made the hosted logins itself.
            statement.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + APPLICATION + "' AND rolcreaterole)"
                    + " THEN ALTER ROLE " + APPLICATION + " NOCREATEROLE; ALTER ROLE " + OWNER + " CREATEROLE; END IF; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test roles on " + admin() + ": " + e.getMessage(), e);
        }
        rolesReady = true;
    }

    /** The cluster's JDBC URL for a database, with or without the administrator's user and password. */
    /**
     * A context's database URL with the application role's login in it, on PostgreSQL, for a command
     * run as a separate process would take it (the context's URL carries no login; H2's needs none).
     */
    public static String withApplicationLogin(String url) {
        if (!postgres()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "user=" + APPLICATION + "&password=" + PASSWORD;
    }

    private static String url(String database, boolean asAdmin) {
        URI uri = URI.create(admin().substring("jdbc:".length()));
        String query = uri.getQuery();
        if (!asAdmin && query != null) {
            query = Arrays.stream(query.split("&")).filter(p -> !p.startsWith("user=") && !p.startsWith("password="))
                    .collect(Collectors.joining("&"));
        }
        return "jdbc:" + uri.getScheme() + "://" + uri.getAuthority() + "/" + database + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
