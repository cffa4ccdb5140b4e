package org.charte.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.charte.CharteApplication;
import org.charte.cli.AuditCommandTests.Run;
import org.charte.commerce.SyntheticCommerce;
import org.charte.subjects.Contacts;
import org.charte.subjects.Identity;
import org.charte.subjects.Subjects;
import org.charte.subjects.SyntheticSubjects;
import org.charte.support.SyntheticSupport;
import org.charte.testing.TestDatabase;
import org.charte.vault.Vault;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** {@code charte generate} against a database of its own (H2, or PostgreSQL in the PostgreSQL suite). */
@Tag("db")
class GenerateCommandTests {

    static final List<String> TABLES = List.of("data_subject", "subject_lookup", "subject_key", "client_account", "subscription",
            "customer_order", "order_line", "invoice", "payment", "support_ticket", "ticket_message");

    @Test
    @DisplayName("R3.1 R3.2 R8.4 generate writes N fictitious people with their relationship, every personal value sealed, "
            + "findable by blind index, and nothing in the audit log")
    void generates(@TempDir Path dataDir) {
        String url = TestDatabase.newDatabaseUrl();
        Run run = AuditCommandTests.charte("generate", "--subjects", "200", "--seed", "7", "--database-url", url, "--data-dir", dataDir.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Generated 200 people").contains("seed 7");
        assertThat(run.err()).contains("200/200 people").doesNotContain("Exception");

        try (var context = new SpringApplicationBuilder(CharteApplication.class).web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=" + AuditCommandTests.user(), "--spring.datasource.password=",
                        "--charte.data-dir=" + dataDir)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            Vault vault = context.getBean(Vault.class);
            Subjects subjects = context.getBean(Subjects.class);
            assertThat(count(jdbc, "data_subject")).isEqualTo(200);
            assertThat(count(jdbc, "subject_key")).as("a key per person").isEqualTo(200);
            assertThat(count(jdbc, "subject_lookup")).as("name, e-mail and phone indexed").isEqualTo(600);
            long clients = jdbc.sql("SELECT COUNT(*) FROM data_subject WHERE status <> 'PROSPECT'").query(Long.class).single();
            assertThat(clients).isBetween(100L, 170L);
            assertThat(count(jdbc, "client_account")).isEqualTo(clients);
            assertThat(count(jdbc, "subscription")).isGreaterThanOrEqualTo(clients);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM subscription WHERE terminated_on IS NOT NULL").query(Long.class).single()).isPositive();
            assertThat(count(jdbc, "customer_order")).isPositive();
            assertThat(count(jdbc, "invoice")).isGreaterThanOrEqualTo(clients);
            assertThat(count(jdbc, "payment")).isPositive();
            assertThat(count(jdbc, "support_ticket")).isPositive();
            assertThat(count(jdbc, "ticket_message")).isGreaterThanOrEqualTo(2 * count(jdbc, "support_ticket"));
            assertThat(jdbc.sql("SELECT COUNT(DISTINCT number) FROM invoice").query(Long.class).single())
                    .as("invoice numbers from the gapless counter").isEqualTo(count(jdbc, "invoice"));
            assertThat(count(jdbc, "audit_entry")).as("synthetic loading is no one's access").isZero();

            // Open one client's data as the vault does, then look for it in clear everywhere.
            Map<String, Object> row = jdbc.sql("SELECT id, identity, contacts FROM data_subject WHERE status = 'CLIENT_ACTIVE' ORDER BY id")
                    .query().listOfRows().getFirst();
            UUID id = (UUID) row.get("id");
            JsonMapper json = JsonMapper.builder().build();
            Identity identity = json.readValue(vault.open(id, "identity", (byte[]) row.get("identity")), Identity.class);
            Contacts contacts = json.readValue(vault.open(id, "contacts", (byte[]) row.get("contacts")), Contacts.class);
            assertThat(identity.birthDate()).isNotNull();
            assertThat(contacts.phones().getFirst()).matches("\\+33[67][0-9]{8}");
            assertThat(contacts.addresses().getFirst().postalCode()).matches("[0-9]{5}");
            String email = contacts.emails().getFirst();
            StringBuilder dump = new StringBuilder();
            for (String table : TABLES) {
                for (Map<String, Object> r : jdbc.sql("SELECT * FROM " + table).query().listOfRows()) {
                    r.values().forEach(v -> dump.append(v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(v)).append('|'));
                }
            }
            assertThat(dump.toString()).doesNotContain(email).doesNotContain("@example.").doesNotContain(identity.lastName())
                    .doesNotContain(contacts.phones().getFirst()).doesNotContain(contacts.addresses().getFirst().lines().getFirst())
                    .doesNotContain("export");
            assertThat(subjects.findByEmail(email.toUpperCase(Locale.ROOT))).as("found through the blind index").contains(id);

            // And the bulk paths refuse to run in an application not started for synthetic data.
            assertThatThrownBy(() -> context.getBean(SyntheticSubjects.class).generate(new Random(1), 1))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("charte generate");
            assertThatThrownBy(() -> context.getBean(SyntheticCommerce.class).generate(new Random(1), List.of()))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> context.getBean(SyntheticSupport.class).generate(new Random(1), List.of()))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(count(jdbc, "data_subject")).isEqualTo(200);
        }
    }

    static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    @Test
    @DisplayName("generate with a missing, zero, negative or non-numeric --subjects prints the usage and exits 2, without a stack trace")
    void badArguments() {
        for (String[] args : List.of(new String[] {"generate"}, new String[] {"generate", "--subjects", "0"},
                new String[] {"generate", "--subjects", "-5"}, new String[] {"generate", "--subjects", "many"},
                new String[] {"generate", "--subjects", "10", "--seed", "x"}, new String[] {"generate", "--subjects", "10", "--frobnicate"})) {
            Run run = AuditCommandTests.charte(args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", args)).contains("Usage: charte generate").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }
}
