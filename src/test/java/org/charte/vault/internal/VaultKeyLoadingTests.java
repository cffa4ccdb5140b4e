package org.charte.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import javax.sql.DataSource;
import org.charte.testing.CharteIntegrationTest;
import org.charte.vault.Vault;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The vault's own keys (blind index, secrets, suppression list, signed links) loaded by a caller
 * that holds the pool's last connection: read on that connection, not in a transaction of its own
 * that would wait for a second one (the stall seen when callers outnumber the pool's connections).
 */
@CharteIntegrationTest
class VaultKeyLoadingTests {

    @Autowired DataSource dataSource;
    @Autowired Vault vault;
    @Autowired MasterKeys masters;
    @Autowired Keystore keystore;
    @Autowired Clock clock;

    @Test
    @DisplayName("R8.4 a vault whose keys are not yet loaded loads them inside a caller's transaction holding the pool's only connection, without waiting for another, and signs and hashes as the application's vault does")
    void loadsOnTheCallersConnection() {
        byte[] payload = "a link".getBytes(StandardCharsets.UTF_8);
        byte[] expected = vault.linkSignature(payload); // the keys exist (made by the application's vault if no test made them)
        HikariDataSource shared = (HikariDataSource) dataSource;
        try (HikariDataSource one = new HikariDataSource()) {
            one.setJdbcUrl(shared.getJdbcUrl());
            one.setUsername(shared.getUsername());
            one.setPassword(shared.getPassword());
            one.setMaximumPoolSize(1);
            one.setConnectionTimeout(1000);
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(one);
            // a new vault over that pool: its keys are loaded at its first use
            JdbcVault fresh = new JdbcVault(JdbcClient.create(one), new JdbcTemplate(one), clock, masters, keystore, transactions);
            byte[] signature = new TransactionTemplate(transactions).execute(status -> {
                // the caller's transaction holds the pool's only connection
                assertThat(JdbcClient.create(one).sql("SELECT COUNT(*) FROM vault_key").query(Long.class).single()).isEqualTo(4L);
                return fresh.linkSignature(payload);
            });
            assertThat(signature).isEqualTo(expected);
            assertThat(fresh.suppressionHash("email", "louis@example.org")).isEqualTo(vault.suppressionHash("email", "louis@example.org"));
        }
    }
}
