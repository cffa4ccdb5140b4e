package org.charte.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.charte.CharteApplication;
import org.charte.cli.internal.CharteCommand;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.charte.testing.TestDatabase;
import org.charte.vault.KeyRotation;
import org.charte.vault.Vault;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rotation of the master key (R8.4): the vault's own keys and every data key still from before key
 * epochs rewrapped, the data untouched, nothing lost if it stops half-way. Persons' keys made today
 * are under key epochs (KeyEpochTests); these tests turn some into keys of an installation from
 * before epochs ({@link #legacy}).
 */
@CharteIntegrationTest
class KeyRotationTests {

    @Autowired
    JdbcKeyRotation rotation;

    @Autowired
    MasterKeys masters;

    @Autowired
    Subjects subjects;

    @Autowired
    Vault vault;

    @Autowired
    JdbcClient jdbc;

    record Wrapped(UUID subject, byte[] key, String masterKeyId) {}

    /** The data keys wrapped by a master key (from before epochs). */
    static List<Wrapped> wrappedKeys(JdbcClient jdbc) {
        return jdbc.sql("SELECT subject_id, wrapped_key, master_key_id FROM subject_key WHERE epoch IS NULL")
                .query((rs, n) -> new Wrapped(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getString(3))).list();
    }

    /** Turns a person's key into one from before key epochs: wrapped by the master key in force, no epoch. */
    static void legacy(ConfigurableApplicationContext context, UUID id) {
        legacy(context.getBean(JdbcVault.class), context.getBean(MasterKeys.class), context.getBean(JdbcClient.class), id);
    }

    static void legacy(JdbcVault vault, MasterKeys masters, JdbcClient jdbc, UUID id) {
        byte[] raw = ((JdbcVault.DataKey) vault.key(id)).key().getEncoded();
        MasterKey master = masters.current();
        jdbc.sql("UPDATE subject_key SET wrapped_key = ?, master_key_id = ?, epoch = NULL WHERE subject_id = ?")
                .params(AesGcm.seal(master.key(), JdbcVault.dataKeyContext(id), raw), master.id(), id).update();
    }

    @Autowired
    JdbcVault jdbcVault;

    static PersonalData person(String email) {
        return new PersonalData(new Identity("Mme", "Rotation", "Clé", LocalDate.of(1975, 3, 3)),
                new Contacts(List.of(), List.of(email), List.of("+33612345678")), null);
    }

    byte[] sealedIdentity(UUID id) {
        return jdbc.sql("SELECT identity FROM data_subject WHERE id = ?").param(id).query(byte[].class).single();
    }

    @Test
    @DisplayName("R8.4 master key rotation rewraps every key it wraps under a new master key without touching the data; interrupted, it loses nothing and a re-run finishes it")
    void rotate() throws Exception {
        List<UUID> people = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            people.add(subjects.register(SubjectStatus.PROSPECT, person("rotation" + i + "." + UUID.randomUUID() + "@exemple.fr"),
                    LocalDate.of(2026, 1, 5)));
        }
        String email = "rotation.findme." + UUID.randomUUID() + "@exemple.fr";
        UUID found = subjects.register(SubjectStatus.PROSPECT, person(email), LocalDate.of(2026, 1, 5));
        people.add(found);
        people.forEach(id -> legacy(jdbcVault, masters, jdbc, id));
        byte[] secret = vault.sealSecret("totp:test", "a secret".getBytes(StandardCharsets.UTF_8));
        byte[] sealedBefore = sealedIdentity(found);
        MasterKey old = masters.current();
        Path keyFile = masters.file();
        Path previousFile = keyFile.resolveSibling("master.key.previous");

        KeyRotation.Result partial = rotation.rotate(1);
        assertThat(partial.outcome()).isEqualTo(KeyRotation.Outcome.INCOMPLETE);
        assertThat(partial.dataKeys()).isEqualTo(1);
        assertThat(partial.fromKeyId()).isEqualTo(old.id());
        assertThat(Files.exists(previousFile)).as("the old key is kept until every key is rewrapped").isTrue();
        assertThat(wrappedKeys(jdbc)).extracting(Wrapped::masterKeyId).contains(old.id(), partial.toKeyId());
        for (UUID id : people) {
            assertThat(subjects.isAdultOn(id, LocalDate.of(2026, 1, 1))).as("keys under either master key open").isTrue();
        }
        assertThat(subjects.findByEmail(email)).contains(found);

        KeyRotation.Result done = rotation.rotate();
        assertThat(done.outcome()).isEqualTo(KeyRotation.Outcome.ROTATED);
        assertThat(done.resumed()).isTrue();
        assertThat(done.toKeyId()).isEqualTo(partial.toKeyId());
        assertThat(Files.exists(previousFile)).isFalse();
        assertThat(MasterKey.fromBase64(Files.readString(keyFile), "test").id()).isEqualTo(done.toKeyId());
        assertThat(masters.current().id()).isEqualTo(done.toKeyId());

        List<Wrapped> keys = wrappedKeys(jdbc);
        assertThat(keys).extracting(Wrapped::masterKeyId).containsOnly(done.toKeyId());
        for (Wrapped wrapped : keys) {
            assertThatThrownBy(() -> AesGcm.open(old.key(), JdbcVault.dataKeyContext(wrapped.subject()), wrapped.key()))
                    .as("the old master key opens no wrapped key any more").isInstanceOf(IllegalArgumentException.class);
        }
        for (UUID id : people) {
            assertThat(subjects.isAdultOn(id, LocalDate.of(2026, 1, 1))).isTrue();
        }
        assertThat(sealedIdentity(found)).as("the sealed data is not touched").isEqualTo(sealedBefore);
        assertThat(subjects.findByEmail(email)).as("blind indexes do not change").contains(found);
        assertThat(new String(vault.openSecret("totp:test", secret), StandardCharsets.UTF_8)).isEqualTo("a secret");
    }

    // --- the command, on a database of its own ----------------------------------------------------

    record Run(int code, String out, String err) {}

    static Run charte(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CharteCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static String user() {
        String user = System.getenv("CHARTE_DB_USER");
        return user == null ? "charte" : user;
    }

    /** Charte without its web server on that database, with these extra properties, as a node would run. */
    static void withCharte(String url, Path dataDir, Map<String, String> properties, Consumer<ConfigurableApplicationContext> work) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user(),
                "--spring.datasource.password=", "--charte.data-dir=" + dataDir));
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        try (var context = new SpringApplicationBuilder(CharteApplication.class).web(WebApplicationType.NONE).run(args.toArray(String[]::new))) {
            work.accept(context);
        }
    }

    @Test
    @DisplayName("R8.4 'charte vault rotate' with the key file: one run rewraps every key the master key wraps; the data still opens, the old key opens nothing")
    void command(@TempDir Path dataDir) throws Exception {
        String url = TestDatabase.newDatabaseUrl();
        Run none = charte("vault", "rotate", "--database-url", url, "--data-dir", dataDir.toString());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no master key");
        assertThat(dataDir.resolve("master.key")).as("rotation never creates a first key").doesNotExist();

        List<UUID> people = new ArrayList<>();
        withCharte(url, dataDir, Map.of(), context -> {
            for (int i = 0; i < 5; i++) {
                people.add(context.getBean(Subjects.class).register(SubjectStatus.CLIENT_ACTIVE,
                        person("cli" + i + "@exemple.fr"), LocalDate.of(2026, 1, 5)));
                legacy(context, people.getLast());
            }
        });
        MasterKey old = MasterKey.fromBase64(Files.readString(dataDir.resolve("master.key")), "test");

        Run rotated = charte("vault", "rotate", "--database-url", url, "--data-dir", dataDir.toString());
        assertThat(rotated.code()).as(rotated.err()).isZero();
        // the vault's own keys: blind index, secrets, suppression list, signed links
        assertThat(rotated.out()).contains("Master key rotated: 5 data keys and 4 vault keys rewrapped under master key")
                .contains("back it up now");
        MasterKey current = MasterKey.fromBase64(Files.readString(dataDir.resolve("master.key")), "test");
        assertThat(current.id()).isNotEqualTo(old.id());
        assertThat(dataDir.resolve("master.key.previous")).doesNotExist();

        withCharte(url, dataDir, Map.of(), context -> {
            Subjects subjects = context.getBean(Subjects.class);
            people.forEach(id -> assertThat(subjects.isAdultOn(id, LocalDate.of(2026, 1, 1))).isTrue());
            assertThat(subjects.findByEmail("cli3@exemple.fr")).contains(people.get(3));
            for (Wrapped wrapped : wrappedKeys(context.getBean(JdbcClient.class))) {
                assertThat(wrapped.masterKeyId()).isEqualTo(current.id());
                assertThatThrownBy(() -> AesGcm.open(old.key(), JdbcVault.dataKeyContext(wrapped.subject()), wrapped.key()))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        });
    }

    @Test
    @DisplayName("R8.4 with the key in the environment: a first run hands over a new key and changes nothing; with both keys set, a second run rewraps")
    void environment(@TempDir Path dataDir) {
        String url = TestDatabase.newDatabaseUrl();
        MasterKey first = MasterKey.random();
        Map<String, String> firstOnly = Map.of("charte.vault.master-key", first.base64());
        UUID[] person = new UUID[1];
        KeyRotation.Result[] handedOver = new KeyRotation.Result[1];
        withCharte(url, dataDir, firstOnly, context -> {
            person[0] = context.getBean(Subjects.class).register(SubjectStatus.PROSPECT, person("env@exemple.fr"), LocalDate.of(2026, 1, 5));
            legacy(context, person[0]);
            handedOver[0] = context.getBean(KeyRotation.class).rotate();
            assertThat(wrappedKeys(context.getBean(JdbcClient.class))).extracting(Wrapped::masterKeyId).containsOnly(first.id());
        });
        assertThat(handedOver[0].outcome()).isEqualTo(KeyRotation.Outcome.NEW_KEY_FOR_ENVIRONMENT);
        assertThat(handedOver[0].toString()).doesNotContain(handedOver[0].newKey());
        assertThat(dataDir.resolve("master.key")).doesNotExist();
        MasterKey second = MasterKey.fromBase64(handedOver[0].newKey(), "test");

        withCharte(url, dataDir, Map.of("charte.vault.master-key", second.base64(), "charte.vault.previous-master-key", first.base64()),
                context -> {
                    Subjects subjects = context.getBean(Subjects.class);
                    assertThat(subjects.isAdultOn(person[0], LocalDate.of(2026, 1, 1))).as("opens before the rewrap").isTrue();
                    KeyRotation.Result result = context.getBean(KeyRotation.class).rotate();
                    assertThat(result.outcome()).isEqualTo(KeyRotation.Outcome.ROTATED);
                    assertThat(result.dataKeys()).isEqualTo(1);
                    assertThat(result.keyFile()).isNull();
                });
        withCharte(url, dataDir, Map.of("charte.vault.master-key", second.base64()), context -> {
            assertThat(context.getBean(Subjects.class).isAdultOn(person[0], LocalDate.of(2026, 1, 1))).isTrue();
            assertThat(context.getBean(Subjects.class).findByEmail("env@exemple.fr")).contains(person[0]);
        });
        withCharte(url, dataDir, firstOnly, context -> assertThatThrownBy(
                () -> context.getBean(Subjects.class).isAdultOn(person[0], LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("which this node does not have"));
    }

    static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("R8.4 an installation from before the vault's key table keeps its blind indexes and sealed secrets, and they survive a rotation")
    void upgrade(@TempDir Path dataDir) throws Exception {
        String url = TestDatabase.newDatabaseUrl();
        MasterKey first = MasterKey.random();
        MasterKeys.writeAtomically(dataDir.resolve("master.key"), first); // the key file of an existing installation
        // What the vault before V6 wrote: blind indexes under a key derived from the master key, secrets under the master key itself.
        String oldIndex = HexFormat.of().formatHex(hmac(hmac(first.key().getEncoded(), "charte blind index v1"),
                "email:legacy@exemple.fr"));
        byte[] oldSecret = AesGcm.seal(first.key(), "secret:totp:legacy", "seed".getBytes(StandardCharsets.UTF_8));
        UUID[] id = new UUID[1];
        withCharte(url, dataDir, Map.of(), context -> {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM vault_key").query(Long.class).single()).isZero();
            id[0] = context.getBean(Subjects.class).register(SubjectStatus.PROSPECT, person("new@exemple.fr"), LocalDate.of(2026, 1, 5));
            jdbc.sql("INSERT INTO subject_lookup (subject_id, kind, digest) VALUES (?, 'email', ?)").params(id[0], oldIndex).update();
            assertThat(context.getBean(Subjects.class).findByEmail("Legacy@exemple.fr")).contains(id[0]);
            assertThat(context.getBean(Vault.class).openSecret("totp:legacy", oldSecret)).isEqualTo("seed".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(charte("vault", "rotate", "--database-url", url, "--data-dir", dataDir.toString()).code()).isZero();
        withCharte(url, dataDir, Map.of(), context -> {
            assertThat(context.getBean(Subjects.class).findByEmail("legacy@exemple.fr")).contains(id[0]);
            assertThat(context.getBean(Subjects.class).findByEmail("new@exemple.fr")).contains(id[0]);
            assertThat(context.getBean(Vault.class).openSecret("totp:legacy", oldSecret)).isEqualTo("seed".getBytes(StandardCharsets.UTF_8));
        });
    }
}
