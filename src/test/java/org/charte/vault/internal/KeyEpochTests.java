package org.charte.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.charte.CharteApplication;
import org.charte.access.Commitments;
import org.charte.access.Grants;
import org.charte.access.ResourceRef;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.SubjectRetention;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.Http;
import org.charte.testing.MutableClock;
import org.charte.testing.Staff;
import org.charte.testing.TestDatabase;
import org.charte.vault.ShreddedException;
import org.charte.vault.Vault;
import org.charte.vault.VaultEpochs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Key epochs (R8.4): persons' keys wrapped by the key of an epoch kept outside the database,
 * rewrapped at each epoch, old epochs destroyed, so that a database backup older than the horizon
 * reveals nothing. The clock only moves forward in this class (epochs are dated by it), and the
 * staff sign-in of the backup test needs it unmoved (TOTP): that test runs first. The same context
 * as HostingTests.
 */
@CharteIntegrationTest
@Import(MutableClock.Configuration.class)
@TestPropertySource(properties = "charte.hosting.provision-on-subscription=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyEpochTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Subjects subjects;

    @Autowired
    Vault vault;

    @Autowired
    SubjectRetention erasure;

    @Autowired
    JdbcVault jdbcVault;

    @Autowired
    MasterKeys masters;

    @Autowired
    Keystore keystore;

    @Autowired
    EpochRotation rotation;

    @Autowired
    VaultEpochs epochs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    StaffDirectory directory;

    @Autowired
    Commitments commitments;

    @Autowired
    Grants grants;

    @Value("${charte.data-dir}")
    String dataDir;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @AfterAll
    void resetClock() {
        clock.reset();
    }

    static PersonalData person(String lastName) {
        return new PersonalData(new Identity("Mme", lastName, "Apolline", LocalDate.of(1980, 5, 17)),
                new Contacts(List.of(new PostalAddress(List.of("12 rue des Écoles"), "21000", "Dijon", "FR")),
                        List.of(lastName.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 8) + "@exemple.fr"), List.of()), null);
    }

    UUID register(String lastName) {
        return subjects.register(SubjectStatus.CLIENT_ACTIVE, person(lastName), LocalDate.of(2026, 1, 5));
    }

    Long epochOf(UUID id) {
        return jdbc.sql("SELECT epoch FROM subject_key WHERE subject_id = ?").param(id).query(Long.class).optional().orElse(null);
    }

    boolean opens(UUID id) {
        return subjects.isAdultOn(id, LocalDate.of(2026, 1, 1));
    }

    @Test
    @DisplayName("R8.4 a person's key is wrapped by the current epoch's key, which lives in the keystore outside the database and never in it")
    void wrappedByTheEpoch() throws IOException {
        UUID id = register("EPOQUE");
        Keystore.Epoch current = keystore.current();
        assertThat(current).isNotNull();
        assertThat(epochOf(id)).isEqualTo(current.number());
        assertThat(jdbc.sql("SELECT master_key_id FROM subject_key WHERE subject_id = ?").param(id).query(String.class).optional()).isEmpty();
        Path file = keystore.directory().resolve("epoch-" + current.number() + ".kek");
        assertThat(file).exists();
        assertThat(keystore.directory()).isEqualTo(Path.of(dataDir, "keystore").toAbsolutePath().normalize());
        String kek = HexFormat.of().formatHex(current.key().getEncoded());
        for (Map<String, Object> row : jdbc.sql("SELECT * FROM subject_key").query().listOfRows()) {
            row.values().forEach(v -> assertThat(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v)).doesNotContain(kek));
        }
        assertThat(current.toString()).doesNotContain(current.key().toString()).doesNotContain(MasterKey.from(current.key().getEncoded()).base64());
        assertThat(opens(id)).isTrue();
    }

    @Test
    @DisplayName("R8.4 a rotation starts an epoch and rewraps every live key under it; interrupted, nobody is unreadable; run again, it finishes before starting another")
    void rotationInterruptedAndFinished() {
        List<UUID> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            people.add(register("ROTATION"));
        }
        long before = keystore.current().number();
        long total = jdbc.sql("SELECT COUNT(*) FROM subject_key").query(Long.class).single();

        VaultEpochs.Result partial = rotation.rotateNow(2, 3);
        assertThat(partial.startedEpoch()).isEqualTo(before + 1);
        assertThat(partial.rewrapped()).isEqualTo(3);
        assertThat(partial.complete()).isFalse();
        assertThat(epochs.status().pendingKeys()).isEqualTo(total - 3);
        people.forEach(id -> assertThat(opens(id)).as("under either epoch, every key opens").isTrue());

        VaultEpochs.Result finished = epochs.rotateNow(2);
        assertThat(finished.startedEpoch()).as("the unfinished rewrap is finished, no other epoch started").isNull();
        assertThat(finished.currentEpoch()).isEqualTo(before + 1);
        assertThat(finished.complete()).isTrue();
        assertThat(finished.rewrapped()).isEqualTo(total - 3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM subject_key WHERE epoch = ?").param(before + 1).query(Long.class).single()).isEqualTo(total);
        assertThat(epochs.status().pendingKeys()).isZero();
        people.forEach(id -> assertThat(opens(id)).isTrue());
    }

    @Test
    @DisplayName("R8.4 keys from before epochs (wrapped by the master key) keep opening, and the next rotation moves them under the current epoch")
    void migration() {
        UUID id = register("ANCIENNE");
        KeyRotationTests.legacy(jdbcVault, masters, jdbc, id);
        assertThat(epochOf(id)).isNull();
        assertThat(opens(id)).isTrue();
        assertThat(epochs.status().legacyKeys()).isPositive();

        VaultEpochs.Result result = epochs.rotateNow(100);
        assertThat(result.complete()).isTrue();
        assertThat(epochOf(id)).isEqualTo(result.currentEpoch());
        assertThat(epochs.status().legacyKeys()).isZero();
        assertThat(opens(id)).isTrue();
    }

    @Test
    @DisplayName("R8.4 an epoch's key is destroyed a backup horizon after the epoch ended, never while a live key is still wrapped by it (the status says why it waits)")
    void destructionWaitsForTheRewrap() {
        epochs.rotateNow(1000);
        UUID id = register("ATTENTE");
        long old = epochOf(id);
        VaultEpochs.Result started = rotation.rotateNow(1000, 0); // a new epoch, nothing rewrapped yet
        assertThat(started.startedEpoch()).isEqualTo(old + 1);

        clock.advance(Duration.ofDays(61));
        VaultEpochs.Result waiting = rotation.rotateNow(1000, 0); // the rewrap unfinished: destruction due but waiting
        assertThat(waiting.destroyed()).doesNotContain(old);
        assertThat(waiting.waiting()).anySatisfy(line -> assertThat(line).contains("key epoch " + old).contains("waits")
                .contains("still wrapped by it"));
        VaultEpochs.Status status = epochs.status();
        assertThat(status.waiting()).anySatisfy(line -> assertThat(line).contains("key epoch " + old));
        assertThat(status.epochs()).anySatisfy(e -> {
            assertThat(e.number()).isEqualTo(old);
            assertThat(e.destroyed()).isNull();
            assertThat(e.keys()).isPositive();
        });
        assertThat(opens(id)).isTrue();

        VaultEpochs.Result done = epochs.rotateNow(1000);
        assertThat(done.startedEpoch()).isNull();
        assertThat(done.destroyed()).contains(old);
        assertThat(keystore.directory().resolve("epoch-" + old + ".kek")).doesNotExist();
        assertThat(keystore.directory().resolve("epoch-" + old + ".destroyed")).exists();
        assertThat(opens(id)).as("rewrapped before its old epoch went").isTrue();
        assertThat(epochs.status().waiting()).isEmpty();
    }

    // --- a real backup, restored after the erasure's epoch is gone ------------------------------

    record Dump(Path file) {}

    Dump dump(Path dir) throws Exception {
        Path file = dir.resolve("backup.sql");
        if (TestDatabase.postgres()) {
            URI uri = URI.create(databaseUrl.substring("jdbc:".length()));
            run(List.of(tool("pg_dump"), "--no-owner", "-h", uri.getHost(), "-p", String.valueOf(uri.getPort()), "-U", "postgres", "-f",
                    file.toString(), uri.getPath().substring(1)));
        } else {
            jdbcTemplate.execute("SCRIPT TO '" + file + "'");
        }
        assertThat(file).isNotEmptyFile();
        return new Dump(file);
    }

    String restore(Dump dump) throws Exception {
        String url = TestDatabase.newDatabaseUrl();
        if (TestDatabase.postgres()) {
            URI uri = URI.create(url.substring("jdbc:".length()));
            run(List.of(tool("psql"), "-q", "-v", "ON_ERROR_STOP=1", "-h", uri.getHost(), "-p", String.valueOf(uri.getPort()), "-U", "postgres",
                    "-d", uri.getPath().substring(1), "-f", dump.file().toString()));
        } else {
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.execute("RUNSCRIPT FROM '" + dump.file() + "'");
            }
        }
        return url;
    }

    static String tool(String name) {
        Path debian = Path.of("/usr/lib/postgresql/15/bin", name);
        return Files.isExecutable(debian) ? debian.toString() : name;
    }

    static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(command.getFirst() + ": " + output).isZero();
    }

    @Test
    @Order(1)
    @DisplayName("R8.4 a database backup restored after the erasure's epoch is destroyed, with the current keystore, reveals neither the erased person nor anyone of its epoch (410 over HTTP, audited); the live database reads everyone alive")
    void oldBackupRevealsNothing(@TempDir Path dir) throws Exception {
        Staff adv = Staff.signedIn(directory, port, "adv");
        commitments.sign(adv.id());
        StaffMember dpo = directory.create(new StaffDirectory.NewStaff("dpo-" + UUID.randomUUID().toString().substring(0, 8), "DPO", "dpo",
                Staff.PASSWORD));
        epochs.rotateNow(1000); // an epoch that starts now, whatever the other tests did
        UUID kept = register("GARDEE");
        UUID erased = register("EFFACEE");
        grants.grantIndividual(adv.id(), "customer-service", Set.of("identity", "contact"),
                List.of(ResourceRef.subject(kept), ResourceRef.subject(erased)), clock.instant().plus(Duration.ofDays(200)),
                "test: the backup horizon", dpo.id());
        HttpResponse<String> before = adv.http().get("/api/v1/subjects/" + erased + "?purpose=customer-service", "Accept", "application/json");
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        assertThat(before.body()).contains("EFFACEE");
        long epochOfBackup = epochOf(erased);

        Dump backup = dump(dir);
        erasure.erase(List.of(erased)); // the real erasure (the retention run's): rows deleted: rows deleted, key shredded at once
        assertThat(vault.hasKey(erased)).isFalse();

        // Three epochs later (31 days each), the epoch of the backup and of the erasure has been destroyed.
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofDays(31));
            epochs.maintain();
        }
        VaultEpochs.Status status = epochs.status();
        assertThat(status.epochs()).anySatisfy(e -> {
            assertThat(e.number()).isEqualTo(epochOfBackup);
            assertThat(e.destroyed()).isNotNull();
        });
        assertThat(keystore.directory().resolve("epoch-" + epochOfBackup + ".kek")).doesNotExist();
        assertThat(opens(kept)).as("the live database reads everyone alive").isTrue();
        assertThat(epochOf(kept)).isEqualTo(keystore.current().number());

        String restored = restore(backup);
        List<String> args = List.of("--spring.datasource.url=" + restored, "--spring.datasource.username=" + (TestDatabase.postgres() ? "postgres" : "sa"),
                "--spring.datasource.password=", "--charte.data-dir=" + dataDir, "--server.port=0", "--charte.vault.epoch-cron=-",
                "--charte.retention.cron=-", "--charte.hosting.provision-on-subscription=false", "--spring.main.banner-mode=off");
        try (ConfigurableApplicationContext old = new SpringApplicationBuilder(CharteApplication.class).run(args.toArray(String[]::new))) {
            int oldPort = Integer.parseInt(old.getEnvironment().getProperty("local.server.port"));
            JdbcClient oldJdbc = old.getBean(JdbcClient.class);
            assertThat(oldJdbc.sql("SELECT COUNT(*) FROM data_subject WHERE id = ?").param(erased).query(Long.class).single())
                    .as("the backup holds the erased person's row and wrapped key").isOne();
            Http http = new Http(oldPort);
            HttpResponse<String> signedIn = http.signIn(adv.member().login(), adv.password(), adv.secret());
            assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/backoffice");
            for (UUID id : List.of(erased, kept)) {
                long audited = oldJdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE subject_id = ?").param(id).query(Long.class).single();
                HttpResponse<String> read = http.get("/api/v1/subjects/" + id + "?purpose=customer-service", "Accept", "application/json");
                assertThat(read.statusCode()).as(read.body()).isEqualTo(410);
                assertThat(read.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
                assertThat(read.body()).doesNotContain("EFFACEE").doesNotContain("GARDEE").doesNotContain("Apolline").doesNotContain("Exception");
                assertThat(oldJdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE subject_id = ?").param(id).query(Long.class).single())
                        .as("the attempt is in the audit log").isGreaterThan(audited);
            }
            Vault oldVault = old.getBean(Vault.class);
            byte[] sealed = oldJdbc.sql("SELECT identity FROM data_subject WHERE id = ?").param(erased).query(byte[].class).single();
            assertThatThrownBy(() -> oldVault.open(erased, "identity", sealed)).isInstanceOf(EpochDestroyedException.class)
                    .isInstanceOf(ShreddedException.class).hasMessageContaining("epoch " + epochOfBackup);
            assertThat(old.getBean(VaultEpochs.class).status().unreadableKeys()).isGreaterThanOrEqualTo(2);
        }
        // Whatever keystore: an empty one (or another installation's) opens nothing of the old backup either.
        Path otherKeystore = Files.createDirectories(dir.resolve("other-keystore"));
        List<String> withOther = new ArrayList<>(args);
        withOther.add("--charte.vault.keystore=" + otherKeystore);
        withOther.add("--spring.main.web-application-type=none");
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(CharteApplication.class).run(withOther.toArray(String[]::new))) {
            JdbcClient otherJdbc = other.getBean(JdbcClient.class);
            Vault otherVault = other.getBean(Vault.class);
            for (UUID id : List.of(erased, kept)) {
                byte[] sealed = otherJdbc.sql("SELECT identity FROM data_subject WHERE id = ?").param(id).query(byte[].class).single();
                // answered as a key that cannot be opened (410 on the API), never an internal error
                assertThatThrownBy(() -> otherVault.open(id, "identity", sealed)).isInstanceOf(ShreddedException.class)
                        .hasMessageContaining("epoch " + epochOfBackup).hasMessageNotContaining("EFFACEE");
            }
        }
        assertThat(opens(kept)).isTrue();
        assertThat(vault.hasKey(erased)).isFalse();
    }
}
