package org.charte.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.List;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.PersonalData;
import org.charte.subjects.PostalAddress;
import org.charte.subjects.SubjectStatus;
import org.charte.subjects.Subjects;
import org.charte.testing.CharteIntegrationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CharteIntegrationTest
class VaultTests {

    @Autowired
    Vault vault;

    @Autowired
    Subjects subjects;

    @Autowired
    JdbcClient jdbc;

    static PersonalData someone(String email) {
        return new PersonalData(new Identity("Mme", "QUENTINOT", "Apolline", LocalDate.of(1980, 5, 17)),
                new Contacts(List.of(new PostalAddress(List.of("12 rue des Écoles"), "21000", "Dijon", "FR")), List.of(email),
                        List.of("+33612345678")), null);
    }

    @Test
    @DisplayName("R8.4 a person's identity is stored sealed under their own key, never in clear")
    void sealedAtRest() {
        UUID id = subjects.register(SubjectStatus.PROSPECT, someone("apolline.q@exemple.fr"), LocalDate.of(2026, 1, 5));
        Map<String, Object> row = jdbc.sql("SELECT * FROM data_subject WHERE id = ?").param(id).query().singleRow();
        StringBuilder dump = new StringBuilder();
        row.values().forEach(v -> dump.append(v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(v)).append('|'));
        assertThat(dump.toString()).doesNotContain("QUENTINOT").doesNotContain("Apolline").doesNotContain("apolline.q@exemple.fr")
                .doesNotContain("+33612345678").doesNotContain("Écoles");
        byte[] identity = jdbc.sql("SELECT identity FROM data_subject WHERE id = ?").param(id).query(byte[].class).single();
        assertThat(new String(vault.open(id, "identity", identity), StandardCharsets.UTF_8)).contains("QUENTINOT");
        assertThat(subjects.findByEmail("  Apolline.Q@exemple.fr ")).contains(id);
    }

    @Test
    @DisplayName("R8.4 erasing a person destroys their key: a dump taken before can no longer be read")
    void cryptoShredding() {
        UUID id = subjects.register(SubjectStatus.CLIENT_INACTIVE, someone("shred.me@exemple.fr"), LocalDate.of(2015, 3, 1));
        byte[] backup = jdbc.sql("SELECT identity FROM data_subject WHERE id = ?").param(id).query(byte[].class).single();
        assertThat(vault.open(id, "identity", backup)).isNotEmpty();

        vault.shred(id);

        assertThat(vault.hasKey(id)).isFalse();
        assertThatThrownBy(() -> vault.open(id, "identity", backup)).isInstanceOf(ShreddedException.class);
        assertThatThrownBy(() -> subjects.isAdultOn(id, LocalDate.of(2026, 1, 1))).isInstanceOf(ShreddedException.class);
    }

    @Test
    @DisplayName("R8.4 a sealed value cannot be moved to another field or another person")
    void boundToPersonAndField() {
        UUID first = subjects.register(SubjectStatus.PROSPECT, someone("first@exemple.fr"), LocalDate.of(2026, 1, 5));
        UUID second = subjects.register(SubjectStatus.PROSPECT, someone("second@exemple.fr"), LocalDate.of(2026, 1, 5));
        byte[] sealed = vault.seal(first, "note", "bonjour".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(vault.open(first, "note", sealed), StandardCharsets.UTF_8)).isEqualTo("bonjour");
        assertThatThrownBy(() -> vault.open(first, "other-field", sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vault.open(second, "note", sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThat(vault.blindIndex("email", "a@b.fr")).hasSize(64).isNotEqualTo(vault.blindIndex("phone", "a@b.fr"));
    }

    @Test
    @DisplayName("R8.4 keys made in a batch are stored wrapped, and what their handle seals opens like any other sealed value")
    void batchKeys() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Vault.SubjectKey a = vault.newKey(first);
        Vault.SubjectKey b = vault.newKey(second);
        byte[] sealed = a.seal("identity", "BATCHIER".getBytes(StandardCharsets.UTF_8));
        assertThat(vault.hasKey(first)).as("nothing stored before storeKeys").isFalse();
        vault.storeKeys(List.of(a, b));
        assertThat(vault.hasKey(first)).isTrue();
        assertThat(vault.hasKey(second)).isTrue();
        byte[] wrapped = jdbc.sql("SELECT wrapped_key FROM subject_key WHERE subject_id = ?").param(first).query(byte[].class).single();
        assertThat(wrapped).as("wrapped, not the raw 32 bytes").hasSizeGreaterThan(32);
        assertThat(new String(vault.open(first, "identity", sealed), StandardCharsets.UTF_8)).isEqualTo("BATCHIER");
        assertThat(new String(vault.key(first).open("identity", vault.seal(first, "identity", "X".getBytes(StandardCharsets.UTF_8))),
                StandardCharsets.UTF_8)).isEqualTo("X");
        assertThatThrownBy(() -> vault.open(second, "identity", sealed)).as("bound to its person").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.open("contacts", sealed)).as("bound to its field").isInstanceOf(IllegalArgumentException.class);
        vault.shred(first);
        assertThatThrownBy(() -> vault.key(first)).isInstanceOf(ShreddedException.class);
    }

    @Test
    @DisplayName("R8.4 a key read on demand opens the person's values, and once the key is destroyed its first use fails like open")
    void keyOnDemand() {
        UUID id = subjects.register(SubjectStatus.PROSPECT, someone("on.demand@exemple.fr"), LocalDate.of(2026, 1, 5));
        byte[] first = vault.seal(id, "note:1", "un".getBytes(StandardCharsets.UTF_8));
        byte[] second = vault.seal(id, "note:2", "deux".getBytes(StandardCharsets.UTF_8));
        Vault.SubjectKey key = vault.keyOnDemand(id);
        assertThat(key.subjectId()).isEqualTo(id);
        assertThat(new String(key.open("note:1", first), StandardCharsets.UTF_8)).isEqualTo("un");
        assertThat(new String(key.open("note:2", second), StandardCharsets.UTF_8)).isEqualTo("deux");
        assertThatThrownBy(() -> key.open("note:1", second)).isInstanceOf(IllegalArgumentException.class);

        Vault.SubjectKey unused = vault.keyOnDemand(id);
        vault.shred(id);
        assertThatThrownBy(() -> unused.open("note:1", first)).isInstanceOf(ShreddedException.class);
    }

    /** The person's key as a read of their own row brings it ({@link Vault#KEY_COLUMNS}, {@link Vault#keyJoin}). */
    Vault.SubjectKey keyWithRow(UUID id) {
        return jdbc.sql("SELECT s.id, " + Vault.KEY_COLUMNS + " FROM data_subject s" + Vault.keyJoin("s.id") + "WHERE s.id = ?").param(id)
                .query((rs, n) -> {
                    try {
                        return vault.keyOnDemand(id, rs, 2);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }).single();
    }

    @Test
    @DisplayName("R8.4 a key read with the person's row opens their values; once the key is destroyed, a row read has no key and its first use fails like open")
    void keyReadWithTheRow() {
        UUID id = subjects.register(SubjectStatus.PROSPECT, someone("with.row@exemple.fr"), LocalDate.of(2026, 1, 5));
        byte[] sealed = vault.seal(id, "note:1", "un".getBytes(StandardCharsets.UTF_8));
        Vault.SubjectKey key = keyWithRow(id);
        assertThat(key.subjectId()).isEqualTo(id);
        assertThat(new String(key.open("note:1", sealed), StandardCharsets.UTF_8)).isEqualTo("un");
        assertThat(key.seal("note:2", "deux".getBytes(StandardCharsets.UTF_8))).satisfies(
                again -> assertThat(new String(vault.open(id, "note:2", again), StandardCharsets.UTF_8)).isEqualTo("deux"));

        vault.shred(id);
        Vault.SubjectKey gone = keyWithRow(id);
        assertThatThrownBy(() -> gone.open("note:1", sealed)).isInstanceOf(ShreddedException.class);
        assertThatThrownBy(() -> gone.seal("note:1", new byte[1])).isInstanceOf(ShreddedException.class);
    }
}
